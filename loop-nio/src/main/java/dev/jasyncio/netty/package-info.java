/**
 * What the Netty backends share: {@link dev.jasyncio.netty.NettyDriver}, the I/O driver through
 * which the loop thread drives one Netty {@code ManualIoEventLoop};
 * {@link dev.jasyncio.netty.LoopGroup}, N loops on their own threads that form one Netty
 * {@code EventLoopGroup}; {@link dev.jasyncio.netty.ChannelKinds}, the channel classes a
 * backend's loops accept; and the TCP, UDP and Unix-socket transports of
 * {@code dev.jasyncio.net}: the driver is the loop's {@link dev.jasyncio.spi.NetworkBackend},
 * whose connections run as Netty channels of the loop's own Netty event loop, with a handler that
 * calls the protocol on the loop thread (TLS by Netty's {@code SslHandler} over the JDK's
 * {@code SSLEngine}); and {@link dev.jasyncio.netty.ChannelStreams}, which gives any channel of
 * those loops, behind its own codecs, the same transport and streams.
 *
 * <p>A backend ({@code dev.jasyncio.nio}, {@code dev.jasyncio.epoll}) differs from another only in
 * the Netty {@code IoHandlerFactory}, the channel classes and the granularity of its waits. The
 * rules that keep Netty and the Jasyncio loop on one thread without losing wakeups or sleeping
 * inside the loop are in {@code NettyDriver}'s implementation overview.
 *
 * <h2>TCP over Netty: the facts the transports rely on</h2>
 * <ul>
 *   <li><b>Handlers run on the loop thread</b>, inside the driver's poll, so
 *       {@code NettyTransport} calls the protocol directly there (no hop, no callback per read);
 *       only connectionLost and the delivery of reads held during a pause go through
 *       {@code callSoon}, so that neither runs inside another protocol callback.</li>
 *   <li><b>Half-close</b> needs {@code ChannelOption.ALLOW_HALF_CLOSURE}: without it Netty closes
 *       the channel on the peer's FIN; with it a {@code ChannelInputShutdownEvent} arrives (a TLS
 *       close_notify arrives as a successful {@code SslCloseCompletionEvent}).</li>
 *   <li><b>Netty's close and shutdownOutput fail the writes still queued</b> (they do not flush),
 *       so the transports count their own buffered bytes and close or shut down once they are
 *       written; that count also gives asyncio's exact water-mark rules, which Netty's
 *       writability (a per-message overhead, "strictly below low") does not.</li>
 *   <li><b>autoRead off does not stop the batch being read</b>: a read loop in progress still
 *       delivers what it has; the transports hold such reads while paused.</li>
 *   <li><b>Names are resolved before Netty sees them</b> ({@code NoopAddressResolverGroup}):
 *       Bootstrap's default resolver would block the loop thread in {@code getByName}.</li>
 *   <li><b>Errors differ by transport</b>: a refused connect is a {@code ConnectException} on
 *       both; a failed bind is a {@code BindException} on NIO but a plain
 *       {@code Errors.NativeIoException} on epoll (wrapped into a {@code BindException} here); a
 *       reset is a {@code SocketException} on NIO and a {@code NativeIoException} on epoll
 *       (both {@code IOException}s).</li>
 *   <li><b>The JDK's NIO closes a registered socket at the next select</b>: a listening socket
 *       closed by {@code Server.close()} still completes connections made before the loop polls
 *       again (they are then reset). epoll closes at once.</li>
 *   <li><b>SO_REUSEPORT</b>: {@code NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT)} on
 *       NIO, {@code UnixChannelOption.SO_REUSEPORT} on the native transports.</li>
 * </ul>
 *
 * <h2>UDP and Unix sockets over Netty</h2>
 * <ul>
 *   <li><b>A datagram channel's receive buffer is a fixed 2048 bytes</b> by default, and a longer
 *       datagram is cut short: {@code NettyDatagrams} raises it to the largest UDP payload.</li>
 *   <li><b>Netty does not send empty datagrams</b> (both datagram channels skip a message with no
 *       readable bytes), so an empty {@code sendto} sends nothing, as asyncio before 3.13.</li>
 *   <li><b>ICMP errors</b>: a connected datagram channel reports "port unreachable" as a
 *       {@code PortUnreachableException} through {@code exceptionCaught} (epoll translates its
 *       ECONNREFUSED) and stays open; NIO's closes itself on any other receive error, epoll's
 *       never does. A failed send fails that write's promise only.</li>
 *   <li><b>Netty's domain server channels delete the path they were bound to when they
 *       close</b>, whatever file is there by then. The listening Unix sockets here come bound and
 *       leave the file alone ({@code NioUnixServerChannel}; on epoll a channel made from a bound
 *       descriptor has no path), and {@code dev.jasyncio.net} removes the file only if it is still
 *       the one bound.</li>
 *   <li><b>Netty's {@code NioDomainSocketChannel} cannot be half-closed</b>: its config ignores
 *       {@code ALLOW_HALF_CLOSURE}, and the NIO read loop half-closes only for a
 *       {@code SocketChannelConfig}, so the peer's EOF closes it and fails the queued writes.
 *       {@code NioUnixSocketChannel} is the JDK's Unix socket with a config that is one. epoll's
 *       domain channel half-closes.</li>
 *   <li><b>A bootstrap gives its options through {@code ChannelConfig.setOption} only</b>, and
 *       drops with an "Unknown channel option" warning one it answers false to: a config's own
 *       settings (beyond {@code DefaultChannelConfig}'s generic ones) need setters and
 *       {@code setOption}, {@code getOption} and {@code getOptions} cases alike.</li>
 * </ul>
 *
 * <h2>Wrapped channels and sendfile</h2>
 * <ul>
 *   <li><b>Netty's writability counts what our count cannot see</b> on a wrapped channel (other
 *       writers, handlers that expand or hold bytes), so a wrapped transport also pauses its
 *       protocol while the channel is not writable ({@code WriteSide.followChannel}).</li>
 *   <li><b>epoll drops a socket from its set once it has no interest left</b> (reading off and
 *       the input shut down) yet still counts it as added, so re-arming it later fails with
 *       {@code epoll_ctl: ENOENT}: reading is turned back on only while no EOF has arrived.</li>
 *   <li><b>Zero-copy needs a {@code DefaultFileRegion}</b>: epoll hands only that class to
 *       sendfile(2) (another {@code FileRegion} is copied through a buffer), NIO's
 *       {@code transferTo} to a socket is sendfile on Linux; and a released
 *       {@code DefaultFileRegion} closes its file, so the caller's file goes in a subclass that
 *       does not ({@code FileSender}).</li>
 * </ul>
 *
 * <p>Depends on {@code dev.jasyncio}, {@code dev.jasyncio.net}, {@code dev.jasyncio.spi} and
 * Netty's transport and handler modules; never on a backend package.
 */
package dev.jasyncio.netty;
