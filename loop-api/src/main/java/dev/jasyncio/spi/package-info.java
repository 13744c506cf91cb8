/**
 * The service-provider interface that backends implement: an {@link dev.jasyncio.spi.EventLoopProvider}
 * found with {@link java.util.ServiceLoader}, which makes one {@link dev.jasyncio.spi.IoDriver} per loop.
 *
 * <p>Depends only on {@code dev.jasyncio}'s public types. Application code never needs this package.
 */
package dev.jasyncio.spi;
