package dev.jasyncio.conformance.net;

import static dev.jasyncio.conformance.net.NetTesting.LOOPBACK;
import static dev.jasyncio.conformance.net.NetTesting.assumeNetwork;
import static dev.jasyncio.conformance.net.NetTesting.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import dev.jasyncio.net.Streams;
import dev.jasyncio.net.Transport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Half-closed connections: writeEof closes one direction, the other keeps working, both ways. */
@Conformance
class HalfCloseTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    /** The client writes its request, then writeEof; the server reads to the end, answers, and the client reads the answer. */
    @Test
    void aClientWriteEofLetsTheServerAnswer(EventLoop loop) {
        assumeNetwork(loop);
        NetTesting.Handlers handlers = new NetTesting.Handlers();
        run(loop, () -> {
            Server server = Net.startServer(handlers.track((reader, writer) -> {
                byte[] request = reader.read();
                assertTrue(reader.atEof());
                writer.write(ascii("got " + request.length + " bytes: " + text(request)));
                writer.close();
            }), LOOPBACK, 0);
            int port = server.sockets().get(0).getPort();
            try (Streams s = Net.openConnection(LOOPBACK, port)) {
                assertTrue(s.writer().canWriteEof());
                s.writer().write(ascii("question"));
                s.writer().writeEof();
                assertFalse(s.writer().isClosing(), "writeEof leaves the connection open");
                assertThrows(IllegalStateException.class, () -> s.writer().write(ascii("more")));
                assertEquals("got 8 bytes: question", text(s.reader().read()));
            }
            server.close();
            server.waitClosed();
            handlers.awaitAll();
            return null;
        });
    }

    /** The server writes, then writeEof; the client reads to the end and then still sends, and the server reads it. */
    @Test
    void aServerWriteEofLetsTheClientAnswer(EventLoop loop) {
        assumeNetwork(loop);
        NetTesting.Handlers handlers = new NetTesting.Handlers();
        List<String> serverRead = new ArrayList<>();
        run(loop, () -> {
            Server server = Net.startServer(handlers.track((reader, writer) -> {
                writer.write(ascii("greeting"));
                writer.writeEof();
                serverRead.add(text(reader.read()));
                writer.close();
            }), LOOPBACK, 0);
            int port = server.sockets().get(0).getPort();
            try (Streams s = Net.openConnection(LOOPBACK, port)) {
                assertEquals("greeting", text(s.reader().read()));
                assertTrue(s.reader().atEof());
                s.writer().write(ascii("reply after eof"));
                s.writer().writeEof();
            }
            server.close();
            server.waitClosed();
            handlers.awaitAll();
            return null;
        });
        assertEquals(List.of("reply after eof"), serverRead);
    }

    /** A protocol whose eofReceived returns true keeps the transport open; false closes it. */
    @Test
    void eofReceivedDecidesWhetherTheTransportStaysOpen(EventLoop loop) {
        assumeNetwork(loop);
        run(loop, () -> {
            for (boolean keepOpen : new boolean[] {true, false}) {
                Future<Transport> serverSeen = loop.createFuture();
                Future<Void> serverLost = loop.createFuture();
                Server server = Net.createServer(() -> new Protocol() {
                    Transport t;

                    @Override
                    public void connectionMade(Transport transport) {
                        t = transport;
                    }

                    @Override
                    public boolean eofReceived() {
                        serverSeen.setResult(t);
                        return keepOpen;
                    }

                    @Override
                    public void connectionLost(Throwable error) {
                        serverLost.setResult(null);
                    }
                }, LOOPBACK, 0);
                int port = server.sockets().get(0).getPort();
                ByteArrayOutputStream received = new ByteArrayOutputStream();
                Future<Throwable> clientLost = loop.createFuture();
                Connection<Protocol> c = Net.createConnection(() -> new Protocol() {
                    @Override
                    public void dataReceived(byte[] data) {
                        received.writeBytes(data);
                    }

                    @Override
                    public void connectionLost(Throwable error) {
                        clientLost.setResult(error);
                    }
                }, LOOPBACK, port);
                c.transport().writeEof();
                Transport st = Async.waitFor(serverSeen, NetTesting.STEP);
                Async.sleep(java.time.Duration.ofMillis(20));
                assertEquals(!keepOpen, st.isClosing(), "keepOpen=" + keepOpen);
                if (keepOpen) {
                    st.write(ascii("late answer"));
                    st.close();
                }
                assertNull(Async.waitFor(clientLost, NetTesting.STEP));
                Async.waitFor(serverLost, NetTesting.STEP);
                assertEquals(keepOpen ? "late answer" : "", received.toString(StandardCharsets.US_ASCII));
                server.close();
                server.waitClosed();
            }
            return null;
        });
    }
}
