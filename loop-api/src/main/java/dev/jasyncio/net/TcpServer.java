package dev.jasyncio.net;

import dev.jasyncio.Async;
import dev.jasyncio.CancelledError;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.spi.NetworkBackend;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@link Server} of every backend: the backend's listeners accept, this counts the
 * connections and wakes {@link #waitClosed()} once closed and empty.
 */
final class TcpServer implements Server, NetworkBackend.Acceptor {
    /*
     * Overview (asyncio's base_events.Server): listeners is null once closed; clients holds the
     * accepted connections that have not ended (asyncio's _clients and _active_count);
     * closeWaiters is null once the server is closed and empty (then waitClosed returns at once).
     *
     * Invariants: (1) closeWaiters == null iff listeners == null and clients is empty (set at
     * that moment); (2) serving implies listeners != null.
     *
     * Threading: loop thread only.
     */

    private final EventLoop loop;
    private final Supplier<? extends BaseProtocol> protocolFactory;
    private List<NetworkBackend.Listener> listeners;
    private final List<InetSocketAddress> addresses;
    private final Set<Transport> clients = new LinkedHashSet<>();
    private ArrayDeque<Future<Void>> closeWaiters = new ArrayDeque<>();
    private boolean serving;
    /** The future serveForever waits on, while a task does. */
    private Future<Void> servingForever;

    TcpServer(EventLoop loop, Supplier<? extends BaseProtocol> protocolFactory) {
        this.loop = loop;
        this.protocolFactory = protocolFactory;
        this.listeners = new ArrayList<>();
        this.addresses = new ArrayList<>();
    }

    /** Adds a bound listener (while the server is being made). */
    void add(NetworkBackend.Listener listener) {
        listeners.add(listener);
        // A Unix listener's address is a path: sockets() lists IP addresses only.
        if (listener.localAddress() instanceof InetSocketAddress a) {
            addresses.add(a);
        }
    }

    @Override
    public BaseProtocol accepted(Transport transport) {
        BaseProtocol protocol = protocolFactory.get();
        if (protocol == null) {
            throw new IllegalStateException("the server's protocol factory returned null");
        }
        clients.add(transport);
        return protocol;
    }

    @Override
    public void closed(Transport transport) {
        if (clients.remove(transport) && clients.isEmpty() && listeners == null) {
            wakeCloseWaiters();
        }
    }

    private void wakeCloseWaiters() {
        ArrayDeque<Future<Void>> waiters = closeWaiters;
        if (waiters == null) {
            return;
        }
        closeWaiters = null;
        for (Future<Void> w : waiters) {
            if (!w.isDone()) {
                w.setResult(null);
            }
        }
    }

    @Override
    public void close() {
        List<NetworkBackend.Listener> ls = listeners;
        if (ls == null) {
            return;
        }
        listeners = null;
        serving = false;
        for (NetworkBackend.Listener l : ls) {
            l.close();
        }
        Future<Void> forever = servingForever;
        if (forever != null && !forever.isDone()) {
            forever.cancel();
            servingForever = null;
        }
        if (clients.isEmpty()) {
            wakeCloseWaiters();
        }
    }

    @Override
    public void closeClients() {
        for (Transport t : List.copyOf(clients)) {
            t.close();
        }
    }

    @Override
    public void abortClients() {
        for (Transport t : List.copyOf(clients)) {
            t.abort();
        }
    }

    @Override
    public void waitClosed() {
        ArrayDeque<Future<Void>> waiters = closeWaiters;
        if (waiters == null) {
            return;
        }
        Future<Void> w = loop.createFuture();
        waiters.add(w);
        try {
            Async.await(w);
        } finally {
            ArrayDeque<Future<Void>> still = closeWaiters;
            if (still != null) {
                still.remove(w);
            }
        }
    }

    @Override
    public void startServing() {
        if (serving || listeners == null) {
            return;
        }
        serving = true;
        for (NetworkBackend.Listener l : listeners) {
            l.startAccepting();
        }
    }

    @Override
    public void serveForever() {
        if (servingForever != null) {
            throw new IllegalStateException("server " + this + " is already being awaited on serveForever()");
        }
        if (listeners == null) {
            throw new IllegalStateException("server " + this + " is closed");
        }
        startServing();
        Future<Void> forever = loop.createFuture();
        servingForever = forever;
        try {
            Async.await(forever);
        } catch (CancelledError cancelled) {
            try {
                close();
                waitClosed();
            } catch (CancelledError again) {
                // Cancelled once more while waiting for the clients: stop waiting.
            }
            throw cancelled;
        } finally {
            if (servingForever == forever) {
                servingForever = null;
            }
        }
    }

    @Override
    public boolean isServing() {
        return serving;
    }

    @Override
    public List<InetSocketAddress> sockets() {
        return listeners == null ? List.of() : List.copyOf(addresses);
    }

    @Override
    public EventLoop getLoop() {
        return loop;
    }

    @Override
    public String toString() {
        return "Server[" + (listeners == null ? "closed" : addresses) + (serving ? ", serving" : "") + ", " + clients.size()
            + " connection" + (clients.size() == 1 ? "" : "s") + "]";
    }
}
