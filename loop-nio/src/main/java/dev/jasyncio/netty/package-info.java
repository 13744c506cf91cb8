/**
 * What the Netty backends share: {@link dev.jasyncio.netty.NettyDriver}, the I/O driver through
 * which the loop thread drives one Netty {@code ManualIoEventLoop};
 * {@link dev.jasyncio.netty.LoopGroup}, N loops on their own threads that form one Netty
 * {@code EventLoopGroup}; {@link dev.jasyncio.netty.ChannelKinds}, the channel classes a
 * backend's loops accept; and the TCP transports of {@code dev.jasyncio.net}: the driver is the
 * loop's {@link dev.jasyncio.spi.NetworkBackend}, whose connections run as Netty channels of the
 * loop's own Netty event loop, with a handler that calls the protocol on the loop thread (TLS by
 * Netty's {@code SslHandler} over the JDK's {@code SSLEngine}).
 *
 * <p>A backend ({@code dev.jasyncio.nio}, {@code dev.jasyncio.epoll}) differs from another only in
 * the Netty {@code IoHandlerFactory}, the channel classes and the granularity of its waits. The
 * rules that keep Netty and the Jasyncio loop on one thread without losing wakeups or sleeping
 * inside the loop are in {@code NettyDriver}'s implementation overview.
 *
 * <p>Depends on {@code dev.jasyncio}, {@code dev.jasyncio.net}, {@code dev.jasyncio.spi} and
 * Netty's transport and handler modules; never on a backend package.
 */
package dev.jasyncio.netty;
