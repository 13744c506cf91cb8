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
import dev.jasyncio.net.Connection;
import dev.jasyncio.net.Net;
import dev.jasyncio.net.Protocol;
import dev.jasyncio.net.Server;
import dev.jasyncio.net.Transport;
import dev.jasyncio.net.WriteBufferLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Write flow control (water marks, pauseWriting, drain) and read flow control (pauseReading). */
@Conformance
class FlowControlTest {
    private static final int CHUNK = 16 * 1024;

    /** A client that reads nothing until told to, then everything; records what it got. */
    static final class Sink implements Protocol {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final Future<Throwable> lost;
        Transport transport;

        Sink(EventLoop loop) {
            lost = loop.createFuture();
        }

        @Override
        public void connectionMade(Transport t) {
            transport = t;
            t.pauseReading();
        }

        @Override
        public void dataReceived(byte[] data) {
            received.writeBytes(data);
        }

        @Override
        public void connectionLost(Throwable error) {
            lost.setResult(error);
        }
    }

    /**
     * A producer driven by pauseWriting/resumeWriting, asyncio-style: it writes until paused and
     * goes on when resumed, until {@code total} bytes are written, then closes.
     */
    static final class Producer implements Protocol {
        final List<String> events = new ArrayList<>();
        final byte[] data;
        long maxBuffered;
        int sent;
        boolean paused;
        Transport transport;

        Producer(byte[] data) {
            this.data = data;
        }

        @Override
        public void connectionMade(Transport t) {
            transport = t;
            pump();
        }

        void pump() {
            while (!paused && sent < data.length) {
                int n = Math.min(CHUNK, data.length - sent);
                transport.write(data, sent, n);
                sent += n;
                maxBuffered = Math.max(maxBuffered, transport.getWriteBufferSize());
            }
            if (sent == data.length) {
                transport.close();
            }
        }

        @Override
        public void pauseWriting() {
            events.add("pause@" + transport.getWriteBufferSize());
            paused = true;
        }

        @Override
        public void resumeWriting() {
            events.add("resume@" + transport.getWriteBufferSize());
            paused = false;
            pump();
        }
    }

    /** A server's producer of {@code data} and the client that does not read it, once the producer is paused. */
    private record Stalled(Server server, Producer producer, Connection<Sink> client) {}

    /** Serves a producer of {@code data} to a client that does not read; returns once the producer is paused. In a task. */
    private static Stalled stalled(EventLoop loop, byte[] data) throws Exception {
        List<Producer> producers = new ArrayList<>();
        Server server = Net.createServer(() -> {
            Producer p = new Producer(data);
            producers.add(p);
            return p;
        }, LOOPBACK, 0);
        Connection<Sink> c = Net.createConnection(() -> new Sink(loop), LOOPBACK, server.sockets().get(0).getPort());
        NetTesting.until(() -> !producers.isEmpty() && producers.get(0).paused);
        return new Stalled(server, producers.get(0), c);
    }

    /**
     * Closing the loop closes its connections, and Netty fails the writes they still buffer: a
     * producer paused then is not resumed (nor paused again), as its loop could run nothing more.
     */
    @Test
    void closingTheLoopDoesNotResumeAPausedProducer(EventLoop loop) {
        assumeNetwork(loop);
        Producer p = run(loop, () -> stalled(loop, NetTesting.randomBytes(32 << 20, 4)).producer());
        List<String> before = List.copyOf(p.events);
        loop.close();
        assertEquals(before, p.events, "flow control callbacks while the loop closed");
    }

    /**
     * A client that never reads: the server's producer is paused once its buffer passes the
     * high-water mark, its buffer stays within one write of that mark, and once the client reads
     * every byte arrives and the producer was resumed at or below the low-water mark.
     */
    @Test
    void aClientThatNeverReadsBoundsTheServersBuffer(EventLoop loop) {
        assumeNetwork(loop);
        byte[] data = NetTesting.randomBytes(32 << 20, 3);
        run(loop, () -> {
            Stalled stalled = stalled(loop, data);
            Producer p = stalled.producer();
            Connection<Sink> c = stalled.client();
            Server server = stalled.server();
            // Stuck: nothing more is written while the client does not read.
            int sentWhenPaused = p.sent;
            Async.sleep(Duration.ofMillis(200));
            assertEquals(sentWhenPaused, p.sent, "the producer wrote while paused");
            assertTrue(p.sent < data.length, "the kernel took everything: make the data bigger");
            long high = p.transport.getWriteBufferLimits().high();
            // Still paused, so above the low-water mark; not necessarily above the high one, which
            // a write that went out whole since the pause may have brought it back to.
            long low = p.transport.getWriteBufferLimits().low();
            assertTrue(p.transport.getWriteBufferSize() > low, () -> p.transport.getWriteBufferSize() + " <= low " + low);
            assertTrue(p.maxBuffered <= high + CHUNK, "buffered " + p.maxBuffered + " > high " + high + " + one write");
            c.transport().resumeReading();
            assertEquals(null, Async.waitFor(c.protocol().lost, NetTesting.STEP));
            assertArrayEquals(data, c.protocol().received.toByteArray());
            assertTrue(p.events.size() >= 2 && p.events.get(0).startsWith("pause@"), p.events::toString);
            for (String e : p.events) {
                if (e.startsWith("resume@")) {
                    assertTrue(Long.parseLong(e.substring(7)) <= WriteBufferLimits.DEFAULT_LOW, e);
                }
            }
            server.close();
            server.waitClosed();
            return null;
        });
    }

