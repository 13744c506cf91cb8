package dev.jasyncio.conformance.net;

import static dev.jasyncio.conformance.net.NetTesting.LOOPBACK;
import static dev.jasyncio.conformance.net.NetTesting.assumeNetwork;
import static dev.jasyncio.conformance.net.NetTesting.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.net.Net;
import dev.jasyncio.net.Server;
import dev.jasyncio.net.StreamReader;
import dev.jasyncio.net.Streams;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A peer that resets the connection: the reads and drain of that connection fail, the loop serves the others. */
@Conformance
class ResetTest {

    /** A stream echo server, and one round trip through it, to show that the loop still serves. */
    private static void echoRoundTrip(int port, String text) throws IOException {
        try (Streams s = Net.openConnection(LOOPBACK, port)) {
            byte[] line = (text + "\n").getBytes(StandardCharsets.US_ASCII);
            s.writer().write(line);
            assertArrayEquals(line, s.reader().readline());
        }
    }

    private static Server echoServer(NetTesting.Handlers handlers) throws IOException {
        return Net.startServer(handlers.track((reader, writer) -> {
            for (byte[] line : reader) {
                writer.write(line);
            }
            writer.close();
        }), LOOPBACK, 0);
    }

    /** A reset while a read waits: the bytes sent before it are read, then the read throws an I/O error, not an EOF. */
    @Test
    void aResetMidReadFailsTheReadWithAConnectionError(EventLoop loop) throws Exception {
        assumeNetwork(loop);
        NetTesting.Handlers handlers = new NetTesting.Handlers();
        try (RawPeer peer = RawPeer.serve(s -> {
            OutputStream out = s.getOutputStream();
            out.write("partial".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Wait for the client to ask for more, then reset.
            s.getInputStream().read();
            RawPeer.reset(s);
        })) {
            run(loop, () -> {
                Server echo = echoServer(handlers);
                int echoPort = echo.sockets().get(0).getPort();
                echoRoundTrip(echoPort, "before");
                Streams s = Net.openConnection(LOOPBACK, peer.port());
                StreamReader r = s.reader();
                assertEquals("partial", new String(r.readexactly(7), StandardCharsets.US_ASCII));
                s.writer().write(new byte[] {'?'});
                IOException e = assertThrows(IOException.class, () -> r.readexactly(100));
                assertFalse(e instanceof EOFException, "a reset is an error, not an end of stream: " + e);
                assertTrue(s.writer().isClosing());
                assertThrows(IOException.class, () -> s.writer().drain());
                assertThrows(IOException.class, () -> s.writer().waitClosed());
                echoRoundTrip(echoPort, "after");
                echo.close();
                echo.waitClosed();
                handlers.awaitAll();
                return null;
            });
            peer.await();
        }
    }

    /** A reset while drain waits on a full write buffer: drain throws an I/O error. */
    @Test
    void aResetMidWriteFailsDrain(EventLoop loop) throws Exception {
        assumeNetwork(loop);
        NetTesting.Handlers handlers = new NetTesting.Handlers();
        CompletableFuture<Void> writerBlocked = new CompletableFuture<>();
        try (RawPeer peer = RawPeer.serve(s -> {
            // Never read: the client's buffers fill up and its drain waits. Then reset.
            writerBlocked.get(10, java.util.concurrent.TimeUnit.SECONDS);
            RawPeer.reset(s);
        })) {
            run(loop, () -> {
                Server echo = echoServer(handlers);
                int echoPort = echo.sockets().get(0).getPort();
                Streams s = Net.openConnection(LOOPBACK, peer.port());
                byte[] chunk = new byte[64 * 1024];
                Future<Throwable> outcome = loop.createFuture();
                AtomicLong inDrainSince = new AtomicLong();
                loop.createTask(() -> {
                    try {
                        while (true) {
                            s.writer().write(chunk);
                            inDrainSince.set(System.nanoTime());
                            s.writer().drain();
                            inDrainSince.set(0);
                        }
                    } catch (IOException e) {
                        outcome.setResult(e);
                    }
                    return null;
                });
                // Stuck in drain: one drain has waited 50 ms. (Not "the buffer is above the high-water
                // mark": paused, it may stay anywhere above the low one, at the high one exactly, say.)
                NetTesting.until(() -> inDrainSince.get() != 0 && System.nanoTime() - inDrainSince.get() > 50_000_000L);
                assertFalse(outcome.isDone());
                assertTrue(s.writer().transport().getWriteBufferSize() > 0, "drain waits on a buffer that is not empty");
                echoRoundTrip(echoPort, "while the other one is stuck");
                writerBlocked.complete(null);
                Throwable e = Async.waitFor(outcome, NetTesting.STEP);
                assertTrue(e instanceof IOException, String.valueOf(e));
                assertThrows(IOException.class, () -> s.reader().read());
                echoRoundTrip(echoPort, "after");
                echo.close();
                echo.waitClosed();
                handlers.awaitAll();
                return null;
            });
            peer.await();
        }
    }

    /** A client that resets a server connection mid-read: the server's read fails, and the server keeps serving. */
    @Test
    void aClientResetFailsTheServersReadAndTheServerKeepsServing(EventLoop loop) {
        assumeNetwork(loop);
        NetTesting.Handlers handlers = new NetTesting.Handlers();
        run(loop, () -> {
            Future<Throwable> seen = loop.createFuture();
            Server server = Net.startServer(handlers.track((reader, writer) -> {
                byte[] first = reader.readline();
                if (new String(first, StandardCharsets.US_ASCII).equals("reset me\n")) {
                    try {
                        reader.readexactly(1000);
                        seen.setResult(null);
                    } catch (IOException e) {
                        seen.setResult(e);
                    }
                    writer.close();
                    return;
                }
                writer.write(first);
                writer.close();
            }), LOOPBACK, 0);
            int port = server.sockets().get(0).getPort();
            CompletableFuture<Void> raw = RawPeer.connect(port, s -> {
                s.getOutputStream().write("reset me\npart".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                Thread.sleep(50);
                RawPeer.reset(s);
            });
            Throwable e = Async.waitFor(seen, NetTesting.STEP);
            assertTrue(e instanceof IOException && !(e instanceof EOFException), String.valueOf(e));
            Async.await(loop.wrapFuture(raw));
            echoRoundTrip(port, "still serving");
            server.close();
            server.waitClosed();
            assertEquals(2, handlers.awaitAll());
            return null;
        });
    }
}
