package dev.jasyncio.netty;

import dev.jasyncio.EventLoop;
import dev.jasyncio.ExceptionContext;
import dev.jasyncio.Future;
import dev.jasyncio.net.BaseProtocol;
import dev.jasyncio.net.ConnectOptions;
import dev.jasyncio.net.DatagramOptions;
import dev.jasyncio.net.DatagramProtocol;
import dev.jasyncio.net.DatagramTransport;
import dev.jasyncio.net.ServerOptions;
import dev.jasyncio.net.Transport;
import dev.jasyncio.spi.NetworkBackend;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.IoEventLoop;
import io.netty.channel.ReflectiveChannelFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.DuplexChannelConfig;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.unix.UnixChannelOption;
import io.netty.handler.ssl.SslHandler;
import io.netty.resolver.NoopAddressResolverGroup;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.time.Duration;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The network half of the Netty backends: connects and listens (TCP and Unix stream sockets) with
 * Netty bootstraps on the loop's own Netty event loop, and runs each connection as a
 * {@link NettyTransport}; UDP endpoints come from {@link NettyDatagrams}.
 */
final class NettyNetwork implements NetworkBackend {
    /*
     * Overview: a Bootstrap / ServerBootstrap per call, on `io` (a one-loop EventLoopGroup), with
     * the backend's channel classes (a Unix listening channel comes bound from ChannelKinds and is
     * only registered). Addresses arrive resolved, and Bootstrap gets a no-op
     * resolver, so Netty never looks a name up on the loop thread (its default resolver would
     * call InetAddress.getByName there). Every connection is half-closable (so the peer's EOF
     * is an event, not a close), and a TCP one TCP_NODELAY, as asyncio sets it.
     *
     * Futures: the loop futures returned here are completed from Netty listeners and pipeline
     * events, which run on the loop thread. Cancelling one closes the channel.
     */

    private static final System.Logger LOG = System.getLogger("dev.jasyncio.net");

    private final EventLoop loop;
    private final IoEventLoop io;
    private final ChannelKinds kinds;

    NettyNetwork(EventLoop loop, IoEventLoop io, ChannelKinds kinds) {
        this.loop = loop;
        this.io = io;
        this.kinds = kinds;
    }

    @Override
    public Future<Transport> connect(InetSocketAddress remote, ConnectOptions options,
            Supplier<? extends BaseProtocol> protocolFactory) {
        io.netty.channel.ChannelFactory<Channel> sockets = new ReflectiveChannelFactory<>(kinds.socket());
        return connect(sockets, remote, remote.getPort(), true, options, protocolFactory);
    }

    @Override
    public Future<Transport> connectUnix(UnixDomainSocketAddress remote, ConnectOptions options,
            Supplier<? extends BaseProtocol> protocolFactory) {
        UnixDomainChannels unix = kinds.unixDomain();
        io.netty.channel.ChannelFactory<Channel> sockets = unix::newSocket;
        return connect(sockets, unix.address(remote), -1, false, options, protocolFactory);
    }

