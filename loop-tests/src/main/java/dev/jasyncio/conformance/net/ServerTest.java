package dev.jasyncio.conformance.net;

import static dev.jasyncio.conformance.net.NetTesting.LOOPBACK;
import static dev.jasyncio.conformance.net.NetTesting.assumeNetwork;
import static dev.jasyncio.conformance.net.NetTesting.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.CancelledError;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Task;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.net.Net;
import dev.jasyncio.net.Server;
import dev.jasyncio.net.ServerOptions;
import dev.jasyncio.net.Streams;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The server's life: serving, closing, its clients, waitClosed, serveForever. */
@Conformance
class ServerTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** An echo server whose handlers stay until their client leaves. */
    private static Server echoServer(NetTesting.Handlers handlers, ServerOptions options) throws IOException {
        return echoServer(handlers, List.of(LOOPBACK), options);
    }

    /** An echo server on every address of {@code hosts}, each at a free port. */
    private static Server echoServer(NetTesting.Handlers handlers, List<String> hosts, ServerOptions options)
            throws IOException {
        return Net.startServer(handlers.track((reader, writer) -> {
            for (byte[] line : reader) {
                writer.write(line);
                writer.drain();
            }
            writer.close();
        }), hosts, 0, options);
    }

    private static void roundTrip(Streams s, String text) throws IOException {
        s.writer().write(ascii(text + "\n"));
        assertArrayEquals(ascii(text + "\n"), s.reader().readline());
    }

    /** close() stops listening but leaves the accepted connections working; waitClosed waits for them. */
    @Test
    void closeStopsListeningAndWaitClosedWaitsForTheClients(EventLoop loop) {
        assumeNetwork(loop);
        NetTesting.Handlers handlers = new NetTesting.Handlers();
        run(loop, () -> {
            Server server = echoServer(handlers, ServerOptions.defaults());
            assertTrue(server.isServing());
            int port = server.sockets().get(0).getPort();
            Streams client = Net.openConnection(LOOPBACK, port);
            roundTrip(client, "before close");
            server.close();
            server.close();
            assertFalse(server.isServing());
            assertEquals(List.of(), server.sockets());
            // The JDK's NIO releases a closed socket's descriptor at the next select: until then
            // the kernel still completes connections to it (and resets them later).
            Async.sleep(Duration.ofMillis(20));
            assertThrows(ConnectException.class, () -> Net.openConnection(LOOPBACK, port));
            roundTrip(client, "after close");
            Task<Void> waiting = loop.createTask(() -> {
                server.waitClosed();
                return null;
            });
            Async.sleep(Duration.ofMillis(50));
            assertFalse(waiting.isDone(), "waitClosed returned while a client was connected");
            client.close();
            Async.waitFor(waiting, NetTesting.STEP);
            server.waitClosed();
            handlers.awaitAll();
            return null;
        });
    }

    /** closeClients closes every accepted connection (after flushing); the clients read the end of the stream. */
    @Test
    void closeClientsEndsEveryConnection(EventLoop loop) {
        assumeNetwork(loop);
        NetTesting.Handlers handlers = new NetTesting.Handlers();
        run(loop, () -> {
            Server server = echoServer(handlers, ServerOptions.defaults());
            int port = server.sockets().get(0).getPort();
            List<Streams> clients = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Streams s = Net.openConnection(LOOPBACK, port);
                roundTrip(s, "client " + i);
                clients.add(s);
            }
            server.close();
            server.closeClients();
            for (Streams s : clients) {
                assertEquals(0, s.reader().read().length);
                assertTrue(s.reader().atEof());
                s.close();
            }
            Async.waitFor(loop.createTask(() -> {
                server.waitClosed();
                return null;
            }), NetTesting.STEP);
            assertEquals(3, handlers.awaitAll());
            return null;
        });
    }

    /** abortClients drops every accepted connection at once; waitClosed then returns. */
    @Test
    void abortClientsDropsEveryConnection(EventLoop loop) {
        assumeNetwork(loop);
        NetTesting.Handlers handlers = new NetTesting.Handlers();
        run(loop, () -> {
            Server server = echoServer(handlers, ServerOptions.defaults());
            int port = server.sockets().get(0).getPort();
            List<Streams> clients = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Streams s = Net.openConnection(LOOPBACK, port);
                roundTrip(s, "client " + i);
                clients.add(s);
            }
            server.abortClients();
            server.close();
            Async.waitFor(loop.createTask(() -> {
                server.waitClosed();
                return null;
            }), NetTesting.STEP);
            for (Streams s : clients) {
                assertEquals(0, s.reader().read().length);
                s.close();
            }
            assertEquals(3, handlers.awaitAll());
            return null;
        });
    }

    /** serveForever serves until its task is cancelled; then the server is closed and CancelledError comes out. */
    @Test
    void serveForeverRunsUntilCancelledThenClosesTheServer(EventLoop loop) {
        assumeNetwork(loop);
        NetTesting.Handlers handlers = new NetTesting.Handlers();
        run(loop, () -> {
            Server server = echoServer(handlers, ServerOptions.defaults().startServing(false));
            assertFalse(server.isServing());
            int port = server.sockets().get(0).getPort();
            Task<Void> serving = loop.createTask(() -> {
                server.serveForever();
                return null;
            });
            Async.sleep(Duration.ZERO);
            assertTrue(server.isServing());
            assertThrows(IllegalStateException.class, server::serveForever);
            try (Streams s = Net.openConnection(LOOPBACK, port)) {
                roundTrip(s, "served");
            }
            serving.cancel();
            assertThrows(CancelledError.class, () -> Async.waitFor(serving, NetTesting.STEP));
            assertFalse(server.isServing());
            assertThrows(IllegalStateException.class, server::serveForever);
            handlers.awaitAll();
            return null;
        });
    }

    /** A server made with startServing(false) accepts only after startServing. */
    @Test
    void aServerStartsAcceptingWithStartServing(EventLoop loop) {
        assumeNetwork(loop);
        NetTesting.Handlers handlers = new NetTesting.Handlers();
        run(loop, () -> {
            Server server = echoServer(handlers, ServerOptions.defaults().startServing(false));
            int port = server.sockets().get(0).getPort();
            Streams s = Net.openConnection(LOOPBACK, port);
            s.writer().write(ascii("queued\n"));
            Async.sleep(Duration.ofMillis(100));
            assertEquals(0, handlers.awaitAll(), "a connection was accepted before startServing");
            server.startServing();
            server.startServing();
            assertArrayEquals(ascii("queued\n"), Async.waitFor(loop.createTask(() -> s.reader().readline()), NetTesting.STEP));
            s.close();
            server.close();
            server.waitClosed();
            assertEquals(1, handlers.awaitAll());
            return null;
        });
    }

    /** A server is an AsyncCloseable: try-with-resources stops it listening; the same host twice binds once. */
    @Test
    void aServerClosesInTryWithResourcesAndBindsEachAddressOnce(EventLoop loop) {
        assumeNetwork(loop);
        run(loop, () -> {
            Server kept;
            try (Server server = Net.createServer(() -> new dev.jasyncio.net.Protocol() {}, List.of(LOOPBACK, LOOPBACK), 0,
                    ServerOptions.defaults())) {
                assertEquals(1, server.sockets().size());
                assertSame(loop, server.getLoop());
                kept = server;
            }
            assertFalse(kept.isServing());
            kept.waitClosed();
            return null;
        });
    }

    /** A server on two hosts (127.0.0.1 and 127.0.0.2, both loopback on Linux) has a socket on each, and each accepts. */
    @Test
    void aServerOnTwoHostsListensAndAcceptsOnEach(EventLoop loop) {
        assumeNetwork(loop);
        NetTesting.Handlers handlers = new NetTesting.Handlers();
        run(loop, () -> {
            Server server = echoServer(handlers, List.of(LOOPBACK, "127.0.0.2"), ServerOptions.defaults());
            List<InetSocketAddress> sockets = server.sockets();
            assertEquals(List.of("127.0.0.1", "127.0.0.2"), sockets.stream().map(a -> a.getAddress().getHostAddress()).toList());
            for (InetSocketAddress a : sockets) {
                try (Streams s = Net.openConnection(a.getAddress().getHostAddress(), a.getPort())) {
                    roundTrip(s, "to " + a);
                    assertEquals(a, s.writer().getExtraInfo(dev.jasyncio.net.Transport.PEERNAME));
                }
            }
            server.close();
            server.waitClosed();
            assertEquals(2, handlers.awaitAll());
            return null;
        });
    }

    /** With reusePort, two servers share one port. */
    @Test
    void reusePortLetsTwoServersShareAPort(EventLoop loop) {
        assumeNetwork(loop);
        run(loop, () -> {
            ServerOptions options = ServerOptions.defaults().reusePort(true).keepAlive(true).backlog(16);
            Server first = Net.createServer(() -> new dev.jasyncio.net.Protocol() {}, LOOPBACK, 0, options);
            int port = first.sockets().get(0).getPort();
            Server second = Net.createServer(() -> new dev.jasyncio.net.Protocol() {}, LOOPBACK, port, options);
            assertEquals(port, second.sockets().get(0).getPort());
            assertNotEquals(first, second);
            first.close();
            second.close();
            first.waitClosed();
            second.waitClosed();
            return null;
        });
    }
}
