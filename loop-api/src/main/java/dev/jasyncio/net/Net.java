package dev.jasyncio.net;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.spi.NetworkBackend;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * TCP networking on the running loop: connections and servers with protocols
 * ({@link #createConnection}, {@link #createServer}) or with streams ({@link #openConnection},
 * {@link #startServer}). Every method here may wait, so call it inside a task; the loop runs
 * other work meanwhile. Host names are resolved on the loop's default executor, never on the
 * loop thread.
 *
 * {@snippet :
 * Server server = Net.startServer((reader, writer) -> {
 *     for (byte[] line : reader) {
 *         writer.write(line);
 *         writer.drain();
 *     }
 *     writer.close();
 * }, "127.0.0.1", 0);
 * int port = server.sockets().get(0).getPort();
 * try (Streams s = Net.openConnection("127.0.0.1", port)) {
 *     s.writer().write("hello\n".getBytes(StandardCharsets.US_ASCII));
 *     byte[] echoed = s.reader().readline();
 * }
 * }
 *
 * <p>The loop must come from a backend that does network I/O ({@code nio}, {@code epoll}); the
 * {@code core} backend has none.
 *
 * @apiNote asyncio: {@code loop.create_connection}, {@code loop.create_server},
 *     {@code loop.start_tls}, {@code loop.getaddrinfo}, {@code asyncio.open_connection} and
 *     {@code asyncio.start_server}, as static methods on the running loop: Jasyncio's
 *     {@link EventLoop} has no I/O methods of its own, the backend supplies them.
 */
public final class Net {
    private Net() {}

    // ---- protocols and transports

    /**
     * {@link #createConnection(Supplier, String, int, ConnectOptions)} with the default options.
     *
     * @apiNote asyncio: {@code loop.create_connection(protocol_factory, host, port)}.
     */
    public static <P extends BaseProtocol> Connection<P> createConnection(Supplier<P> protocolFactory, String host, int port)
            throws IOException {
        return createConnection(protocolFactory, host, port, ConnectOptions.defaults());
    }

    /**
     * Connects to {@code host}:{@code port}: resolves the host (off the loop thread), tries each
     * address in turn until one connects (and completes its TLS handshake), then takes one
     * protocol from the factory, calls its {@link BaseProtocol#connectionMade}, and returns.
     *
     * @throws java.net.UnknownHostException if the host cannot be resolved
     * @throws ConnectException if no address accepts the connection (one error per address,
     *     the others suppressed, when they differ)
     * @throws javax.net.ssl.SSLHandshakeException if the TLS handshake fails
     * @throws IOException for any other failure to connect
     * @throws UnsupportedOperationException if the running loop has no network I/O
     * @throws IllegalStateException outside a task
     * @apiNote asyncio: {@code loop.create_connection(protocol_factory, host, port, ...)}; the
     *     addresses are tried one after another (no happy eyeballs).
     */
    public static <P extends BaseProtocol> Connection<P> createConnection(Supplier<P> protocolFactory, String host, int port,
            ConnectOptions options) throws IOException {
        Objects.requireNonNull(protocolFactory, "protocolFactory");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(options, "options");
        EventLoop loop = Async.getRunningLoop();
        NetworkBackend backend = backend(loop);
        List<InetSocketAddress> addresses = resolve(host, port);
        ConnectOptions effective = options.tls() != null && options.serverHostname() == null
            ? options.serverHostname(host) : options;
        List<IOException> errors = new ArrayList<>();
        for (InetSocketAddress address : addresses) {
            List<P> made = new ArrayList<>(1);
            Future<Transport> attempt = backend.connect(address, effective, () -> {
                P p = Objects.requireNonNull(protocolFactory.get(), "the protocol factory returned null");
                made.add(p);
                return p;
            });
            try {
                Transport transport = awaitIo(attempt);
                return new Connection<>(transport, made.get(0));
            } catch (IOException e) {
                errors.add(e);
            }
        }
        throw combined(errors);
    }

    /** asyncio's rule: one error as is; several alike as the first; else one naming them all. */
    static IOException combined(List<IOException> errors) {
        if (errors.size() == 1) {
            return errors.get(0);
        }
        String model = String.valueOf(errors.get(0).getMessage());
        boolean alike = errors.stream().allMatch(e -> model.equals(String.valueOf(e.getMessage())));
        if (alike) {
            return errors.get(0);
        }
        StringBuilder message = new StringBuilder("Multiple exceptions: ");
        for (int i = 0; i < errors.size(); i++) {
            message.append(i == 0 ? "" : ", ").append(errors.get(i).getMessage());
        }
        boolean allConnect = errors.stream().allMatch(e -> e instanceof ConnectException);
        IOException e = allConnect ? new ConnectException(message.toString()) : new IOException(message.toString());
        errors.forEach(e::addSuppressed);
        return e;
    }

    /**
     * {@link #createServer(Supplier, List, int, ServerOptions)} on one host, default options.
     *
     * @apiNote asyncio: {@code loop.create_server(protocol_factory, host, port)}.
     */
    public static Server createServer(Supplier<? extends BaseProtocol> protocolFactory, String host, int port)
            throws IOException {
        return createServer(protocolFactory, host, port, ServerOptions.defaults());
    }

    /**
     * {@link #createServer(Supplier, List, int, ServerOptions)} on one host ({@code null} or
     * empty: every interface).
     *
     * @apiNote asyncio: {@code loop.create_server(protocol_factory, host, port, ...)}.
     */
    public static Server createServer(Supplier<? extends BaseProtocol> protocolFactory, String host, int port,
            ServerOptions options) throws IOException {
        List<String> hosts = new ArrayList<>(1);
        hosts.add(host);
        return createServer(protocolFactory, hosts, port, options);
    }

    /**
     * Listens on every address of every host in {@code hosts} ({@code null} or empty: every
     * interface) at {@code port} (0: a free port per socket), and gives each accepted connection
     * a protocol from the factory. Serves at once unless {@link ServerOptions#startServing(boolean)}
     * says otherwise.
     *
     * @throws BindException if an address cannot be bound (the ones already bound are closed)
     * @throws java.net.UnknownHostException if a host cannot be resolved
     * @throws UnsupportedOperationException if the running loop has no network I/O
     * @throws IllegalStateException outside a task
     * @apiNote asyncio: {@code loop.create_server(protocol_factory, [host1, host2], port, ...)}.
     */
    public static Server createServer(Supplier<? extends BaseProtocol> protocolFactory, List<String> hosts, int port,
            ServerOptions options) throws IOException {
        Objects.requireNonNull(protocolFactory, "protocolFactory");
        Objects.requireNonNull(hosts, "hosts");
        Objects.requireNonNull(options, "options");
        EventLoop loop = Async.getRunningLoop();
        NetworkBackend backend = backend(loop);
        Set<InetSocketAddress> addresses = new LinkedHashSet<>();
        for (String host : hosts.isEmpty() ? java.util.Collections.<String>singletonList(null) : hosts) {
            if (host == null || host.isEmpty()) {
                addresses.add(new InetSocketAddress(port));
            } else {
                addresses.addAll(resolve(host, port));
            }
        }
        TcpServer server = new TcpServer(loop, protocolFactory);
        boolean bound = false;
        try {
            for (InetSocketAddress address : addresses) {
                try {
                    server.add(awaitIo(backend.listen(address, options, server)));
                } catch (BindException e) {
                    BindException named = new BindException("error while attempting to bind on address " + address + ": "
                        + e.getMessage());
                    named.initCause(e);
                    throw named;
                }
            }
            bound = true;
        } finally {
            if (!bound) {
                server.close();
            }
        }
        if (options.startServing()) {
            server.startServing();
        }
        return server;
    }

    /**
     * The addresses of {@code host} at {@code port}, resolved on the loop's default executor
     * (an IP literal is parsed on the spot).
     *
     * @throws java.net.UnknownHostException if the host cannot be resolved
     * @throws IllegalStateException outside a task
     * @apiNote asyncio: {@code loop.getaddrinfo(host, port)}, reduced to socket addresses.
     */
    public static List<InetSocketAddress> resolve(String host, int port) throws IOException {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        InetAddress literal = literal(host);
        InetAddress[] all;
        if (literal != null) {
            all = new InetAddress[] {literal};
        } else {
            all = awaitIo(Async.getRunningLoop().runInExecutor(null, () -> InetAddress.getAllByName(host)));
        }
        List<InetSocketAddress> out = new ArrayList<>(all.length);
        for (InetAddress a : all) {
            out.add(new InetSocketAddress(a, port));
        }
        return out;
    }

    private static InetAddress literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            return InetAddress.ofLiteral(h);
        } catch (IllegalArgumentException notALiteral) {
            return null;
        }
    }

    /**
     * {@link #startTls(Transport, BaseProtocol, SSLContext, boolean, String, Duration, Duration)}
     * with asyncio's default timeouts (handshake 60 s, shutdown 30 s).
     *
     * @apiNote asyncio: {@code loop.start_tls(transport, protocol, sslcontext, server_side=..., server_hostname=...)}.
     */
    public static Transport startTls(Transport transport, BaseProtocol protocol, SSLContext context, boolean serverSide,
            String serverHostname) throws IOException {
        return startTls(transport, protocol, context, serverSide, serverHostname, ConnectOptions.DEFAULT_TLS_HANDSHAKE_TIMEOUT,
            ConnectOptions.DEFAULT_TLS_SHUTDOWN_TIMEOUT);
    }

    /**
     * Upgrades an open connection to TLS (STARTTLS): the bytes written so far go out in the
     * clear, then the TLS handshake runs on the same socket; once it is done, returns the new
     * transport of the connection, whose callbacks go to {@code protocol} (it gets no
     * {@code connectionMade}). Do not use {@code transport} afterwards (closing it closes the
     * new one). Pause reading, or make sure the peer waits for your go-ahead, before calling
     * this: bytes the old protocol already received are not handed to TLS.
     *
     * @param serverHostname client side: the name the server's certificate must match, also
     *     sent as SNI; {@code ""} turns both off; ignored on the server side
     * @throws javax.net.ssl.SSLHandshakeException if the handshake fails (the connection is closed)
     * @throws IllegalArgumentException on the client side when {@code serverHostname} is null
     * @throws IllegalStateException outside a task
     * @apiNote asyncio: {@code loop.start_tls(transport, protocol, sslcontext, server_side=...,
     *     server_hostname=..., ssl_handshake_timeout=..., ssl_shutdown_timeout=...)}; asyncio
     *     requires {@code server_hostname} on the client side too (with {@code check_hostname}).
     */
    public static Transport startTls(Transport transport, BaseProtocol protocol, SSLContext context, boolean serverSide,
            String serverHostname, Duration handshakeTimeout, Duration shutdownTimeout) throws IOException {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(context, "context");
        if (!serverSide && serverHostname == null) {
            throw new IllegalArgumentException("startTls on the client side needs the server's host name to verify its"
                + " certificate (or \"\" to skip the check)");
        }
        ConnectOptions.positive(handshakeTimeout, "handshakeTimeout");
        ConnectOptions.positive(shutdownTimeout, "shutdownTimeout");
        EventLoop loop = Async.getRunningLoop();
        return awaitIo(backend(loop).startTls(transport, protocol, context, serverSide, serverSide ? null : serverHostname,
            handshakeTimeout, shutdownTimeout));
    }

    // ---- streams

    /**
     * {@link #openConnection(String, int, ConnectOptions)} with the default options.
     *
     * @apiNote asyncio: {@code asyncio.open_connection(host, port)}.
     */
    public static Streams openConnection(String host, int port) throws IOException {
        return openConnection(host, port, ConnectOptions.defaults());
    }

    /**
     * Connects as {@link #createConnection(Supplier, String, int, ConnectOptions)} does and returns
     * the connection as a reader (with {@link ConnectOptions#limit()}) and a writer.
     *
     * @apiNote asyncio: {@code asyncio.open_connection(host, port, limit=..., ...)}.
     */
    public static Streams openConnection(String host, int port, ConnectOptions options) throws IOException {
        return openStreams(options, protocol -> createConnection(protocol, host, port, options));
    }

    /** Makes a connection with the protocol from the factory it is given: TCP or Unix. */
    @FunctionalInterface
    interface Connector {
        Connection<StreamProtocol> connect(Supplier<StreamProtocol> protocolFactory) throws IOException;
    }

    /** What openConnection and openUnixConnection share: a stream protocol, connected by {@code connector}, as streams. */
    static Streams openStreams(ConnectOptions options, Connector connector) throws IOException {
        Objects.requireNonNull(options, "options");
        EventLoop loop = Async.getRunningLoop();
        BufferedStreamReader reader = new BufferedStreamReader(options.limit());
        StreamProtocol protocol = new StreamProtocol(loop, reader, null);
        Connection<StreamProtocol> c = connector.connect(() -> protocol);
        return new Streams(reader, new TransportStreamWriter(c.transport(), protocol, reader));
    }

    /**
     * {@link #startServer(ClientConnected, List, int, ServerOptions)} on one host, default options.
     *
     * @apiNote asyncio: {@code asyncio.start_server(client_connected_cb, host, port)}.
     */
    public static Server startServer(ClientConnected clientConnected, String host, int port) throws IOException {
        return startServer(clientConnected, host, port, ServerOptions.defaults());
    }

    /**
     * {@link #startServer(ClientConnected, List, int, ServerOptions)} on one host.
     *
     * @apiNote asyncio: {@code asyncio.start_server(client_connected_cb, host, port, ...)}.
     */
    public static Server startServer(ClientConnected clientConnected, String host, int port, ServerOptions options)
            throws IOException {
        List<String> hosts = new ArrayList<>(1);
        hosts.add(host);
        return startServer(clientConnected, hosts, port, options);
    }

    /**
     * Starts a server as {@link #createServer(Supplier, List, int, ServerOptions)} does that runs
     * {@code clientConnected} as a new task for each connection, with its reader (limit
     * {@link ServerOptions#limit()}) and writer.
     *
     * @apiNote asyncio: {@code asyncio.start_server(client_connected_cb, [hosts], port, ...)}.
     */
    public static Server startServer(ClientConnected clientConnected, List<String> hosts, int port, ServerOptions options)
            throws IOException {
        return createServer(streamProtocols(clientConnected, options), hosts, port, options);
    }

    /** What startServer and startUnixServer share: the protocols that run {@code clientConnected}. */
    static Supplier<StreamProtocol> streamProtocols(ClientConnected clientConnected, ServerOptions options) {
        Objects.requireNonNull(clientConnected, "clientConnected");
        Objects.requireNonNull(options, "options");
        EventLoop loop = Async.getRunningLoop();
        int limit = options.limit();
        return () -> new StreamProtocol(loop, new BufferedStreamReader(limit), clientConnected);
    }

    // ---- files

    /**
     * {@link #sendfile(Transport, FileChannel, long, long, boolean)} of the whole file, with the
     * fallback allowed.
     *
     * @apiNote asyncio: {@code loop.sendfile(transport, file)}.
     */
    public static long sendfile(Transport transport, FileChannel file) throws IOException {
        return FileSending.send(transport, file, 0, Long.MAX_VALUE, true);
    }

    /**
     * {@link #sendfile(Transport, FileChannel, long, long, boolean)} with the fallback allowed.
     *
     * @apiNote asyncio: {@code loop.sendfile(transport, file, offset, count)}.
     */
    public static long sendfile(Transport transport, FileChannel file, long offset, long count) throws IOException {
        return FileSending.send(transport, file, offset, count, true);
    }

    /**
     * Sends {@code count} bytes of {@code file} from {@code offset} (fewer if the file ends
     * first; {@code Long.MAX_VALUE}: to the end) over {@code transport}, and returns how many were
     * sent: on the zero-copy path once the kernel has taken them all, on the fallback once the
     * last chunk is in the transport's buffer. Zero-copy (the operating system's {@code sendfile}) where the
     * transport allows it, a plain TCP connection; otherwise, with {@code fallback}, the file is
     * read in chunks off the loop thread and written with the transport's flow control.
     * {@link Transport#write} is refused meanwhile (the protocol still receives data); then
     * {@code file}'s position is {@code offset} plus the bytes sent (also after an error).
     *
     * @throws IllegalArgumentException if {@code offset < 0}, {@code count <= 0} or the file is closed
     * @throws IllegalStateException if the transport is closing, or another sendfile is in progress on it
     * @throws UnsupportedOperationException if the transport cannot send files, or if
     *     {@code fallback} is false and zero-copy is not possible on it (TLS)
     * @throws IOException if reading the file or the connection fails
     * @apiNote asyncio: {@code loop.sendfile(transport, file, offset, count, fallback=fallback)};
     *     asyncio raises {@code RuntimeError} and {@code ValueError} where this throws
     *     {@code IllegalStateException}/{@code UnsupportedOperationException} and
     *     {@code IllegalArgumentException}; asyncio refuses writes only on the zero-copy path, and
     *     pauses reading.
     */
    public static long sendfile(Transport transport, FileChannel file, long offset, long count, boolean fallback)
            throws IOException {
        return FileSending.send(transport, file, offset, count, fallback);
    }

    // ---- plumbing

    /** The running loop's network backend. */
    static NetworkBackend backend(EventLoop loop) {
        if (loop.ioDriver() instanceof NetworkBackend nb) {
            return nb;
        }
        throw new UnsupportedOperationException("the " + loop.providerName()
            + " loop has no network I/O: use nio or epoll (-Djasyncio.loop=nio, LoopFactory.byName(\"epoll\"))");
    }

    /** Awaits {@code future}, throwing its IOException as it is rather than wrapped. */
    static <T> T awaitIo(Future<T> future) throws IOException {
        try {
            return Async.await(future);
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }
}