    /** Connects a stream channel from {@code sockets}; {@code tcp} sets TCP_NODELAY; {@code port} is TLS's peer port hint. */
    private Future<Transport> connect(io.netty.channel.ChannelFactory<Channel> sockets, SocketAddress remote, int port, boolean tcp,
            ConnectOptions options, Supplier<? extends BaseProtocol> protocolFactory) {
        Future<Transport> result = loop.createFuture();
        SSLContext tlsContext = options.tls();
        ClientStart start = new ClientStart(result, protocolFactory);
        Bootstrap b = new Bootstrap()
            .group(io)
            .channelFactory(sockets)
            .resolver(NoopAddressResolverGroup.INSTANCE)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                options.connectTimeout() == null ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.max(1, options.connectTimeout().toMillis())))
            .handler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    SslHandler tls = tlsContext == null ? null
                        : TlsEngines.client(tlsContext, options.serverHostname(), port,
                            options.tlsHandshakeTimeout(), options.tlsShutdownTimeout());
                    allowHalfClosure(ch);
                    if (tls != null) {
                        ch.pipeline().addLast("tls", tls);
                    }
                    ch.pipeline().addLast(NettyTransport.HANDLER_NAME, new NettyTransport(loop, ch, tls, tlsContext, start));
                }
            });
        if (tcp) {
            b.option(ChannelOption.TCP_NODELAY, true);
        }
        ChannelFuture connecting = options.localAddress() == null || !tcp ? b.connect(remote)
            : b.connect(remote, options.localAddress());
        connecting.addListener(f -> {
            if (!f.isSuccess() && !result.isDone()) {
                result.setException(asIOException(f.cause()));
            }
        });
        closeOnCancel(result, connecting);
        return result;
    }

    /**
     * The peer's EOF is an event, not a close. Set on the config rather than as
     * ALLOW_HALF_CLOSURE: Netty's NioDomainSocketChannel does not take that option (it warns
     * "Unknown channel option" and closes on EOF), though its config has the setter.
     */
    static void allowHalfClosure(Channel ch) {
        ((DuplexChannelConfig) ch.config()).setAllowHalfClosure(true);
    }

    private static void closeOnCancel(Future<?> result, ChannelFuture channelFuture) {
        result.addDoneCallback(r -> {
            if (r.isCancelled()) {
                channelFuture.channel().close();
            }
        });
    }

    @Override
    public Future<Listener> listen(InetSocketAddress local, ServerOptions options, Acceptor acceptor) {
        ServerBootstrap b = serverBootstrap(options, acceptor)
            .channel(kinds.serverSocket())
            .option(ChannelOption.SO_BACKLOG, options.backlog())
            .option(ChannelOption.SO_REUSEADDR, options.reuseAddress())
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.SO_KEEPALIVE, options.keepAlive());
        if (options.reusePort()) {
            setReusePort(b);
        }
        return listening(b.bind(local), null);
    }

    @Override
    public Future<Listener> listenUnix(UnixDomainSocketAddress local, ServerOptions options, Acceptor acceptor) {
        ServerChannel bound;
        try {
            bound = kinds.unixDomain().bindServer(local, options.backlog());
        } catch (IOException | RuntimeException e) {
            Future<Listener> failed = loop.createFuture();
            failed.setException(bindError(e));
            return failed;
        }
        // Bound already: registering it with the loop is all that is left.
        io.netty.channel.ChannelFactory<ServerChannel> preBound = () -> bound;
        return listening(registeredWithAcceptor(serverBootstrap(options, acceptor).channelFactory(preBound).register()), local);
    }

    /**
     * Done once a registered listening channel can accept. ServerBootstrap puts its acceptor into
     * the pipeline from a task it queues during registration, yet completes {@code registering}
     * before that task runs: a listener handed out then could start accepting (the kernel has
     * queued clients since the bind) into a pipeline without the acceptor, where Netty drops the
     * accepted channel unregistered and never closes it. A bind is queued after that task by
     * ServerBootstrap itself; this registration needs one of its own.
     */
    private static ChannelFuture registeredWithAcceptor(ChannelFuture registering) {
        ChannelPromise ready = registering.channel().newPromise();
        registering.addListener(f -> {
            if (f.isSuccess()) {
                registering.channel().eventLoop().execute(ready::trySuccess);
            } else {
                ready.tryFailure(f.cause());
            }
        });
        return ready;
    }

    /** A server bootstrap on the loop whose connections run as NettyTransports, TLS as {@code options} say. */
    private ServerBootstrap serverBootstrap(ServerOptions options, Acceptor acceptor) {
        SSLContext tlsContext = options.tls();
        return new ServerBootstrap()
            .group(io)
            // Accepting starts with startAccepting(): until then the kernel queues connections.
            .option(ChannelOption.AUTO_READ, false)
            .childHandler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    SslHandler tls = tlsContext == null ? null
                        : TlsEngines.server(tlsContext, options.tlsHandshakeTimeout(), options.tlsShutdownTimeout());
                    allowHalfClosure(ch);
                    if (tls != null) {
                        ch.pipeline().addLast("tls", tls);
                    }
                    ch.pipeline().addLast(NettyTransport.HANDLER_NAME, new NettyTransport(loop, ch, tls, tlsContext, new ServerStart(acceptor)));
                }
            });
    }

    /** The listener once {@code binding} is done; {@code address} null: the channel's own. */
    private Future<Listener> listening(ChannelFuture binding, SocketAddress address) {
        Future<Listener> result = loop.createFuture();
        binding.addListener(f -> {
            if (!f.isSuccess()) {
                if (!result.isDone()) {
                    result.setException(bindError(f.cause()));
                }
            } else if (result.isDone()) {
                binding.channel().close();
            } else {
                Channel ch = binding.channel();
                result.setResult(new NettyListener(ch, address != null ? address : ch.localAddress()));
            }
        });
        closeOnCancel(result, binding);
        return result;
    }

    @Override
    public Future<DatagramTransport> openDatagram(InetSocketAddress local, InetSocketAddress remote,
            DatagramOptions options, Supplier<? extends DatagramProtocol> protocolFactory) {
        return new NettyDatagrams(loop, io, kinds).open(local, remote, options, protocolFactory);
    }

    @Override
    public Future<Transport> startTls(Transport transport, BaseProtocol protocol, SSLContext context, boolean serverSide,
            String serverHostname, Duration handshakeTimeout, Duration shutdownTimeout) {
        if (!(transport instanceof NettyTransport old) || old.channel().eventLoop() != io) {
            throw new IllegalArgumentException("startTls: " + transport + " is not a transport of this loop");
        }
        Future<Transport> result = loop.createFuture();
        if (!old.canStartTls()) {
            result.setException(new SocketException("startTls: " + transport
                + " is closing, already speaks TLS, or was upgraded already"));
            return result;
        }
        int port = old.channel().remoteAddress() instanceof InetSocketAddress a ? a.getPort() : -1;
        SslHandler tls = serverSide ? TlsEngines.server(context, handshakeTimeout, shutdownTimeout)
            : TlsEngines.client(context, serverHostname, port, handshakeTimeout, shutdownTimeout);
        NettyTransport upgraded = new NettyTransport(loop, old.channel(), tls, context, new UpgradeStart(result, protocol));
        old.handOver(upgraded, tls);
        result.addDoneCallback(r -> {
            if (r.isCancelled()) {
                upgraded.abort();
                upgraded.channel().close();
            }
        });
        return result;
    }

    /** SO_REUSEPORT: the JDK's socket option on NIO, Netty's native one on the Unix transports. */
    private void setReusePort(ServerBootstrap b) {
        b.option(reusePortOption(kinds), true);
    }

    static ChannelOption<Boolean> reusePortOption(ChannelKinds kinds) {
        return NioServerSocketChannel.class.isAssignableFrom(kinds.serverSocket())
            ? NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT) : UnixChannelOption.SO_REUSEPORT;
    }

    /** Any failure to bind is a BindException; the native transports throw a plain IOException. */
    static IOException bindError(Throwable t) {
        if (t instanceof BindException b) {
            return b;
        }
        if (t instanceof IOException) {
            BindException b = new BindException(t.getMessage());
            b.initCause(t);
            return b;
        }
        return asIOException(t);
    }

    static IOException asIOException(Throwable t) {
        if (t instanceof IOException io) {
            return io;
        }
        if (t != null && t.getCause() instanceof IOException io) {
            return io;
        }
        return new IOException(t);
    }

    /** Completes a connect once the transport is ready: one protocol, connectionMade, then the future. */
    private static final class ClientStart implements NettyTransport.Start {
        private final Future<Transport> result;
        private final Supplier<? extends BaseProtocol> protocolFactory;

        ClientStart(Future<Transport> result, Supplier<? extends BaseProtocol> protocolFactory) {
            this.result = result;
            this.protocolFactory = protocolFactory;
        }

        @Override
        public void ready(NettyTransport transport) {
            if (result.isDone()) {
                // Cancelled meanwhile: nobody wants this connection.
                transport.channel().close();
                return;
            }
            BaseProtocol protocol;
            try {
                protocol = protocolFactory.get();
            } catch (Throwable t) {
                result.setException(t);
                transport.channel().close();
                return;
            }
            transport.start(protocol);
            result.setResult(transport);
        }

        @Override
        public void failed(NettyTransport transport, Throwable cause) {
            if (!result.isDone()) {
                result.setException(asIOException(cause));
            }
            transport.channel().close();
        }
    }

    /** Completes a startTls once the handshake is done: the protocol carries on, without connectionMade. */
    private static final class UpgradeStart implements NettyTransport.Start {
        private final Future<Transport> result;
        private final BaseProtocol protocol;

        UpgradeStart(Future<Transport> result, BaseProtocol protocol) {
            this.result = result;
            this.protocol = protocol;
        }

        @Override
        public void ready(NettyTransport transport) {
            if (result.isDone()) {
                transport.channel().close();
                return;
            }
            transport.startUpgraded(protocol);
            result.setResult(transport);
        }

        @Override
        public void failed(NettyTransport transport, Throwable cause) {
            if (!result.isDone()) {
                result.setException(asIOException(cause));
            }
            transport.channel().close();
        }
    }

    /** Hands an accepted connection, once ready, to the server. */
    private final class ServerStart implements NettyTransport.Start {
        private final Acceptor acceptor;

        ServerStart(Acceptor acceptor) {
            this.acceptor = acceptor;
        }

        @Override
        public void ready(NettyTransport transport) {
            BaseProtocol protocol;
            try {
                protocol = acceptor.accepted(transport);
            } catch (Throwable t) {
                loop.callExceptionHandler(ExceptionContext.of("Error on transport creation for incoming connection", t)
                    .with("transport", transport));
                transport.channel().close();
                return;
            }
            transport.setAcceptor(acceptor);
            transport.start(protocol);
        }

        @Override
        public void failed(NettyTransport transport, Throwable cause) {
            // asyncio logs a failed TLS handshake of an incoming connection at debug level only.
            LOG.log(System.Logger.Level.DEBUG, "incoming connection {0} failed before it was ready", transport, cause);
            transport.channel().close();
        }
    }

    /** One listening channel. */
    private static final class NettyListener implements Listener {
        private final Channel channel;
        private final SocketAddress address;

        NettyListener(Channel channel, SocketAddress address) {
            this.channel = channel;
            this.address = address;
        }

        @Override
        public SocketAddress localAddress() {
            return address;
        }

        @Override
        public void startAccepting() {
            channel.config().setAutoRead(true);
        }

        @Override
        public void close() {
            channel.close();
        }
    }
}
