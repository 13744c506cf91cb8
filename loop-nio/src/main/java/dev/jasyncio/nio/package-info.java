/**
 * The {@code nio} backend: {@link dev.jasyncio.nio.NioLoopProvider}, registered with
 * {@link java.util.ServiceLoader}, makes loops whose driver is a
 * {@link dev.jasyncio.netty.NettyDriver} over Netty's {@code NioIoHandler}.
 *
 * <p>Everything but the handler factory, the channel classes and the millisecond wait
 * granularity lives in {@code dev.jasyncio.netty}. Depends on {@code dev.jasyncio},
 * {@code dev.jasyncio.spi}, {@code dev.jasyncio.netty} and Netty's NIO transport only.
 */
package dev.jasyncio.nio;
