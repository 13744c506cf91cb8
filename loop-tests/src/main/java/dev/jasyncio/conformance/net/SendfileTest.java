package dev.jasyncio.conformance.net;

import static dev.jasyncio.conformance.net.NetTesting.LOOPBACK;
import static dev.jasyncio.conformance.net.NetTesting.STEP;
import static dev.jasyncio.conformance.net.NetTesting.assumeNetwork;
import static dev.jasyncio.conformance.net.NetTesting.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.Task;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.net.ClientConnected;
import dev.jasyncio.net.ConnectOptions;
import dev.jasyncio.net.Net;
import dev.jasyncio.net.Server;
import dev.jasyncio.net.ServerOptions;
import dev.jasyncio.net.Streams;
import dev.jasyncio.net.Transport;
import dev.jasyncio.net.UnixSockets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Net.sendfile}: zero-copy over plain TCP, the read-and-write fallback over TLS, asyncio's
 * offset and count rules, and the refusals.
 */
@Conformance
class SendfileTest {
    private static final int SIZE = 10 << 20;
    private static byte[] content;
    private static Path file;

    /** A 10 MiB file of random bytes, made once per JVM and deleted at its exit. */
    private static synchronized Path file() {
        if (file == null) {
            try {
                content = NetTesting.randomBytes(SIZE, 42);
                file = Files.createTempFile("jasyncio-sendfile", ".bin");
                file.toFile().deleteOnExit();
                Files.write(file, content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }

    private static FileChannel open() throws IOException {
        return FileChannel.open(file(), StandardOpenOption.READ);
    }

    /** One connection: the server reads everything to EOF, the client runs {@code send} on its transport then closes. */
    private interface Send {
        long on(Transport transport) throws Exception;
    }

    /** What the client's send returned and what the server received. */
    private record Outcome(long returned, byte[] received) {}

    private static Outcome transfer(EventLoop loop, boolean tls, Send send) throws Exception {
        return transfer(loop, tls, null, send);
    }

    /** As above, over a Unix domain socket at {@code unixPath} when it is not null. */
    private static Outcome transfer(EventLoop loop, boolean tls, Path unixPath, Send send) throws Exception {
        ServerOptions serverOptions = ServerOptions.defaults();
        ConnectOptions clientOptions = ConnectOptions.defaults();
        if (tls) {
            KeyStore identity = TestCertificates.identity("localhost", "dns:localhost,ip:127.0.0.1");
            serverOptions = serverOptions.tls(TestCertificates.server(identity));
            SSLContext client = TestCertificates.clientTrusting(identity);
            clientOptions = clientOptions.tls(client).serverHostname(LOOPBACK);
        }
        ServerOptions so = serverOptions;
        ConnectOptions co = clientOptions;
        NetTesting.Handlers handlers = new NetTesting.Handlers();
        return run(loop, () -> {
            Future<byte[]> received = loop.createFuture();
            ClientConnected readAll = handlers.track((reader, writer) -> {
                received.setResult(reader.read(-1));
                writer.close();
            });
            Server server = unixPath != null ? UnixSockets.startUnixServer(readAll, unixPath)
                : Net.startServer(readAll, LOOPBACK, 0, so);
            long returned;
            try (Streams s = unixPath != null ? UnixSockets.openUnixConnection(unixPath)
                    : Net.openConnection(LOOPBACK, server.sockets().get(0).getPort(), co)) {
                returned = send.on(s.writer().transport());
            }
            byte[] got = Async.waitFor(received, STEP);
            handlers.awaitAll();
            server.close();
            server.waitClosed();
            return new Outcome(returned, got);
        });
    }

    /** 10 MiB go out byte-exact on the zero-copy path: with the fallback disabled it is the only one there is. */
    @Test
    void aWholeFileGoesOutZeroCopyOverPlainTcp(EventLoop loop) throws Exception {
        assumeNetwork(loop);
        long[] position = new long[1];
        Outcome o = transfer(loop, false, t -> {
            try (FileChannel f = open()) {
                long n = Net.sendfile(t, f, 0, Long.MAX_VALUE, false);
                position[0] = f.position();
                return n;
            }
        });
        assertEquals(SIZE, o.returned());
        assertEquals(SIZE, position[0], "the file's position moves past the bytes sent");
        assertArrayEquals(content, o.received());
    }

    /** A Unix domain socket takes the zero-copy path too. */
    @Test
    void aWholeFileGoesOutZeroCopyOverAUnixSocket(EventLoop loop, @TempDir Path dir) throws Exception {
        assumeNetwork(loop);
        Outcome o = transfer(loop, false, dir.resolve("sendfile.sock"), t -> {
            try (FileChannel f = open()) {
                return Net.sendfile(t, f, 0, Long.MAX_VALUE, false);
            }
        });
        assertEquals(SIZE, o.returned());
        assertArrayEquals(content, o.received());
    }

    /** Over TLS the bytes must be encrypted, so the fallback reads and writes them: 10 MiB arrive byte-exact. */
    @Test
    void overTlsTheFallbackSendsTheWholeFile(EventLoop loop) throws Exception {
        assumeNetwork(loop);
        Outcome o = transfer(loop, true, t -> {
            try (FileChannel f = open()) {
                return Net.sendfile(t, f);
            }
        });
        assertEquals(SIZE, o.returned());
        assertArrayEquals(content, o.received());
    }

    /**
     * A fallback sendfile cancelled while it waits for the buffer to drain (the peer does not
     * read yet) gives the write side back: the writer's close that follows is still carried out
     * once the buffer drains, and the peer gets a clean prefix of the file, then EOF.
     */
    @Test
    void aCancelledFallbackSendfileLeavesACloseThatStillHappens(EventLoop loop) throws Exception {
        assumeNetwork(loop);
        KeyStore identity = TestCertificates.identity("localhost", "dns:localhost,ip:127.0.0.1");
        ServerOptions so = ServerOptions.defaults().tls(TestCertificates.server(identity));
        ConnectOptions co = ConnectOptions.defaults().tls(TestCertificates.clientTrusting(identity)).serverHostname(LOOPBACK);
        NetTesting.Handlers handlers = new NetTesting.Handlers();
        byte[] got = run(loop, () -> {
            Future<Void> startReading = loop.createFuture();
            Future<byte[]> received = loop.createFuture();
            Server server = Net.startServer(handlers.track((reader, writer) -> {
                Async.await(startReading);
                received.setResult(reader.read(-1));
                writer.close();
            }), LOOPBACK, 0, so);
            try (Streams s = Net.openConnection(LOOPBACK, server.sockets().get(0).getPort(), co);
                    FileChannel f = open()) {
                Transport t = s.writer().transport();
                // The file again and again, so that the kernel's buffers cannot take it all.
                Task<Long> sending = Async.createTask(() -> {
                    while (true) {
                        Net.sendfile(t, f, 0, SIZE);
                    }
                });
                NetTesting.until(() -> t.getWriteBufferSize() > 64 * 1024);
                Async.sleep(Duration.ofMillis(50));
                sending.cancel();
                assertThrows(dev.jasyncio.CancelledError.class, () -> Async.await(sending));
                s.writer().close();
                startReading.setResult(null);
            }
            byte[] all = Async.waitFor(received, STEP);
            handlers.awaitAll();
            server.close();
            server.waitClosed();
            return all;
        });
        assertTrue(got.length > 0, "something was sent");
        for (int i = 0; i < got.length; i++) {
            if (got[i] != content[i % SIZE]) {
                throw new AssertionError("byte " + i + " differs: the stream is not a clean run of the file");
            }
        }
    }

    /** offset and count pick bytes in the middle of the file, on both paths; the position ends after them. */
    @Test
    void offsetAndCountSendTheMiddleOfTheFile(EventLoop loop) throws Exception {
        assumeNetwork(loop);
        for (boolean tls : new boolean[] {false, true}) {
            long[] position = new long[1];
            Outcome o = transfer(loop, tls, t -> {
                try (FileChannel f = open()) {
                    long n = Net.sendfile(t, f, 1_000_003, 2_500_001);
                    position[0] = f.position();
                    return n;
                }
            });
            assertEquals(2_500_001, o.returned(), "tls " + tls);
            assertEquals(3_500_004, position[0], "tls " + tls);
            assertArrayEquals(Arrays.copyOfRange(content, 1_000_003, 3_500_004), o.received(), "tls " + tls);
        }
    }

    /** A count past the end sends up to the end; an offset at or past the end sends nothing. */
    @Test
    void aCountPastTheEndSendsUpToTheEnd(EventLoop loop) throws Exception {
        assumeNetwork(loop);
        for (boolean tls : new boolean[] {false, true}) {
            long[] atEnd = new long[1];
            Outcome o = transfer(loop, tls, t -> {
                try (FileChannel f = open()) {
                    long n = Net.sendfile(t, f, SIZE - 777, 1_000_000);
                    atEnd[0] = Net.sendfile(t, f, SIZE, 10);
                    return n;
                }
            });
            assertEquals(777, o.returned(), "tls " + tls);
            assertEquals(0, atEnd[0], "tls " + tls);
            assertArrayEquals(Arrays.copyOfRange(content, SIZE - 777, SIZE), o.received(), "tls " + tls);
        }
    }

    /** {@code call} throws {@code type} with a message containing {@code message}. */
    private static void refused(Class<? extends RuntimeException> type, String message,
            org.junit.jupiter.api.function.Executable call) {
        RuntimeException e = assertThrows(type, call);
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    /** After the refusals in {@code refusals}, nothing was sent, the file did not move, and the connection goes on. */
    private static void refusedThenTheConnectionGoesOn(EventLoop loop, boolean tls, Send refusals) throws Exception {
        Outcome o = transfer(loop, tls, t -> {
            refusals.on(t);
            t.write(new byte[] {'o', 'k'});
            return 0L;
        });
        assertArrayEquals(new byte[] {'o', 'k'}, o.received());
    }

    /** A negative offset or a count below 1 is refused before anything is sent; the connection goes on. */
    @Test
    void aBadOffsetOrCountIsRefused(EventLoop loop) throws Exception {
        assumeNetwork(loop);
        refusedThenTheConnectionGoesOn(loop, false, t -> {
            try (FileChannel f = open()) {
                refused(IllegalArgumentException.class, "offset must be a non-negative integer (got -1)",
                    () -> Net.sendfile(t, f, -1, 10));
                refused(IllegalArgumentException.class, "count must be a positive integer (got 0)", () -> Net.sendfile(t, f, 0, 0));
                assertEquals(0, f.position());
            }
            return 0L;
        });
    }

    /** With the fallback disabled, TLS (where zero-copy is impossible) is refused, and the connection goes on. */
    @Test
    void withoutTheFallbackTlsIsRefused(EventLoop loop) throws Exception {
        assumeNetwork(loop);
        refusedThenTheConnectionGoesOn(loop, true, t -> {
            try (FileChannel f = open()) {
                refused(UnsupportedOperationException.class, "fallback is disabled", () -> Net.sendfile(t, f, 0, 100, false));
                assertEquals(0, f.position());
            }
            return 0L;
        });
    }

    /** After writeEof a sendfile is refused, as a write is, before anything is sent; what went before arrives, then EOF. */
    @Test
    void aSendfileAfterWriteEofIsRefused(EventLoop loop) throws Exception {
        assumeNetwork(loop);
        Outcome o = transfer(loop, false, t -> {
            try (FileChannel f = open()) {
                t.write(new byte[] {'o', 'k'});
                t.writeEof();
                refused(IllegalStateException.class, "Cannot call sendfile() after writeEof()", () -> Net.sendfile(t, f));
                refused(IllegalStateException.class, "Cannot call sendfile() after writeEof()",
                    () -> Net.sendfile(t, f, 0, 100, true));
                assertEquals(0, f.position());
            }
            return 0L;
        });
        assertArrayEquals(new byte[] {'o', 'k'}, o.received());
    }

    /** While a sendfile runs, other writes (and a second sendfile) are refused; afterwards they go out behind it. */
    @Test
    void writesDuringASendfileAreRefused(EventLoop loop) throws Exception {
        assumeNetwork(loop);
        for (boolean tls : new boolean[] {false, true}) {
            Outcome o = transfer(loop, tls, t -> {
                try (FileChannel f = open(); FileChannel g = open()) {
                    Task<Long> sending = loop.createTask(() -> Net.sendfile(t, f));
                    Async.sleep(Duration.ZERO);
                    assertEquals(false, sending.isDone());
                    refused(IllegalStateException.class, "sendfile is in progress", () -> t.write(new byte[] {'x'}));
                    refused(IllegalStateException.class, "sendfile is in progress", () -> Net.sendfile(t, g));
                    long n = Async.waitFor(sending, STEP);
                    t.write(new byte[] {'!'});
                    return n;
                }
            });
            assertEquals(SIZE, o.returned(), "tls " + tls);
            byte[] expected = Arrays.copyOf(content, SIZE + 1);
            expected[SIZE] = '!';
            assertArrayEquals(expected, o.received(), "tls " + tls);
        }
    }
}
