package dev.jasyncio.net;

import dev.jasyncio.Async;
import dev.jasyncio.CancelledError;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.spi.NetworkBackend;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Unix domain stream sockets on the running loop: connections and servers with protocols
 * ({@link #createUnixConnection}, {@link #createUnixServer}) or with streams
 * ({@link #openUnixConnection}, {@link #startUnixServer}), the same transports, servers and
 * streams as {@link Net}'s TCP ones. Call these inside a task.
 *
 * {@snippet :
 * Path path = Path.of("/tmp/echo.sock");
 * Server server = UnixSockets.startUnixServer((reader, writer) -> {
 *     writer.write(reader.readline());
 *     writer.close();
 * }, path);
 * try (Streams s = UnixSockets.openUnixConnection(path)) {
 *     s.writer().write("hello\n".getBytes(StandardCharsets.US_ASCII));
 *     byte[] echoed = s.reader().readline();
 * }
 * server.close();   // removes /tmp/echo.sock
 * }
 *
 * <p><b>The socket file.</b> Binding removes a socket file already at the path (a stale one, left
 * by a server that did not clean up), but never another kind of file. Closing the server removes
 * the file it bound, unless another file has replaced it meanwhile. A path is at most 107 bytes
 * (the kernel's limit); the abstract namespace (a name starting with NUL) is not supported.
 *
 * <p>A transport's {@link Transport#PEERNAME} and {@link Transport#SOCKNAME} are
 * {@link UnixDomainSocketAddress}es (an unnamed socket, as a client's usually is, has the empty
 * path). A Unix server's {@link Server#sockets()} is empty: it lists only IP addresses, and the
 * caller knows the path.
 *
 * @apiNote asyncio: {@code loop.create_unix_connection}, {@code loop.create_unix_server} (with
 *     Python 3.13's {@code cleanup_socket=True}), {@code asyncio.open_unix_connection} and
 *     {@code asyncio.start_unix_server}.
 */
public final class UnixSockets {
    /** {@code sizeof(sockaddr_un.sun_path)} on Linux, less the terminating NUL. */
    private static final int MAX_PATH_BYTES = 107;

    private UnixSockets() {}

    // ---- protocols and transports

    /**
     * {@link #createUnixConnection(Supplier, Path, ConnectOptions)} to {@code path}, default options.
     *
     * @apiNote asyncio: {@code loop.create_unix_connection(protocol_factory, path)}.
     */
    public static <P extends BaseProtocol> Connection<P> createUnixConnection(Supplier<P> protocolFactory, String path)
            throws IOException {
        return createUnixConnection(protocolFactory, path(path), ConnectOptions.defaults());
    }

    /**
     * {@link #createUnixConnection(Supplier, Path, ConnectOptions)} with the default options.
     *
     * @apiNote asyncio: {@code loop.create_unix_connection(protocol_factory, path)}.
     */
    public static <P extends BaseProtocol> Connection<P> createUnixConnection(Supplier<P> protocolFactory, Path path)
            throws IOException {
        return createUnixConnection(protocolFactory, path, ConnectOptions.defaults());
    }

    /**
     * Connects to the Unix socket at {@code path}, then takes one protocol from the factory,
     * calls its {@link BaseProtocol#connectionMade}, and returns. {@code options}' connect
     * timeout and TLS apply (TLS needs {@link ConnectOptions#serverHostname(String)}, {@code ""}
     * for none: there is no host name to take it from); a local address is refused.
     *
     * @throws FileNotFoundException if there is no file at {@code path} (nothing ever listened
     *     there, or the server removed its socket)
     * @throws java.net.ConnectException if the file is there but nobody listens on it (a stale
     *     socket file, or not a socket at all)
     * @throws IOException for any other failure to connect
     * @throws IllegalArgumentException if the path is too long, or {@code options} set a local
     *     address, or TLS without a server host name
     * @throws UnsupportedOperationException if the running loop has no network I/O
     * @throws IllegalStateException outside a task
     * @apiNote asyncio: {@code loop.create_unix_connection(protocol_factory, path, ssl=...,
     *     server_hostname=...)}, whose errors are {@code FileNotFoundError} and
     *     {@code ConnectionRefusedError} in the same cases.
     */
    public static <P extends BaseProtocol> Connection<P> createUnixConnection(Supplier<P> protocolFactory, Path path,
            ConnectOptions options) throws IOException {
        Objects.requireNonNull(protocolFactory, "protocolFactory");
        Objects.requireNonNull(options, "options");
        UnixDomainSocketAddress address = address(path);
        if (options.localAddress() != null) {
            throw new IllegalArgumentException("a Unix connection has no local address to bind: drop"
                + " ConnectOptions.localAddress(" + options.localAddress() + ")");
        }
        if (options.tls() != null && options.serverHostname() == null) {
            throw new IllegalArgumentException("TLS over a Unix socket needs ConnectOptions.serverHostname(name) to verify"
                + " the server's certificate (\"\" to skip the check)");
        }
        NetworkBackend backend = Net.backend(Async.getRunningLoop());
        List<P> made = new ArrayList<>(1);
        Future<Transport> attempt = backend.connectUnix(address, options, () -> {
            P p = Objects.requireNonNull(protocolFactory.get(), "the protocol factory returned null");
            made.add(p);
            return p;
        });
        try {
            return new Connection<>(Net.awaitIo(attempt), made.get(0));
        } catch (IOException e) {
            if (Files.notExists(path)) {
                FileNotFoundException missing = new FileNotFoundException("cannot connect to the Unix socket " + path
                    + ": no such file (is the server running?)");
                missing.initCause(e);
                throw missing;
            }
            throw e;
        }
    }

    /**
     * {@link #createUnixServer(Supplier, Path, ServerOptions)} at {@code path}, default options.
     *
     * @apiNote asyncio: {@code loop.create_unix_server(protocol_factory, path)}.
     */
    public static Server createUnixServer(Supplier<? extends BaseProtocol> protocolFactory, String path) throws IOException {
        return createUnixServer(protocolFactory, path(path), ServerOptions.defaults());
    }

    /**
     * {@link #createUnixServer(Supplier, Path, ServerOptions)} with the default options.
     *
     * @apiNote asyncio: {@code loop.create_unix_server(protocol_factory, path)}.
     */
    public static Server createUnixServer(Supplier<? extends BaseProtocol> protocolFactory, Path path) throws IOException {
        return createUnixServer(protocolFactory, path, ServerOptions.defaults());
    }

    /**
     * Listens on a Unix socket at {@code path} and gives each accepted connection a protocol from
     * the factory. A socket file already at {@code path} is removed first; the server removes
     * its own file when it closes. {@code options}' backlog, TLS and startServing apply (the
     * socket options of TCP do not).
     *
     * @throws java.net.BindException if a file that is not a socket is at {@code path}, or the
     *     socket cannot be bound there (no such directory, no permission…)
     * @throws IllegalArgumentException if the path is too long
     * @throws UnsupportedOperationException if the running loop has no network I/O
     * @throws IllegalStateException outside a task
     * @apiNote asyncio: {@code loop.create_unix_server(protocol_factory, path, backlog=..., ssl=...,
     *     start_serving=..., cleanup_socket=True)}; asyncio leaves a non-socket file in place
     *     too, but then fails in bind with "Address already in use".
     */
    public static Server createUnixServer(Supplier<? extends BaseProtocol> protocolFactory, Path path, ServerOptions options)
            throws IOException {
        Objects.requireNonNull(protocolFactory, "protocolFactory");
        Objects.requireNonNull(options, "options");
        UnixDomainSocketAddress address = address(path);
        EventLoop loop = Async.getRunningLoop();
        NetworkBackend backend = Net.backend(loop);
        UnixSocketFile.removeStale(path);
        TcpServer server = new TcpServer(loop, protocolFactory);
        Future<NetworkBackend.Listener> binding = backend.listenUnix(address, options, server);
        // The backend has bound (the file is there) and awaits the listener's registration: a
        // cancel meanwhile closes the socket but leaves its file, which is ours to remove.
        Object bound = UnixSocketFile.fileKey(path);
        NetworkBackend.Listener listener;
        try {
            listener = Net.awaitIo(binding);
        } catch (CancelledError e) {
            UnixSocketFile.abandon(binding, path, bound);
            throw e;
        }
        server.add(UnixSocketFile.removedOnClose(listener, path));
        if (options.startServing()) {
            server.startServing();
        }
        return server;
    }

    // ---- streams

    /**
     * {@link #openUnixConnection(Path, ConnectOptions)} to {@code path}, default options.
     *
     * @apiNote asyncio: {@code asyncio.open_unix_connection(path)}.
     */
    public static Streams openUnixConnection(String path) throws IOException {
        return openUnixConnection(path(path), ConnectOptions.defaults());
    }

    /**
     * {@link #openUnixConnection(Path, ConnectOptions)} with the default options.
     *
     * @apiNote asyncio: {@code asyncio.open_unix_connection(path)}.
     */
    public static Streams openUnixConnection(Path path) throws IOException {
        return openUnixConnection(path, ConnectOptions.defaults());
    }

    /**
     * Connects as {@link #createUnixConnection(Supplier, Path, ConnectOptions)} does and returns
     * the connection as a reader (with {@link ConnectOptions#limit()}) and a writer.
     *
     * @apiNote asyncio: {@code asyncio.open_unix_connection(path, limit=..., ...)}.
     */
    public static Streams openUnixConnection(Path path, ConnectOptions options) throws IOException {
        return Net.openStreams(options, protocol -> createUnixConnection(protocol, path, options));
    }

    /**
     * {@link #startUnixServer(ClientConnected, Path, ServerOptions)} at {@code path}, default options.
     *
     * @apiNote asyncio: {@code asyncio.start_unix_server(client_connected_cb, path)}.
     */
    public static Server startUnixServer(ClientConnected clientConnected, String path) throws IOException {
        return startUnixServer(clientConnected, path(path), ServerOptions.defaults());
    }

    /**
     * {@link #startUnixServer(ClientConnected, Path, ServerOptions)} with the default options.
     *
     * @apiNote asyncio: {@code asyncio.start_unix_server(client_connected_cb, path)}.
     */
    public static Server startUnixServer(ClientConnected clientConnected, Path path) throws IOException {
        return startUnixServer(clientConnected, path, ServerOptions.defaults());
    }

    /**
     * Starts a server as {@link #createUnixServer(Supplier, Path, ServerOptions)} does that runs
     * {@code clientConnected} as a new task for each connection, with its reader (limit
     * {@link ServerOptions#limit()}) and writer.
     *
     * @apiNote asyncio: {@code asyncio.start_unix_server(client_connected_cb, path, limit=..., ...)}.
     */
    public static Server startUnixServer(ClientConnected clientConnected, Path path, ServerOptions options)
            throws IOException {
        return createUnixServer(Net.streamProtocols(clientConnected, options), path, options);
    }

    // ---- paths

    private static Path path(String path) {
        Objects.requireNonNull(path, "path");
        if (!path.isEmpty() && path.charAt(0) == '\0') {
            throw new IllegalArgumentException("Unix sockets in the abstract namespace (a name starting with NUL) are not"
                + " supported: use a path in the file system");
        }
        return Path.of(path);
    }

    private static UnixDomainSocketAddress address(Path path) {
        Objects.requireNonNull(path, "path");
        int bytes = path.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > MAX_PATH_BYTES) {
            throw new IllegalArgumentException("a Unix socket path must have 1 to " + MAX_PATH_BYTES + " bytes, "
                + path + " has " + bytes + ": choose a shorter path (a relative one, or one under /tmp)");
        }
        return UnixDomainSocketAddress.of(path);
    }
}
