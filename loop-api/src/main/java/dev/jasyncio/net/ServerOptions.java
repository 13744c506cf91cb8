package dev.jasyncio.net;

import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * How {@link Net#createServer} and {@link Net#startServer} listen: immutable; each setter returns
 * a modified copy.
 *
 * @apiNote asyncio: the keyword arguments of {@code loop.create_server()} and
 *     {@code asyncio.start_server()}: {@code backlog}, {@code ssl}, {@code reuse_address},
 *     {@code reuse_port}, {@code keep_alive} (3.13), {@code ssl_handshake_timeout},
 *     {@code ssl_shutdown_timeout}, {@code start_serving}, {@code limit}.
 */
public final class ServerOptions {
    private static final ServerOptions DEFAULTS = new ServerOptions(100, true, false, false, null,
        ConnectOptions.DEFAULT_TLS_HANDSHAKE_TIMEOUT, ConnectOptions.DEFAULT_TLS_SHUTDOWN_TIMEOUT, true,
        StreamReader.DEFAULT_LIMIT);

    private final int backlog;
    private final boolean reuseAddress;
    private final boolean reusePort;
    private final boolean keepAlive;
    private final SSLContext tls;
    private final Duration tlsHandshakeTimeout;
    private final Duration tlsShutdownTimeout;
    private final boolean startServing;
    private final int limit;

    private ServerOptions(int backlog, boolean reuseAddress, boolean reusePort, boolean keepAlive, SSLContext tls,
            Duration tlsHandshakeTimeout, Duration tlsShutdownTimeout, boolean startServing, int limit) {
        this.backlog = backlog;
        this.reuseAddress = reuseAddress;
        this.reusePort = reusePort;
        this.keepAlive = keepAlive;
        this.tls = tls;
        this.tlsHandshakeTimeout = tlsHandshakeTimeout;
        this.tlsShutdownTimeout = tlsShutdownTimeout;
        this.startServing = startServing;
        this.limit = limit;
    }

    /**
     * Backlog 100, SO_REUSEADDR on, SO_REUSEPORT and SO_KEEPALIVE off, plain TCP, TLS timeouts
     * 60 s and 30 s, serving at once, stream limit 64 KiB.
     *
     * @apiNote asyncio: the defaults of {@code create_server()} on POSIX.
     */
    public static ServerOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The listen queue length.
     *
     * @throws IllegalArgumentException if {@code backlog < 1}
     * @apiNote asyncio: {@code backlog}.
     */
    public ServerOptions backlog(int backlog) {
        if (backlog < 1) {
            throw new IllegalArgumentException("backlog must be >= 1, was " + backlog);
        }
        return new ServerOptions(backlog, reuseAddress, reusePort, keepAlive, tls, tlsHandshakeTimeout, tlsShutdownTimeout,
            startServing, limit);
    }

    /**
     * SO_REUSEADDR on the listening sockets: rebind a port whose old connections linger in TIME_WAIT.
     *
     * @apiNote asyncio: {@code reuse_address}.
     */
    public ServerOptions reuseAddress(boolean on) {
        return new ServerOptions(backlog, on, reusePort, keepAlive, tls, tlsHandshakeTimeout, tlsShutdownTimeout,
            startServing, limit);
    }

    /**
     * SO_REUSEPORT on the listening sockets: several sockets (of this or other processes) share
     * the port and the kernel spreads connections over them.
     *
     * @apiNote asyncio: {@code reuse_port}.
     */
    public ServerOptions reusePort(boolean on) {
        return new ServerOptions(backlog, reuseAddress, on, keepAlive, tls, tlsHandshakeTimeout, tlsShutdownTimeout,
            startServing, limit);
    }

    /**
     * SO_KEEPALIVE on the accepted connections.
     *
     * @apiNote asyncio: {@code keep_alive} (3.13).
     */
    public ServerOptions keepAlive(boolean on) {
        return new ServerOptions(backlog, reuseAddress, reusePort, on, tls, tlsHandshakeTimeout, tlsShutdownTimeout,
            startServing, limit);
    }

    /**
     * Speak TLS on every accepted connection, with engines from {@code context} ({@code null}:
     * plain TCP).
     *
     * @apiNote asyncio: {@code ssl=context}.
     */
    public ServerOptions tls(SSLContext context) {
        return new ServerOptions(backlog, reuseAddress, reusePort, keepAlive, context, tlsHandshakeTimeout,
            tlsShutdownTimeout, startServing, limit);
    }

    /**
     * Drop a connection whose TLS handshake takes longer than {@code timeout}.
     *
     * @apiNote asyncio: {@code ssl_handshake_timeout}.
     */
    public ServerOptions tlsHandshakeTimeout(Duration timeout) {
        return new ServerOptions(backlog, reuseAddress, reusePort, keepAlive, tls,
            ConnectOptions.positive(timeout, "tlsHandshakeTimeout"), tlsShutdownTimeout, startServing, limit);
    }

    /**
     * Close the socket anyway if the TLS close exchange takes longer than {@code timeout}.
     *
     * @apiNote asyncio: {@code ssl_shutdown_timeout}.
     */
    public ServerOptions tlsShutdownTimeout(Duration timeout) {
        return new ServerOptions(backlog, reuseAddress, reusePort, keepAlive, tls, tlsHandshakeTimeout,
            ConnectOptions.positive(timeout, "tlsShutdownTimeout"), startServing, limit);
    }

    /**
     * Whether the server accepts connections as soon as it is made (the default) or only after
     * {@link Server#startServing()}.
     *
     * @apiNote asyncio: {@code start_serving}. The sockets are bound and listening either way
     *     (the kernel queues connections up to the backlog); asyncio calls {@code listen()} only
     *     when serving starts.
     */
    public ServerOptions startServing(boolean on) {
        return new ServerOptions(backlog, reuseAddress, reusePort, keepAlive, tls, tlsHandshakeTimeout, tlsShutdownTimeout,
            on, limit);
    }

    /**
     * The {@link StreamReader} limit of {@link Net#startServer}; ignored by {@link Net#createServer}.
     *
     * @throws IllegalArgumentException if {@code limit < 1}
     * @apiNote asyncio: {@code limit} of {@code start_server()}.
     */
    public ServerOptions limit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        return new ServerOptions(backlog, reuseAddress, reusePort, keepAlive, tls, tlsHandshakeTimeout, tlsShutdownTimeout,
            startServing, limit);
    }

    /** The listen queue length. */
    public int backlog() {
        return backlog;
    }

    /** Whether SO_REUSEADDR is set. */
    public boolean reuseAddress() {
        return reuseAddress;
    }

    /** Whether SO_REUSEPORT is set. */
    public boolean reusePort() {
        return reusePort;
    }

    /** Whether SO_KEEPALIVE is set on accepted connections. */
    public boolean keepAlive() {
        return keepAlive;
    }

    /** The TLS context, or null for plain TCP. */
    public SSLContext tls() {
        return tls;
    }

    /** The TLS handshake timeout. */
    public Duration tlsHandshakeTimeout() {
        return tlsHandshakeTimeout;
    }

    /** The TLS shutdown timeout. */
    public Duration tlsShutdownTimeout() {
        return tlsShutdownTimeout;
    }

    /** Whether the server serves as soon as it is made. */
    public boolean startServing() {
        return startServing;
    }

    /** The stream limit of {@link Net#startServer}. */
    public int limit() {
        return limit;
    }

    @Override
    public String toString() {
        return "ServerOptions[backlog=" + backlog + ", reuseAddress=" + reuseAddress + ", reusePort=" + reusePort
            + ", keepAlive=" + keepAlive + ", tls=" + (tls != null) + ", tlsHandshakeTimeout=" + tlsHandshakeTimeout
            + ", tlsShutdownTimeout=" + tlsShutdownTimeout + ", startServing=" + startServing + ", limit=" + limit + "]";
    }
}
