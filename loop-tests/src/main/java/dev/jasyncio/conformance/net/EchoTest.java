package dev.jasyncio.conformance.net;

import static dev.jasyncio.conformance.net.NetTesting.LOOPBACK;
import static dev.jasyncio.conformance.net.NetTesting.assumeNetwork;
import static dev.jasyncio.conformance.net.NetTesting.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.net.Connection;
import dev.jasyncio.net.Net;
import dev.jasyncio.net.Protocol;
import dev.jasyncio.net.Server;
import dev.jasyncio.net.Streams;
import dev.jasyncio.net.Transport;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A round trip through an echo server, with protocols and with streams. */
@Conformance
class EchoTest {

    /** Echoes what it receives; records the order of its callbacks. */
    static final class EchoProtocol implements Protocol {
        final List<String> events = new ArrayList<>();
        Transport transport;

        @Override
        public void connectionMade(Transport t) {
            transport = t;
            events.add("made");
        }

        @Override
        public void dataReceived(byte[] data) {
            events.add("data");
            transport.write(data);
        }

        @Override
        public boolean eofReceived() {
            events.add("eof");
            return false;
        }

        @Override
        public void connectionLost(Throwable error) {
            events.add("lost:" + error);
        }
    }

    /** Collects what it receives; completes a future when the peer closes. */
    static final class Collector implements Protocol {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final Future<Throwable> lost;
        final List<String> events = new ArrayList<>();
        Transport transport;

        Collector(EventLoop loop) {
            lost = loop.createFuture();
        }

        @Override
        public void connectionMade(Transport t) {
            transport = t;
            events.add("made");
        }

        @Override
        public void dataReceived(byte[] data) {
            received.writeBytes(data);
        }

        @Override
        public boolean eofReceived() {
            events.add("eof");
            return false;
        }

        @Override
        public void connectionLost(Throwable error) {
            events.add("lost");
            lost.setResult(error);
        }
    }

    /** Bytes written through a transport come back through an echo server, whole and in order; the callbacks run made, data…, eof, lost. */
    @Test
    void protocolsEchoBytesInOrder(EventLoop loop) {
        assumeNetwork(loop);
        List<EchoProtocol> serverSide = new ArrayList<>();
        run(loop, () -> {
            Server server = Net.createServer(() -> {
                EchoProtocol p = new EchoProtocol();
                serverSide.add(p);
                return p;
            }, LOOPBACK, 0);
            int port = server.sockets().get(0).getPort();
            Connection<Collector> c = Net.createConnection(() -> new Collector(loop), LOOPBACK, port);
            assertEquals(List.of("made"), c.protocol().events, "connectionMade ran before createConnection returned");
            byte[] payload = NetTesting.randomBytes(200_000, 1);
            for (int i = 0; i < payload.length; i += 10_000) {
                c.transport().write(payload, i, 10_000);
            }
            c.transport().writeEof();
            assertNull(Async.waitFor(c.protocol().lost, NetTesting.STEP), "the connection ended with an error");
            assertArrayEquals(payload, c.protocol().received.toByteArray());
            assertEquals(List.of("made", "eof", "lost"), c.protocol().events);
            server.close();
            server.waitClosed();
            return null;
        });
        EchoProtocol p = serverSide.get(0);
        assertEquals("made", p.events.get(0));
        assertEquals(List.of("eof", "lost:null"), p.events.subList(p.events.size() - 2, p.events.size()));
        assertTrue(p.events.subList(1, p.events.size() - 2).stream().allMatch("data"::equals), p.events::toString);
    }

    /** A line written through a stream writer comes back through a stream echo server. */
    @Test
    void streamsEchoLines(EventLoop loop) {
        assumeNetwork(loop);
        NetTesting.Handlers handlers = new NetTesting.Handlers();
        run(loop, () -> {
            Server server = Net.startServer(handlers.track((reader, writer) -> {
                for (byte[] line : reader) {
                    writer.write(line);
                    writer.drain();
                }
                writer.close();
            }), LOOPBACK, 0);
            int port = server.sockets().get(0).getPort();
            try (Streams s = Net.openConnection(LOOPBACK, port)) {
                for (int i = 0; i < 100; i++) {
                    byte[] line = ("line " + i + "\n").getBytes(StandardCharsets.US_ASCII);
                    s.writer().write(line);
                    assertArrayEquals(line, s.reader().readline());
                }
                s.writer().writeEof();
                assertArrayEquals(new byte[0], s.reader().read());
                assertTrue(s.reader().atEof());
            }
            server.close();
            server.waitClosed();
            assertEquals(1, handlers.awaitAll());
            return null;
        });
    }

