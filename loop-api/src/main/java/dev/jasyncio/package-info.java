/**
 * Jasyncio's everyday API: {@link dev.jasyncio.Async} (static entry points),
 * {@link dev.jasyncio.EventLoop}, {@link dev.jasyncio.Future}, {@link dev.jasyncio.Handle},
 * {@link dev.jasyncio.LoopFactory}, {@link dev.jasyncio.Runner}.
 *
 * <p>The package also holds, package-private, the backend-free loop core: the ready queue and
 * {@code LoopCore}, {@code TimerHeap}, the cross-thread {@code Inbox}. It depends only on the JDK
 * and on {@code dev.jasyncio.spi}; backends reach it only through that SPI.
 */
package dev.jasyncio;