    /** With streams: drain waits while the peer does not read, and returns once it does. */
    @Test
    void drainWaitsWhileThePeerDoesNotRead(EventLoop loop) {
        assumeNetwork(loop);
        NetTesting.Handlers handlers = new NetTesting.Handlers();
        byte[] chunk = NetTesting.randomBytes(64 * 1024, 5);
        int chunks = 256;
        run(loop, () -> {
            int[] written = new int[1];
            Server server = Net.startServer(handlers.track((reader, writer) -> {
                for (int i = 0; i < chunks; i++) {
                    writer.write(chunk);
                    writer.drain();
                    written[0]++;
                }
                writer.close();
            }), LOOPBACK, 0);
            Connection<Sink> c = Net.createConnection(() -> new Sink(loop), LOOPBACK, server.sockets().get(0).getPort());
            // Wait until the server's writer stops making progress: it is waiting in drain.
            int before;
            do {
                before = written[0];
                Async.sleep(Duration.ofMillis(100));
            } while (written[0] != before);
            assertTrue(written[0] < chunks, "everything fit in the kernel's buffers: write more");
            c.transport().resumeReading();
            assertEquals(null, Async.waitFor(c.protocol().lost, NetTesting.STEP));
            assertEquals(chunks, written[0]);
            assertEquals((long) chunks * chunk.length, c.protocol().received.size());
            server.close();
            server.waitClosed();
            handlers.awaitAll();
            return null;
        });
    }

    /** The default water marks are 16 KiB and 64 KiB; new ones are checked and a high mark of 0 pauses on any buffered byte. */
    @Test
    void waterMarksHaveAsyncioDefaultsAndRules(EventLoop loop) {
        assumeNetwork(loop);
        run(loop, () -> {
            List<Producer> producers = new ArrayList<>();
            Server server = Net.createServer(() -> {
                Producer p = new Producer(new byte[0]);
                producers.add(p);
                return p;
            }, LOOPBACK, 0);
            Connection<Sink> c = Net.createConnection(() -> new Sink(loop), LOOPBACK, server.sockets().get(0).getPort());
            Transport t = c.transport();
            assertEquals(new WriteBufferLimits(16 * 1024, 64 * 1024), t.getWriteBufferLimits());
            assertThrows(IllegalArgumentException.class, () -> t.setWriteBufferLimits(10, 20));
            assertThrows(IllegalArgumentException.class, () -> t.setWriteBufferLimits(-1));
            t.setWriteBufferLimits(4000);
            assertEquals(new WriteBufferLimits(1000, 4000), t.getWriteBufferLimits());
            assertEquals(0, t.getWriteBufferSize());
            c.transport().close();
            Async.waitFor(c.protocol().lost, NetTesting.STEP);
            server.close();
            server.waitClosed();
            return null;
        });
    }

    /** Data that arrives while reading is paused is held, and delivered after resumeReading, never inside it. */
    @Test
    void pauseReadingHoldsDataUntilResumeReading(EventLoop loop) {
        assumeNetwork(loop);
        byte[] data = NetTesting.randomBytes(300_000, 9);
        run(loop, () -> {
            Server server = Net.createServer(() -> new Producer(data), LOOPBACK, 0);
            Connection<Sink> c = Net.createConnection(() -> new Sink(loop), LOOPBACK, server.sockets().get(0).getPort());
            Transport t = c.transport();
            assertFalse(t.isReading());
            Async.sleep(Duration.ofMillis(100));
            assertEquals(0, c.protocol().received.size(), "data was delivered while reading was paused");
            t.resumeReading();
            assertTrue(t.isReading());
            assertEquals(0, c.protocol().received.size(), "data was delivered inside resumeReading");
            t.pauseReading();
            t.pauseReading();
            assertFalse(t.isReading());
            t.resumeReading();
            Async.waitFor(c.protocol().lost, NetTesting.STEP);
            assertArrayEquals(data, c.protocol().received.toByteArray());
            server.close();
            server.waitClosed();
            return null;
        });
    }

