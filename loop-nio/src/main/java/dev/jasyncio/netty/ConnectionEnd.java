package dev.jasyncio.netty;

import dev.jasyncio.EventLoop;
import dev.jasyncio.net.Transport;
import dev.jasyncio.spi.NetworkBackend;

/**
 * The end of one {@link NettyTransport}'s connection and who hears of it (asyncio's
 * _call_connection_lost): the first error, which connectionLost reports; the protocol, owed
 * connectionLost once its connectionMade ran; and the server that accepted the connection.
 *
 * <p>Invariant: connectionLost runs at most once, after connectionMade, in a loop callback of its
 * own (never inside another protocol callback), and the server hears of the end once, after it.
 * Nobody hears of it from a closed loop: a loop that closes closes its channels too, and drops its
 * pending callbacks. Loop thread only.
 */
final class ConnectionEnd {
    private final NettyTransport transport;
    private final EventLoop loop;
    /** connectionMade was called, so connectionLost is owed. */
    private boolean made;
    private boolean lostScheduled;
    /** The first error: the one connectionLost reports. */
    private Throwable error;
    /** The server that accepted this connection, told when it ends; null for a client. */
    private NetworkBackend.Acceptor acceptor;
    /** The transport the server knows this connection by: this one, or the one startTls replaced. */
    private Transport acceptorKey;

    ConnectionEnd(NettyTransport transport, EventLoop loop) {
        this.transport = transport;
        this.loop = loop;
        this.acceptorKey = transport;
    }

    void setAcceptor(NetworkBackend.Acceptor acceptor) {
        this.acceptor = acceptor;
    }

    /** startTls: the server hears of the end from {@code upgraded}, under the transport it knows. */
    void passAcceptorTo(ConnectionEnd upgraded) {
        upgraded.acceptor = acceptor;
        upgraded.acceptorKey = acceptorKey;
        acceptor = null;
    }

    /** connectionMade was called: connectionLost is owed. */
    void made() {
        made = true;
    }

    /** The connection failed with {@code cause}: connectionLost reports it, unless an error came first. */
    void failed(Throwable cause) {
        if (error == null) {
            error = cause;
        }
    }

    /** The first error, or null. */
    Throwable error() {
        return error;
    }

    /** The channel is closed: connectionLost, if owed, and the server's notice follow in a later callback. */
    void channelClosed() {
        if ((made || acceptor != null) && !lostScheduled && !loop.isClosed()) {
            // A loop that closes closes its channels too: its pending callbacks are dropped, and
            // so is connectionLost then.
            lostScheduled = true;
            loop.callSoon(this::callConnectionLost);
        }
    }

    private void callConnectionLost() {
        try {
            if (made) {
                transport.getProtocol().connectionLost(error);
            }
        } catch (Throwable t) {
            transport.report("Fatal error: protocol.connectionLost() call failed.", t);
        } finally {
            NetworkBackend.Acceptor a = acceptor;
            if (a != null) {
                acceptor = null;
                a.closed(acceptorKey);
            }
        }
    }
}
