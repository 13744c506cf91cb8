package dev.jasyncio.conformance.net;

import static dev.jasyncio.conformance.net.NetTesting.LOOPBACK;
import static dev.jasyncio.conformance.net.NetTesting.assumeNetwork;
import static dev.jasyncio.conformance.net.NetTesting.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.jasyncio.EventLoop;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.net.ConnectOptions;
import dev.jasyncio.net.Net;
import dev.jasyncio.net.Protocol;
import dev.jasyncio.net.Server;
import dev.jasyncio.spi.NetworkBackend;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** How connecting and binding fail: precise exceptions, no protocol made, nothing left open. */
@Conformance
class ConnectErrorsTest {

    /** A port nobody listens on: bound and closed at once, so nothing accepts there. */
    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
            return s.getLocalPort();
        }
    }

    /** Connecting to a port nobody listens on throws ConnectException, and no protocol is made. */
    @Test
    void connectionRefusedIsAConnectException(EventLoop loop) throws Exception {
        assumeNetwork(loop);
        int port = closedPort();
        AtomicInteger made = new AtomicInteger();
        ConnectException e = run(loop, () -> {
            assertThrows(ConnectException.class, () -> Net.openConnection(LOOPBACK, port));
            return assertThrows(ConnectException.class, () -> Net.createConnection(() -> {
                made.incrementAndGet();
                return new Protocol() {};
            }, LOOPBACK, port));
        });
        assertTrue(String.valueOf(e.getMessage()).contains(String.valueOf(port)), e::getMessage);
        assertEquals(0, made.get());
    }

    /**
     * Fills the accept queue of {@code listener} (which never accepts) with blocking connects
     * until one of them times out: from then on the kernel drops new connection requests there.
     */
    private static List<Socket> fillAcceptQueue(ServerSocket listener) throws Exception {
        List<Socket> queued = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Socket s = new Socket();
            try {
                s.connect(listener.getLocalSocketAddress(), 500);
                queued.add(s);
            } catch (SocketTimeoutException full) {
                s.close();
                return queued;
            }
        }
        for (Socket s : queued) {
            s.close();
        }
        throw new TestAbortedException("the kernel queued 16 connections on a backlog of 1: no way to make a connect hang");
    }

    /** A connect that cannot complete gives up after the connect timeout, with a ConnectException saying so and naming the port. */
    @Test
    void aConnectThatCannotCompleteTimesOutWithAConnectException(EventLoop loop) throws Exception {
        assumeNetwork(loop);
        try (ServerSocket full = new ServerSocket(0, 1, RawPeer.loopback())) {
            List<Socket> queued = fillAcceptQueue(full);
            int port = full.getLocalPort();
            AtomicInteger made = new AtomicInteger();
            long[] millis = new long[1];
            ConnectException e;
            try {
                e = run(loop, () -> {
                    long start = System.nanoTime();
                    ConnectException thrown = assertThrows(ConnectException.class, () -> Net.createConnection(() -> {
                        made.incrementAndGet();
                        return new Protocol() {};
                    }, LOOPBACK, port, ConnectOptions.defaults().connectTimeout(Duration.ofMillis(300))));
                    millis[0] = (System.nanoTime() - start) / 1_000_000;
                    return thrown;
                });
            } finally {
                for (Socket s : queued) {
                    s.close();
                }
            }
            assertTrue(e.getMessage().contains("timed out") && e.getMessage().contains(String.valueOf(port)), e::getMessage);
            assertTrue(millis[0] >= 200 && millis[0] < 5_000, "a 300 ms connect timeout took " + millis[0] + " ms");
            assertEquals(0, made.get());
        }
    }

    /** A host name that does not resolve throws UnknownHostException (resolved off the loop thread). */
    @Test
    void anUnresolvableHostIsAnUnknownHostException(EventLoop loop) {
        assumeNetwork(loop);
        run(loop, () -> assertThrows(UnknownHostException.class, () -> Net.openConnection("no-such-host.invalid", 80)));
    }

    /** Binding a port that is taken throws BindException naming the address. */
    @Test
    void bindingATakenPortIsABindException(EventLoop loop) {
        assumeNetwork(loop);
        run(loop, () -> {
            Server first = Net.createServer(() -> new Protocol() {}, LOOPBACK, 0);
            InetSocketAddress taken = first.sockets().get(0);
            BindException e = assertThrows(BindException.class,
                () -> Net.createServer(() -> new Protocol() {}, LOOPBACK, taken.getPort()));
            assertTrue(e.getMessage().contains(String.valueOf(taken.getPort())), e::getMessage);
            first.close();
            first.waitClosed();
            return null;
        });
    }

    /** On a backend without network I/O, the network entry points say so. */
    @Test
    void aLoopWithoutNetworkIoRefusesWithAClearMessage(EventLoop loop) {
        assumeFalse(loop.ioDriver() instanceof NetworkBackend, "this backend has network I/O");
        UnsupportedOperationException e = run(loop, () -> assertThrows(UnsupportedOperationException.class,
            () -> Net.openConnection(LOOPBACK, 80)));
        assertTrue(e.getMessage().contains("use nio or epoll"), e::getMessage);
    }

    /** A transport used from a thread outside its loop fails at once instead of racing the loop. */
    @Test
    void aTransportUsedFromAnotherThreadFailsAtOnce(EventLoop loop) {
        assumeNetwork(loop);
        run(loop, () -> {
            Server server = Net.createServer(() -> new Protocol() {}, LOOPBACK, 0);
            dev.jasyncio.net.Connection<Protocol> c = Net.createConnection(() -> new Protocol() {}, LOOPBACK,
                server.sockets().get(0).getPort());
            java.util.concurrent.CompletableFuture<Throwable> seen = new java.util.concurrent.CompletableFuture<>();
            Thread other = new Thread(() -> {
                try {
                    c.transport().write(new byte[] {1});
                    seen.complete(null);
                } catch (Throwable t) {
                    seen.complete(t);
                }
            }, "not-the-loop");
            other.start();
            Throwable t = dev.jasyncio.Async.await(loop.wrapFuture(seen));
            assertTrue(t instanceof IllegalStateException && t.getMessage().contains("not-the-loop"), String.valueOf(t));
            c.transport().abort();
            server.close();
            server.waitClosed();
            return null;
        });
    }

    /** Outside a running loop the network entry points fail at once, saying why. */
    @Test
    void theEntryPointsNeedARunningLoop() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Net.openConnection(LOOPBACK, 80));
        assertTrue(e.getMessage().contains("no running event loop"), e::getMessage);
    }
}