    /**
     * abort drops what is still buffered: toward a peer that does not read, the buffer holds data
     * the kernel would not take; after abort, connectionLost(null) follows, the buffer is empty,
     * and the peer receives a strict prefix of what was written.
     */
    @Test
    void abortDiscardsTheBufferedData(EventLoop loop) {
        assumeNetwork(loop);
        byte[] data = NetTesting.randomBytes(32 << 20, 11);
        run(loop, () -> {
            ToSink c = ToSink.open(loop);
            Transport t = c.client().transport();
            int write = 1 << 20;
            for (int i = 0; i < data.length; i += write) {
                t.write(data, i, write);
            }
            long before = settledBufferSize(t);
            assertTrue(before > 0, "the kernel took everything: write more");
            t.abort();
            assertTrue(t.isClosing());
            assertEquals(null, Async.waitFor(c.client().protocol().lost, NetTesting.STEP));
            assertEquals(0, t.getWriteBufferSize());
            Sink peer = c.peer();
            peer.transport.resumeReading();
            Async.waitFor(peer.lost, NetTesting.STEP);
            byte[] received = peer.received.toByteArray();
            // At most what had left the buffer (the size counts a write the socket took in part exactly).
            assertTrue(received.length <= data.length - before, "received "
                + received.length + " of " + data.length + " bytes, " + before + " of them still buffered at abort");
            assertArrayEquals(java.util.Arrays.copyOf(data, received.length), received);
            c.server().close();
            c.server().waitClosed();
            return null;
        });
    }

    /**
     * One write the socket takes only in part counts only its unsent bytes, as asyncio's buffer
     * size does, and the rest goes out once the peer reads.
     */
    @Test
    void aPartlySentWriteCountsOnlyItsUnsentBytes(EventLoop loop) {
        assumeNetwork(loop);
        byte[] data = NetTesting.randomBytes(32 << 20, 12);
        run(loop, () -> {
            ToSink c = ToSink.open(loop);
            Transport t = c.client().transport();
            t.write(data);
            long buffered = settledBufferSize(t);
            assertTrue(buffered > 0 && buffered < data.length, "one write of " + data.length
                + " bytes to a peer that does not read: " + buffered + " bytes counted as still buffered");
            Sink peer = c.peer();
            peer.transport.resumeReading();
            NetTesting.until(() -> t.getWriteBufferSize() == 0);
            t.close();
            Async.waitFor(peer.lost, NetTesting.STEP);
            assertArrayEquals(data, peer.received.toByteArray());
            c.server().close();
            c.server().waitClosed();
            return null;
        });
    }

    /** A server whose connections are {@link Sink}s (not reading), and one client connected to it. */
    private record ToSink(Server server, Connection<EchoTest.Collector> client, List<Sink> peers) {
        static ToSink open(EventLoop loop) throws IOException {
            List<Sink> peers = new ArrayList<>();
            Server server = Net.createServer(() -> {
                Sink s = new Sink(loop);
                peers.add(s);
                return s;
            }, LOOPBACK, 0);
            Connection<EchoTest.Collector> client = Net.createConnection(() -> new EchoTest.Collector(loop), LOOPBACK,
                server.sockets().get(0).getPort());
            return new ToSink(server, client, peers);
        }

        /** The server's side of the client's connection, once accepted. */
        Sink peer() {
            NetTesting.until(() -> peers.size() == 1);
            return peers.get(0);
        }
    }

    /** The write buffer's size once the kernel has taken all it will (it stopped changing). */
    private static long settledBufferSize(Transport t) {
        long before;
        do {
            before = t.getWriteBufferSize();
            Async.sleep(Duration.ofMillis(100));
        } while (t.getWriteBufferSize() != before);
        return before;
    }

    /** A task that waits in drain wakes when the connection is aborted, and its next drain fails: the connection is lost. */
    @Test
    void abortWakesDrain(EventLoop loop) {
        assumeNetwork(loop);
        NetTesting.Handlers handlers = new NetTesting.Handlers();
        byte[] chunk = new byte[256 * 1024];
        run(loop, () -> {
            Future<String> outcome = loop.createFuture();
            Server server = Net.startServer(handlers.track((reader, writer) -> {
                try {
                    for (int i = 0; i < 1000; i++) {
                        writer.write(chunk);
                        writer.drain();
                    }
                    outcome.setResult("wrote everything");
                } catch (java.io.IOException e) {
                    outcome.setResult("drain failed: " + e.getMessage());
                }
            }), LOOPBACK, 0);
            Connection<Sink> c = Net.createConnection(() -> new Sink(loop), LOOPBACK, server.sockets().get(0).getPort());
            Async.sleep(Duration.ofMillis(100));
            assertFalse(outcome.isDone());
            server.abortClients();
            String result = Async.waitFor(outcome, NetTesting.STEP);
            assertTrue(result.startsWith("drain failed"), result);
            // The client reads again, so it sees the end of the stream.
            c.transport().resumeReading();
            Async.waitFor(c.protocol().lost, NetTesting.STEP);
            server.close();
            server.waitClosed();
            handlers.awaitAll();
            return null;
        });
    }
}
