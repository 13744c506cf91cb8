package dev.jasyncio.net;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How {@link Net#createConnection} and {@link Net#openConnection} connect: immutable; each
 * setter returns a modified copy.
 *
 * {@snippet :
 * ConnectOptions options = ConnectOptions.defaults()
 *     .tls(sslContext)                       // TLS, verifying the host name given to connect
 *     .connectTimeout(Duration.ofSeconds(5));
 * }
 *
 * @apiNote asyncio: the keyword arguments of {@code loop.create_connection()} and
 *     {@code asyncio.open_connection()}: {@code ssl}, {@code server_hostname},
 *     {@code local_addr}, {@code ssl_handshake_timeout}, {@code ssl_shutdown_timeout},
 *     {@code limit}. {@link #connectTimeout} has no counterpart (asyncio relies on
 *     {@code wait_for}); happy eyeballs is not offered: addresses are tried one after another.
 */
public final class ConnectOptions {
    /** asyncio's default TLS handshake timeout: 60 s. */
    public static final Duration DEFAULT_TLS_HANDSHAKE_TIMEOUT = Duration.ofSeconds(60);
    /** asyncio's default TLS shutdown timeout: 30 s. */
    public static final Duration DEFAULT_TLS_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    private static final ConnectOptions DEFAULTS = new ConnectOptions(null, null, null, null,
        DEFAULT_TLS_HANDSHAKE_TIMEOUT, DEFAULT_TLS_SHUTDOWN_TIMEOUT, StreamReader.DEFAULT_LIMIT);

    private final SSLContext tls;
    private final String serverHostname;
    private final InetSocketAddress localAddress;
    private final Duration connectTimeout;
    private final Duration tlsHandshakeTimeout;
    private final Duration tlsShutdownTimeout;
    private final int limit;

    private ConnectOptions(SSLContext tls, String serverHostname, InetSocketAddress localAddress, Duration connectTimeout,
            Duration tlsHandshakeTimeout, Duration tlsShutdownTimeout, int limit) {
        this.tls = tls;
        this.serverHostname = serverHostname;
        this.localAddress = localAddress;
        this.connectTimeout = connectTimeout;
        this.tlsHandshakeTimeout = tlsHandshakeTimeout;
        this.tlsShutdownTimeout = tlsShutdownTimeout;
        this.limit = limit;
    }

    /**
     * Plain TCP, no local address, no connect timeout, TLS timeouts 60 s and 30 s, stream limit 64 KiB.
     *
     * @apiNote asyncio: the defaults of {@code create_connection()}.
     */
    public static ConnectOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Speak TLS with an engine from {@code context} ({@code null}: plain TCP). The peer's host name
     * is verified and sent as SNI (see {@link #serverHostname(String)}).
     *
     * @apiNote asyncio: {@code ssl=context}.
     */
    public ConnectOptions tls(SSLContext context) {
        return new ConnectOptions(context, serverHostname, localAddress, connectTimeout, tlsHandshakeTimeout,
            tlsShutdownTimeout, limit);
    }

    /**
     * The host name to verify the server's certificate against and to send as SNI: {@code null}
     * (the default) means the host given to connect; the empty string turns both off (for tests
     * against a certificate that names no host).
     *
     * @apiNote asyncio: {@code server_hostname}; {@code ""} also stands for
     *     {@code check_hostname=False}, which Java's {@code SSLContext} does not carry.
     */
    public ConnectOptions serverHostname(String hostname) {
        return new ConnectOptions(tls, hostname, localAddress, connectTimeout, tlsHandshakeTimeout, tlsShutdownTimeout,
            limit);
    }

    /**
     * Bind the socket to {@code address} before connecting ({@code null}: any).
     *
     * @apiNote asyncio: {@code local_addr}.
     */
    public ConnectOptions localAddress(InetSocketAddress address) {
        return new ConnectOptions(tls, serverHostname, address, connectTimeout, tlsHandshakeTimeout, tlsShutdownTimeout,
            limit);
    }

    /**
     * Give up each connection attempt after {@code timeout} ({@code null}: the system's own). An
     * attempt that times out fails with a {@link java.net.ConnectException} whose message says it
     * timed out and names the address.
     *
     * @throws IllegalArgumentException if {@code timeout} is not positive
     * @apiNote asyncio: no counterpart.
     */
    public ConnectOptions connectTimeout(Duration timeout) {
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new IllegalArgumentException("connectTimeout must be positive, was " + timeout);
        }
        return new ConnectOptions(tls, serverHostname, localAddress, timeout, tlsHandshakeTimeout, tlsShutdownTimeout,
            limit);
    }

    /**
     * Fail the connection if the TLS handshake takes longer than {@code timeout}.
     *
     * @apiNote asyncio: {@code ssl_handshake_timeout}.
     */
    public ConnectOptions tlsHandshakeTimeout(Duration timeout) {
        return new ConnectOptions(tls, serverHostname, localAddress, connectTimeout, positive(timeout, "tlsHandshakeTimeout"),
            tlsShutdownTimeout, limit);
    }

    /**
     * Close the socket anyway if the TLS close exchange takes longer than {@code timeout}.
     *
     * @apiNote asyncio: {@code ssl_shutdown_timeout}.
     */
    public ConnectOptions tlsShutdownTimeout(Duration timeout) {
        return new ConnectOptions(tls, serverHostname, localAddress, connectTimeout, tlsHandshakeTimeout,
            positive(timeout, "tlsShutdownTimeout"), limit);
    }

    /**
     * The {@link StreamReader} limit of {@link Net#openConnection}; ignored by
     * {@link Net#createConnection}.
     *
     * @throws IllegalArgumentException if {@code limit < 1}
     * @apiNote asyncio: {@code limit} of {@code open_connection()}.
     */
    public ConnectOptions limit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        return new ConnectOptions(tls, serverHostname, localAddress, connectTimeout, tlsHandshakeTimeout, tlsShutdownTimeout,
            limit);
    }

    /** The TLS context, or null for plain TCP. */
    public SSLContext tls() {
        return tls;
    }

    /** The host name to verify and send as SNI; null: the host connected to; empty: none. */
    public String serverHostname() {
        return serverHostname;
    }

    /** The local address to bind to, or null. */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** The timeout of each connection attempt, or null for the system's own. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The TLS handshake timeout. */
    public Duration tlsHandshakeTimeout() {
        return tlsHandshakeTimeout;
    }

    /** The TLS shutdown timeout. */
    public Duration tlsShutdownTimeout() {
        return tlsShutdownTimeout;
    }

    /** The stream limit of {@link Net#openConnection}. */
    public int limit() {
        return limit;
    }

    static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive, was " + d);
        }
        return d;
    }

    @Override
    public String toString() {
        return "ConnectOptions[tls=" + (tls != null) + ", serverHostname=" + serverHostname + ", localAddress=" + localAddress
            + ", connectTimeout=" + connectTimeout + ", tlsHandshakeTimeout=" + tlsHandshakeTimeout
            + ", tlsShutdownTimeout=" + tlsShutdownTimeout + ", limit=" + limit + "]";
    }
}
