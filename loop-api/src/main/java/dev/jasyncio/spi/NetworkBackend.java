package dev.jasyncio.spi;

import dev.jasyncio.Future;
import dev.jasyncio.net.BaseProtocol;
import dev.jasyncio.net.ConnectOptions;
import dev.jasyncio.net.DatagramOptions;
import dev.jasyncio.net.DatagramProtocol;
import dev.jasyncio.net.DatagramTransport;
import dev.jasyncio.net.ServerOptions;
import dev.jasyncio.net.Transport;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.time.Duration;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The TCP, UDP and Unix-socket transports of a backend: implemented by the {@link IoDriver} of a loop that can do
 * network I/O, and found by {@link dev.jasyncio.net.Net} as {@code loop.ioDriver() instanceof
 * NetworkBackend}. Everything above one socket (resolving names, trying addresses in turn, the
 * {@link dev.jasyncio.net.Server}'s bookkeeping, streams) is done by the API, once for all
 * backends.
 *
 * <p>Loop thread only (or a task of the loop). Every future returned is a future of the loop;
 * cancelling it gives the attempt up and releases its socket. Failures are {@link
 * java.io.IOException}s ({@link java.net.ConnectException}, {@link java.net.BindException},
 * {@link javax.net.ssl.SSLHandshakeException}…).
 *
 * @apiNote asyncio: the socket-level half of {@code BaseEventLoop.create_connection} and
 *     {@code create_server} ({@code _make_socket_transport}, {@code _start_serving}).
 */
public interface NetworkBackend {

    /**
     * Connects a new TCP socket to the resolved address {@code remote}, with
     * {@code options}' local address, connect timeout and TLS (whose
     * {@link ConnectOptions#serverHostname()} is final here: null or empty means no SNI and no
     * host name check). Once connected (and the TLS handshake done), takes one protocol from
     * {@code protocolFactory}, calls its {@code connectionMade}, then completes the future with
     * the transport.
     */
    Future<Transport> connect(InetSocketAddress remote, ConnectOptions options, Supplier<? extends BaseProtocol> protocolFactory);

    /**
     * Binds a listening socket to the resolved address {@code local} (port 0: any free port)
     * with {@code options}; it accepts connections once {@link Listener#startAccepting()} is
     * called. Each accepted connection (after its TLS handshake) is offered to
     * {@code acceptor}, whose protocol then gets {@code connectionMade}.
     */
    Future<Listener> listen(InetSocketAddress local, ServerOptions options, Acceptor acceptor);

    /**
     * Upgrades the open connection of {@code transport} (one of this backend's) to TLS: from now
     * on the bytes go through a TLS engine from {@code context}, in client or server mode. Once
     * the handshake is done, the future completes with a new transport for the connection, whose
     * callbacks go to {@code protocol} (which gets no {@code connectionMade}); the old transport
     * must not be used any more (closing it closes the new one). If the handshake fails, the
     * connection is closed and the future fails.
     *
     * @param serverHostname client side: the name to verify and send as SNI; empty for none
     * @apiNote asyncio: {@code loop.start_tls(transport, protocol, sslcontext, ...)}.
     */
    default Future<Transport> startTls(Transport transport, BaseProtocol protocol, SSLContext context, boolean serverSide,
            String serverHostname, Duration handshakeTimeout, Duration shutdownTimeout) {
        throw new UnsupportedOperationException("this backend cannot upgrade a connection to TLS");
    }

    /**
     * Opens a UDP socket bound to {@code local} (null: a free port of any interface of
     * {@code remote}'s family) and connected to {@code remote} (null: not connected), with
     * {@code options}' SO_REUSEPORT and SO_BROADCAST. Once it is ready, takes one protocol from
     * {@code protocolFactory}, calls its {@code connectionMade}, starts receiving, then completes
     * the future with the transport. A failure to bind is a {@link java.net.BindException}.
     *
     * @apiNote asyncio: the socket-level half of {@code loop.create_datagram_endpoint()}.
     */
    default Future<DatagramTransport> openDatagram(InetSocketAddress local, InetSocketAddress remote,
            DatagramOptions options, Supplier<? extends DatagramProtocol> protocolFactory) {
        throw new UnsupportedOperationException("this backend has no UDP sockets");
    }

    /**
     * Connects a new Unix stream socket to {@code remote}, as {@link #connect} does for TCP
     * ({@code options}' local address is not used).
     *
     * @apiNote asyncio: the socket-level half of {@code loop.create_unix_connection()}.
     */
    default Future<Transport> connectUnix(UnixDomainSocketAddress remote, ConnectOptions options,
            Supplier<? extends BaseProtocol> protocolFactory) {
        throw new UnsupportedOperationException("this backend has no Unix domain sockets");
    }

    /**
     * Binds a listening Unix stream socket to {@code local}, as {@link #listen} does for TCP. The
     * caller has made sure nothing is in the way at the path; the socket file is left in place
     * when the listener closes (the caller removes it, if it is still the one bound here).
     *
     * @apiNote asyncio: the socket-level half of {@code loop.create_unix_server()}.
     */
    default Future<Listener> listenUnix(UnixDomainSocketAddress local, ServerOptions options, Acceptor acceptor) {
        throw new UnsupportedOperationException("this backend has no Unix domain sockets");
    }

    /**
     * What a listening socket does with a connection it accepted.
     *
     * @apiNote asyncio: the part of {@code Server} that {@code _attach}/{@code _detach} transports.
     */
    interface Acceptor {
        /**
         * The protocol of the new connection {@code transport}, which then gets
         * {@code connectionMade}. An exception aborts the connection.
         */
        BaseProtocol accepted(Transport transport);

        /** The connection {@code transport}, once accepted, has ended (after its {@code connectionLost}). */
        void closed(Transport transport);
    }

    /**
     * One listening socket.
     */
    interface Listener {
        /**
         * The address it is bound to: an {@link InetSocketAddress} with the actual port, or a
         * {@link UnixDomainSocketAddress}.
         */
        SocketAddress localAddress();

        /** Starts accepting connections. Idempotent. */
        void startAccepting();

        /** Closes the socket; the connections it accepted stay open. Idempotent. */
        void close();
    }
}