    /** Chunks of assorted sizes (an empty one among them), as writelines takes them. */
    private static List<byte[]> chunks() {
        List<byte[]> chunks = new ArrayList<>();
        int[] sizes = {1, 0, 70_000, 13, 200_000, 4096};
        for (int i = 0; i < sizes.length; i++) {
            chunks.add(NetTesting.randomBytes(sizes[i], 20 + i));
        }
        return chunks;
    }

    private static byte[] concatenation(List<byte[]> chunks) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        chunks.forEach(all::writeBytes);
        return all.toByteArray();
    }

    /** Transport.writelines sends every chunk, in order, byte for byte. */
    @Test
    void transportWritelinesSendsEveryChunkInOrder(EventLoop loop) {
        assumeNetwork(loop);
        List<byte[]> chunks = chunks();
        run(loop, () -> {
            Server server = Net.createServer(EchoProtocol::new, LOOPBACK, 0);
            Connection<Collector> c = Net.createConnection(() -> new Collector(loop), LOOPBACK, server.sockets().get(0).getPort());
            c.transport().writelines(chunks);
            c.transport().writelines(List.of(chunks.get(0)));
            c.transport().writeEof();
            assertNull(Async.waitFor(c.protocol().lost, NetTesting.STEP));
            byte[] expected = concatenation(List.of(concatenation(chunks), chunks.get(0)));
            assertArrayEquals(expected, c.protocol().received.toByteArray());
            server.close();
            server.waitClosed();
            return null;
        });
    }

    /** StreamWriter.writelines sends every chunk, in order, byte for byte; drain then returns. */
    @Test
    void streamWriterWritelinesSendsEveryChunkInOrder(EventLoop loop) {
        assumeNetwork(loop);
        List<byte[]> chunks = chunks();
        byte[] expected = concatenation(chunks);
        run(loop, () -> {
            Server server = Net.createServer(EchoProtocol::new, LOOPBACK, 0);
            try (Streams s = Net.openConnection(LOOPBACK, server.sockets().get(0).getPort())) {
                s.writer().writelines(chunks);
                s.writer().drain();
                assertArrayEquals(expected, s.reader().readexactly(expected.length));
                s.writer().writeEof();
                assertArrayEquals(new byte[0], s.reader().read());
            }
            server.close();
            server.waitClosed();
            return null;
        });
    }

    /** The transports know both ends' addresses, mirrored between client and server. */
    @Test
    void transportsReportPeerAndSocketNames(EventLoop loop) {
        assumeNetwork(loop);
        List<EchoProtocol> serverSide = new ArrayList<>();
        run(loop, () -> {
            Server server = Net.createServer(() -> {
                EchoProtocol p = new EchoProtocol();
                serverSide.add(p);
                return p;
            }, LOOPBACK, 0);
            InetSocketAddress listening = server.sockets().get(0);
            Connection<Collector> c = Net.createConnection(() -> new Collector(loop), LOOPBACK, listening.getPort());
            c.transport().write(new byte[] {1});
            NetTesting.until(() -> c.protocol().received.size() == 1);
            Transport serverTransport = serverSide.get(0).transport;
            assertEquals(listening, c.transport().getExtraInfo(Transport.PEERNAME));
            assertEquals(c.transport().getExtraInfo(Transport.SOCKNAME), serverTransport.getExtraInfo(Transport.PEERNAME));
            assertEquals(c.transport().getExtraInfo(Transport.PEERNAME), serverTransport.getExtraInfo(Transport.SOCKNAME));
            assertNull(c.transport().getExtraInfo(Transport.SSLCONTEXT));
            assertEquals("none", c.transport().getExtraInfo(Transport.PEERCERT, "none"));
            assertSame(c.protocol(), c.transport().getProtocol());
            c.transport().close();
            assertNull(Async.waitFor(c.protocol().lost, NetTesting.STEP));
            // A local address to bind to before connecting.
            InetSocketAddress local = new InetSocketAddress(java.net.InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0);
            Connection<Collector> bound = Net.createConnection(() -> new Collector(loop), LOOPBACK, listening.getPort(),
                dev.jasyncio.net.ConnectOptions.defaults().localAddress(local));
            InetSocketAddress sockname = (InetSocketAddress) bound.transport().getExtraInfo(Transport.SOCKNAME);
            assertEquals(local.getAddress(), sockname.getAddress());
            assertTrue(sockname.getPort() > 0);
            bound.transport().abort();
            assertNull(Async.waitFor(bound.protocol().lost, NetTesting.STEP));
            server.close();
            server.waitClosed();
            return null;
        });
    }
}
