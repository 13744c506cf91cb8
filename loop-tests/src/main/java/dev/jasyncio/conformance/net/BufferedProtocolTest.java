package dev.jasyncio.conformance.net;

import static dev.jasyncio.conformance.net.NetTesting.LOOPBACK;
import static dev.jasyncio.conformance.net.NetTesting.assumeNetwork;
import static dev.jasyncio.conformance.net.NetTesting.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.net.BufferedProtocol;
import dev.jasyncio.net.Net;
import dev.jasyncio.net.Server;
import dev.jasyncio.net.Streams;
import dev.jasyncio.net.Transport;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** BufferedProtocol: the transport reads into the protocol's own buffer, in pieces as small as it offers. */
@Conformance
class BufferedProtocolTest {

    /** Offers a tiny buffer, collects what was written into it, and may pause reading after each piece. */
    static final class Tiny implements BufferedProtocol {
        final ByteBuffer buffer = ByteBuffer.allocate(7);
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final Future<Throwable> lost;
        Transport transport;
        int updates;
        int sizeHintSeen;
        boolean eof;
        boolean pauseAfterEachPiece;

        Tiny(EventLoop loop) {
            lost = loop.createFuture();
        }

        @Override
        public void connectionMade(Transport t) {
            transport = t;
        }

        @Override
        public ByteBuffer getBuffer(int sizeHint) {
            sizeHintSeen = Math.max(sizeHintSeen, sizeHint);
            buffer.clear();
            buffer.position(2);
            return buffer;
        }

        @Override
        public void bufferUpdated(int bytes) {
            updates++;
            assertEquals(2 + bytes, buffer.position(), "the position advances by the bytes written");
            received.write(buffer.array(), 2, bytes);
            if (pauseAfterEachPiece) {
                transport.pauseReading();
            }
        }

        @Override
        public boolean eofReceived() {
            eof = true;
            return false;
        }

        @Override
        public void connectionLost(Throwable error) {
            lost.setResult(error);
        }
    }

    /** Every byte lands in the protocol's buffer, in order, a few bytes at a time; then EOF and connectionLost. */
    @Test
    void readsLandInTheProtocolsBuffer(EventLoop loop) {
        assumeNetwork(loop);
        NetTesting.Handlers handlers = new NetTesting.Handlers();
        byte[] payload = NetTesting.randomBytes(10_000, 11);
        run(loop, () -> {
            Server server = Net.startServer(handlers.track((reader, writer) -> {
                writer.write(payload);
                writer.close();
            }), LOOPBACK, 0);
            Tiny p = Net.createConnection(() -> new Tiny(loop), LOOPBACK, server.sockets().get(0).getPort()).protocol();
            assertNull(Async.waitFor(p.lost, NetTesting.STEP));
            assertArrayEquals(payload, p.received.toByteArray());
            assertTrue(p.eof);
            assertTrue(p.updates >= payload.length / 5, "updates: " + p.updates);
            assertTrue(p.sizeHintSeen > 5, "size hint: " + p.sizeHintSeen);
            server.close();
            server.waitClosed();
            handlers.awaitAll();
            return null;
        });
    }

    /** A protocol that pauses inside bufferUpdated gets nothing more until it resumes; nothing is lost. */
    @Test
    void pausingInsideBufferUpdatedHoldsTheRest(EventLoop loop) {
        assumeNetwork(loop);
        NetTesting.Handlers handlers = new NetTesting.Handlers();
        byte[] payload = NetTesting.randomBytes(1_000, 12);
        run(loop, () -> {
            Server server = Net.startServer(handlers.track((reader, writer) -> {
                writer.write(payload);
                writer.drain();
                reader.read();
                writer.close();
            }), LOOPBACK, 0);
            Tiny p = Net.createConnection(() -> {
                Tiny t = new Tiny(loop);
                t.pauseAfterEachPiece = true;
                return t;
            }, LOOPBACK, server.sockets().get(0).getPort()).protocol();
            int pieces = 0;
            while (p.received.size() < payload.length) {
                NetTesting.until(() -> !p.transport.isReading());
                int before = p.updates;
                Async.sleep(Duration.ZERO);
                assertEquals(before, p.updates, "a piece arrived while paused");
                pieces++;
                p.transport.resumeReading();
                NetTesting.until(() -> p.updates > before || p.received.size() == payload.length);
            }
            assertArrayEquals(payload, p.received.toByteArray());
            // One piece before the first pause, then exactly one per resume.
            assertEquals(pieces + 1, p.updates);
            assertEquals(payload.length / 5, p.updates);
            p.pauseAfterEachPiece = false;
            p.transport.resumeReading();
            p.transport.writeEof();
            assertNull(Async.waitFor(p.lost, NetTesting.STEP));
            server.close();
            server.waitClosed();
            handlers.awaitAll();
            return null;
        });
    }

    /** Reads of a stream connection and of a buffered one see the same bytes (sanity of the two paths). */
    @Test
    void streamsAndBufferedProtocolsSeeTheSameBytes(EventLoop loop) {
        assumeNetwork(loop);
        NetTesting.Handlers handlers = new NetTesting.Handlers();
        byte[] payload = NetTesting.randomBytes(3_000, 13);
        run(loop, () -> {
            Server server = Net.startServer(handlers.track((reader, writer) -> {
                writer.write(payload);
                writer.close();
            }), LOOPBACK, 0);
            int port = server.sockets().get(0).getPort();
            try (Streams s = Net.openConnection(LOOPBACK, port)) {
                assertArrayEquals(payload, s.reader().read());
            }
            Tiny p = Net.createConnection(() -> new Tiny(loop), LOOPBACK, port).protocol();
            Async.waitFor(p.lost, NetTesting.STEP);
            assertArrayEquals(payload, p.received.toByteArray());
            server.close();
            server.waitClosed();
            handlers.awaitAll();
            return null;
        });
    }
}
