package dev.jasyncio.conformance.net;

import static dev.jasyncio.conformance.net.NetTesting.assumeNetwork;
import static dev.jasyncio.conformance.net.NetTesting.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.CancelledError;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Task;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.net.EchoTest.Collector;
import dev.jasyncio.conformance.net.EchoTest.EchoProtocol;
import dev.jasyncio.net.Connection;
import dev.jasyncio.net.Server;
import dev.jasyncio.net.Streams;
import dev.jasyncio.net.Transport;
import dev.jasyncio.net.UnixSockets;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unix domain stream sockets: echo through protocols and streams, the socket file's life (a
 * stale one removed at bind, another file refused, the server's own removed on close unless
 * replaced), and the errors of connecting to a path nobody listens on.
 */
@Conformance
class UnixSocketTest {

    /** A socket file nobody listens on: bound, then closed (closing a socket leaves its file). */
    private static void makeStaleSocketFile(Path path) throws Exception {
        try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            s.bind(UnixDomainSocketAddress.of(path));
        }
        assertTrue(Files.exists(path), "the stale socket file is there");
    }

    /** Bytes go through a Unix echo server and back, whole, with the same callbacks as TCP; the addresses are the path. */
    @Test
    void protocolsEchoOverAUnixSocket(EventLoop loop, @TempDir Path dir) {
        assumeNetwork(loop);
        Path path = dir.resolve("echo.sock");
        List<EchoProtocol> serverSide = new ArrayList<>();
        run(loop, () -> {
            Server server = UnixSockets.createUnixServer(() -> {
                EchoProtocol p = new EchoProtocol();
                serverSide.add(p);
                return p;
            }, path);
            assertTrue(server.isServing());
            assertEquals(List.of(), server.sockets(), "a Unix server lists no IP addresses");
            Connection<Collector> c = UnixSockets.createUnixConnection(() -> new Collector(loop), path.toString());
            byte[] payload = NetTesting.randomBytes(300_000, 3);
            c.transport().write(payload);
            c.transport().writeEof();
            assertNull(Async.waitFor(c.protocol().lost, NetTesting.STEP), "the connection ended with an error");
            assertArrayEquals(payload, c.protocol().received.toByteArray());
            assertEquals(List.of("made", "eof", "lost"), c.protocol().events);

            assertEquals(UnixDomainSocketAddress.of(path), c.transport().getExtraInfo(Transport.PEERNAME));
            assertInstanceOf(UnixDomainSocketAddress.class, c.transport().getExtraInfo(Transport.SOCKNAME));
            assertEquals(UnixDomainSocketAddress.of(path), serverSide.get(0).transport.getExtraInfo(Transport.SOCKNAME));
            server.close();
            server.waitClosed();
            return null;
        });
        assertEquals("lost:null", serverSide.get(0).events.get(serverSide.get(0).events.size() - 1));
    }

    /**
     * A client queued by the kernel before the server's first poll (it connected as soon as the
     * socket file was there) is served like any other: a Unix server accepts only once its
     * connections have a protocol to go to. Several rounds, each with a server of its own.
     */
    @Test
    void aClientQueuedBeforeTheFirstPollIsServed(EventLoop loop, @TempDir Path dir) {
        assumeNetwork(loop);
        run(loop, () -> {
            for (int round = 0; round < 3; round++) {
                Path path = dir.resolve("early" + round + ".sock");
                Server server = UnixSockets.createUnixServer(EchoProtocol::new, path);
                // A blocking connect and write, on purpose: both complete in the kernel while the
                // loop has not polled since the bind.
                try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                    byte[] sent = {7, 8, (byte) round};
                    client.write(ByteBuffer.wrap(sent));
                    client.configureBlocking(false);
                    ByteBuffer echoed = ByteBuffer.allocate(sent.length);
                    NetTesting.until(() -> readUntilFullOrEof(client, echoed));
                    assertArrayEquals(sent, echoed.array(), "round " + round + ": the echo came back whole");
                }
                server.close();
                server.waitClosed();
            }
            return null;
        });
    }

    /** Reads what {@code client} has into {@code into}; true once it is full or the peer ended. */
    private static boolean readUntilFullOrEof(SocketChannel client, ByteBuffer into) {
        try {
            return client.read(into) < 0 || !into.hasRemaining();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines go through a Unix stream server and back. */
    @Test
    void streamsEchoOverAUnixSocket(EventLoop loop, @TempDir Path dir) {
        assumeNetwork(loop);
        Path path = dir.resolve("lines.sock");
        NetTesting.Handlers handlers = new NetTesting.Handlers();
        run(loop, () -> {
            Server server = UnixSockets.startUnixServer(handlers.track((reader, writer) -> {
                for (byte[] line : reader) {
                    writer.write(line);
                    writer.drain();
                }
                writer.close();
            }), path);
            try (Streams s = UnixSockets.openUnixConnection(path)) {
                for (int i = 0; i < 50; i++) {
                    byte[] line = ("line " + i + "\n").getBytes(StandardCharsets.US_ASCII);
                    s.writer().write(line);
                    assertArrayEquals(line, s.reader().readline());
                }
                s.writer().writeEof();
                assertArrayEquals(new byte[0], s.reader().read());
            }
            server.close();
            server.waitClosed();
            assertEquals(1, handlers.awaitAll());
            return null;
        });
    }

    /**
     * Half-close: the client's writeEof reaches the server as EOF while the server can still
     * answer, and the client reads the answer, then EOF.
     */
    @Test
    void aUnixConnectionCanBeHalfClosed(EventLoop loop, @TempDir Path dir) {
        assumeNetwork(loop);
        Path path = dir.resolve("half.sock");
        NetTesting.Handlers handlers = new NetTesting.Handlers();
        run(loop, () -> {
            Server server = UnixSockets.startUnixServer(handlers.track((reader, writer) -> {
                byte[] request = reader.read(-1);
                assertTrue(reader.atEof());
                writer.write(("got " + request.length + " bytes").getBytes(StandardCharsets.US_ASCII));
                writer.drain();
                writer.close();
            }), path);
            try (Streams s = UnixSockets.openUnixConnection(path)) {
                s.writer().write(new byte[70_000]);
                s.writer().writeEof();
                assertArrayEquals("got 70000 bytes".getBytes(StandardCharsets.US_ASCII), s.reader().read(-1));
                assertTrue(s.reader().atEof());
            }
            server.close();
            server.waitClosed();
            assertEquals(1, handlers.awaitAll());
            return null;
        });
    }

    /** A socket file left by a server that is gone is removed at bind; the new server serves there. */
    @Test
    void aStaleSocketFileIsRemovedAtBind(EventLoop loop, @TempDir Path dir) throws Exception {
        assumeNetwork(loop);
        Path path = dir.resolve("stale.sock");
        makeStaleSocketFile(path);
        run(loop, () -> {
            Server server = UnixSockets.createUnixServer(EchoProtocol::new, path);
            Connection<Collector> c = UnixSockets.createUnixConnection(() -> new Collector(loop), path);
            c.transport().write(new byte[] {42});
            NetTesting.until(() -> c.protocol().received.size() == 1);
            c.transport().close();
            Async.waitFor(c.protocol().lost, NetTesting.STEP);
            server.close();
            server.waitClosed();
            return null;
        });
    }

    /** A file that is not a socket is never removed: the bind is refused with a BindException naming the path. */
    @Test
    void aFileThatIsNotASocketIsRefused(EventLoop loop, @TempDir Path dir) throws Exception {
        assumeNetwork(loop);
        Path path = dir.resolve("data.txt");
        Files.writeString(path, "keep me");
        BindException e = run(loop, () -> assertThrows(BindException.class,
            () -> UnixSockets.createUnixServer(EchoProtocol::new, path)));
        assertTrue(e.getMessage().contains(path.toString()) && e.getMessage().contains("not a socket"), e::getMessage);
        assertEquals("keep me", Files.readString(path));
    }

    /** Closing the server removes its socket file; a client then finds nothing there. */
    @Test
    void closingTheServerRemovesItsFile(EventLoop loop, @TempDir Path dir) {
        assumeNetwork(loop);
        Path path = dir.resolve("gone.sock");
        run(loop, () -> {
            Server server = UnixSockets.createUnixServer(EchoProtocol::new, path);
            assertTrue(Files.exists(path));
            server.close();
            assertFalse(Files.exists(path), "the server's socket file is removed on close");
            server.waitClosed();
            assertThrows(FileNotFoundException.class, () -> UnixSockets.openUnixConnection(path));
            return null;
        });
    }

    /**
     * A createUnixServer cancelled while its listener registers with the loop leaves no socket
     * file behind (the backend had bound it already), and no listener: the path is free again.
     */
    @Test
    void aCancelledCreateUnixServerLeavesNoFile(EventLoop loop, @TempDir Path dir) {
        assumeNetwork(loop);
        Path path = dir.resolve("cancelled.sock");
        run(loop, () -> {
            Task<Server> creating = Async.createTask(() -> UnixSockets.createUnixServer(EchoProtocol::new, path));
            Async.sleep(Duration.ZERO); // its first step binds and awaits the registration
            assertTrue(creating.cancel(), "createUnixServer finished within one iteration");
            assertThrows(CancelledError.class, () -> Async.await(creating));
            assertFalse(Files.exists(path), "the cancelled server's socket file is removed");
            Server again = UnixSockets.createUnixServer(EchoProtocol::new, path);
            again.close();
            again.waitClosed();
            return null;
        });
    }

    /** Null options are refused by name, by the stream functions as by the protocol ones. */
    @Test
    void nullOptionsAreNamed(EventLoop loop, @TempDir Path dir) {
        assumeNetwork(loop);
        Path path = dir.resolve("none.sock");
        run(loop, () -> {
            NullPointerException connect = assertThrows(NullPointerException.class,
                () -> UnixSockets.openUnixConnection(path, null));
            assertEquals("options", connect.getMessage());
            NullPointerException serve = assertThrows(NullPointerException.class,
                () -> UnixSockets.startUnixServer((r, w) -> { }, path, null));
            assertEquals("options", serve.getMessage());
            assertFalse(Files.exists(path), "nothing was bound");
            return null;
        });
    }

    /** A file that replaced the server's socket while it listened is left in place when the server closes. */
    @Test
    void aFileThatReplacedTheSocketIsLeftAlone(EventLoop loop, @TempDir Path dir) {
        assumeNetwork(loop);
        Path path = dir.resolve("replaced.sock");
        run(loop, () -> {
            Server server = UnixSockets.createUnixServer(EchoProtocol::new, path);
            Files.delete(path);
            Files.writeString(path, "another owner");
            server.close();
            server.waitClosed();
            assertEquals("another owner", Files.readString(path));
            return null;
        });
    }

    /**
     * Connecting where there is no file is a FileNotFoundException (asyncio's FileNotFoundError,
     * ENOENT); where a socket file is but nobody listens, a ConnectException (ECONNREFUSED). No
     * protocol is made.
     */
    @Test
    void connectingToAMissingOrDeadSocketFailsPrecisely(EventLoop loop, @TempDir Path dir) throws Exception {
        assumeNetwork(loop);
        Path missing = dir.resolve("missing.sock");
        Path stale = dir.resolve("dead.sock");
        makeStaleSocketFile(stale);
        List<Object> made = new ArrayList<>();
        run(loop, () -> {
            FileNotFoundException e = assertThrows(FileNotFoundException.class,
                () -> UnixSockets.createUnixConnection(() -> {
                    made.add(this);
                    return new Collector(loop);
                }, missing));
            assertTrue(e.getMessage().contains(missing.toString()), e::getMessage);
            assertThrows(FileNotFoundException.class, () -> UnixSockets.openUnixConnection(missing));
            assertThrows(ConnectException.class, () -> UnixSockets.openUnixConnection(stale));
            return null;
        });
        assertEquals(List.of(), made);
    }

    /** A path longer than the kernel takes, or in the abstract namespace, is refused before any socket is made. */
    @Test
    void badPathsAreRefused(EventLoop loop) {
        assumeNetwork(loop);
        run(loop, () -> {
            String tooLong = "/tmp/" + "x".repeat(120) + ".sock";
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UnixSockets.openUnixConnection(tooLong));
            assertTrue(e.getMessage().contains("107"), e::getMessage);
            assertThrows(IllegalArgumentException.class, () -> UnixSockets.startUnixServer((r, w) -> { }, tooLong));
            assertThrows(IllegalArgumentException.class, () -> UnixSockets.openUnixConnection("\0abstract"));
            return null;
        });
    }
}
