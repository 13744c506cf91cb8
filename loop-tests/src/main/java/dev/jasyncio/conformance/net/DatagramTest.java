package dev.jasyncio.conformance.net;

import static dev.jasyncio.conformance.net.NetTesting.LOOPBACK;
import static dev.jasyncio.conformance.net.NetTesting.STEP;
import static dev.jasyncio.conformance.net.NetTesting.assumeNetwork;
import static dev.jasyncio.conformance.net.NetTesting.randomBytes;
import static dev.jasyncio.conformance.net.NetTesting.run;
import static dev.jasyncio.conformance.net.NetTesting.until;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.net.DatagramEndpoint;
import dev.jasyncio.net.DatagramOptions;
import dev.jasyncio.net.DatagramProtocol;
import dev.jasyncio.net.DatagramTransport;
import dev.jasyncio.net.Datagrams;
import dev.jasyncio.net.Transport;
import dev.jasyncio.net.UnixSockets;
import dev.jasyncio.net.WriteBufferLimits;
import dev.jasyncio.spi.NetworkBackend;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * UDP endpoints: echo both ways, connected and not, datagram boundaries and contents kept,
 * errors reported to errorReceived without closing, a closed endpoint refusing to send.
 *
 * <p>UDP may drop datagrams; on loopback at these rates it does not, but the exchanges that must
 * not fail retransmit what has not been answered, so a drop slows a test instead of failing it.
 */
@Conformance
class DatagramTest {
    /** How long to wait for an answer before sending again. */
    private static final Duration RETRY = Duration.ofMillis(200);

    /** Records every callback; echoes datagrams back when asked to. */
    static final class Recorder implements DatagramProtocol {
        final List<String> events = new ArrayList<>();
        final List<byte[]> data = new ArrayList<>();
        final List<InetSocketAddress> senders = new ArrayList<>();
        final List<IOException> errors = new ArrayList<>();
        final boolean echo;
        DatagramTransport transport;
        boolean lost;

        Recorder(boolean echo) {
            this.echo = echo;
        }

        @Override
        public void connectionMade(DatagramTransport t) {
            transport = t;
            events.add("made");
        }

        @Override
        public void datagramReceived(byte[] bytes, InetSocketAddress from) {
            if (events.isEmpty() || lost) {
                events.add("datagram out of order");
            }
            data.add(bytes);
            senders.add(from);
            if (echo) {
                transport.sendto(bytes, from);
            }
        }

        @Override
        public void errorReceived(IOException error) {
            errors.add(error);
        }

        @Override
        public void pauseWriting() {
            events.add("pause");
        }

        @Override
        public void resumeWriting() {
            events.add("resume");
        }

        @Override
        public void connectionLost(Throwable error) {
            events.add("lost:" + error);
            lost = true;
        }
    }

    private static DatagramEndpoint<Recorder> echoServer() throws IOException {
        return Datagrams.createDatagramEndpoint(() -> new Recorder(true), DatagramOptions.local(LOOPBACK, 0));
    }

    /** An endpoint that records what it receives. */
    private static DatagramEndpoint<Recorder> recorder(DatagramOptions options) throws IOException {
        return Datagrams.createDatagramEndpoint(() -> new Recorder(false), options);
    }

    private static InetSocketAddress sockname(DatagramEndpoint<?> e) {
        return (InetSocketAddress) e.transport().getExtraInfo(Transport.SOCKNAME);
    }

    /** Sends {@code payload} (to {@code to}, or the connected peer if null) until {@code client} has received something. */
    private static void exchange(DatagramEndpoint<Recorder> client, byte[] payload, InetSocketAddress to) {
        int before = client.protocol().data.size();
        long deadline = System.nanoTime() + STEP.toNanos();
        while (client.protocol().data.size() == before) {
            assertTrue(System.nanoTime() - deadline < 0, "no answer within " + STEP);
            if (to == null) {
                client.transport().sendto(payload);
            } else {
                client.transport().sendto(payload, to);
            }
            long wait = System.nanoTime() + RETRY.toNanos();
            while (client.protocol().data.size() == before && System.nanoTime() - wait < 0) {
                Async.sleep(Duration.ofMillis(1));
            }
        }
    }

    private static void closeAll(DatagramEndpoint<Recorder>... endpoints) {
        for (DatagramEndpoint<Recorder> e : endpoints) {
            e.transport().close();
        }
        for (DatagramEndpoint<Recorder> e : endpoints) {
            until(() -> e.protocol().lost);
        }
    }

    /** An unconnected endpoint sends to an address and receives the echo from it; both sides see the other's address. */
    @Test
    void anUnconnectedEndpointEchoesBothWays(EventLoop loop) {
        assumeNetwork(loop);
        run(loop, () -> {
            DatagramEndpoint<Recorder> server = echoServer();
            DatagramEndpoint<Recorder> client = recorder(DatagramOptions.local(LOOPBACK, 0));
            InetSocketAddress serverAddress = sockname(server);
            InetSocketAddress clientAddress = sockname(client);
            assertNotEquals(0, serverAddress.getPort());
            assertNull(client.transport().getExtraInfo(Transport.PEERNAME));

            byte[] ping = "ping".getBytes();
            exchange(client, ping, serverAddress);
            assertArrayEquals(ping, client.protocol().data.get(0));
            assertEquals(serverAddress, client.protocol().senders.get(0));
            assertArrayEquals(ping, server.protocol().data.get(0));
            assertEquals(clientAddress, server.protocol().senders.get(0));

            closeAll(client, server);
            assertEquals(List.of("made", "lost:null"), List.of(client.protocol().events.get(0),
                client.protocol().events.get(client.protocol().events.size() - 1)));
            assertFalse(client.protocol().events.contains("datagram out of order"));
            return null;
        });
    }

    /** A connected endpoint sends without an address, receives from its peer, and refuses to send elsewhere. */
    @Test
    void aConnectedEndpointSendsToItsPeerOnly(EventLoop loop) {
        assumeNetwork(loop);
        run(loop, () -> {
            DatagramEndpoint<Recorder> server = echoServer();
            InetSocketAddress serverAddress = sockname(server);
            DatagramEndpoint<Recorder> client = recorder(DatagramOptions.remote(LOOPBACK, serverAddress.getPort()));
            assertEquals(serverAddress, client.transport().getExtraInfo(Transport.PEERNAME));
            assertNotEquals(0, sockname(client).getPort());

            exchange(client, new byte[] {1, 2, 3}, null);
            assertArrayEquals(new byte[] {1, 2, 3}, client.protocol().data.get(0));
            assertEquals(serverAddress, client.protocol().senders.get(0));
            // Naming the peer is allowed too.
            exchange(client, new byte[] {4}, serverAddress);

            InetSocketAddress elsewhere = new InetSocketAddress(LOOPBACK, serverAddress.getPort() == 9 ? 10 : 9);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> client.transport().sendto(new byte[] {5}, elsewhere));
            assertTrue(e.getMessage().contains(serverAddress.toString()), e::getMessage);
            // An unconnected endpoint needs an address.
            assertThrows(IllegalArgumentException.class, () -> server.transport().sendto(new byte[] {6}));
            closeAll(client, server);
            return null;
        });
    }

    /**
     * Many datagrams, in windows of a few at a time, each answered: every one arrives whole, with
     * its own boundaries, and the replies match the requests one for one.
     */
    @Test
    void manyDatagramsArriveWholeAndEachIsAnswered(EventLoop loop) {
        assumeNetwork(loop);
        int count = 300;
        int window = 10;
        run(loop, () -> {
            DatagramEndpoint<Recorder> server = echoServer();
            DatagramEndpoint<Recorder> client = recorder(DatagramOptions.remote(LOOPBACK, sockname(server).getPort()));
            Map<Integer, byte[]> sent = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                // Sizes vary so that boundaries matter: 4 to 1203 bytes, the first 4 the number.
                byte[] d = randomBytes(4 + (i * 37) % 1200, i);
                ByteBuffer.wrap(d).putInt(i);
                sent.put(i, d);
            }
            Map<Integer, byte[]> answered = new TreeMap<>();
            for (int start = 0; start < count; start += window) {
                int end = Math.min(count, start + window);
                long deadline = System.nanoTime() + STEP.toNanos();
                while (!answered.keySet().containsAll(range(start, end))) {
                    assertTrue(System.nanoTime() - deadline < 0, "datagrams " + start + ".." + end + " unanswered");
                    for (int i = start; i < end; i++) {
                        if (!answered.containsKey(i)) {
                            client.transport().sendto(sent.get(i));
                        }
                    }
                    long wait = System.nanoTime() + RETRY.toNanos();
                    while (System.nanoTime() - wait < 0) {
                        for (byte[] r : client.protocol().data) {
                            answered.putIfAbsent(ByteBuffer.wrap(r).getInt(), r);
                        }
                        client.protocol().data.clear();
                        if (answered.keySet().containsAll(range(start, end))) {
                            break;
                        }
                        Async.sleep(Duration.ofMillis(1));
                    }
                }
            }
            for (int i = 0; i < count; i++) {
                assertArrayEquals(sent.get(i), answered.get(i), "datagram " + i);
            }
            // Whatever the server received is one of the datagrams sent, whole.
            for (byte[] r : server.protocol().data) {
                assertArrayEquals(sent.get(ByteBuffer.wrap(r).getInt()), r);
            }
            assertTrue(server.protocol().data.size() >= count);
            closeAll(client, server);
            return null;
        });
    }

    private static List<Integer> range(int start, int end) {
        List<Integer> r = new ArrayList<>();
        for (int i = start; i < end; i++) {
            r.add(i);
        }
        return r;
    }

    /** A datagram far longer than Netty's default receive buffer (2048 bytes) arrives whole; an empty one is not sent. */
    @Test
    void aLargeDatagramArrivesWhole(EventLoop loop) {
        assumeNetwork(loop);
        run(loop, () -> {
            DatagramEndpoint<Recorder> server = echoServer();
            DatagramEndpoint<Recorder> client = recorder(DatagramOptions.remote(LOOPBACK, sockname(server).getPort()));
            byte[] big = randomBytes(60_000, 7);
            exchange(client, big, null);
            assertArrayEquals(big, client.protocol().data.get(0));
            client.transport().sendto(new byte[0]);
            assertEquals(0, client.transport().getWriteBufferSize());
            exchange(client, new byte[] {9}, null);
            assertArrayEquals(new byte[] {9}, client.protocol().data.get(1), "the empty datagram was not sent");
            closeAll(client, server);
            return null;
        });
    }

    /**
     * An ICMP "port unreachable" answering a connected endpoint comes to errorReceived as a
     * PortUnreachableException, and the endpoint stays open.
     */
    @Test
    void portUnreachableOnAConnectedEndpointGoesToErrorReceived(EventLoop loop) throws Exception {
        assumeNetwork(loop);
        int closedPort;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName(LOOPBACK))) {
            closedPort = s.getLocalPort();
        }
        run(loop, () -> {
            DatagramEndpoint<Recorder> client = recorder(DatagramOptions.remote(LOOPBACK, closedPort));
            long deadline = System.nanoTime() + STEP.toNanos();
            while (client.protocol().errors.isEmpty()) {
                assertTrue(System.nanoTime() - deadline < 0, "no errorReceived within " + STEP);
                client.transport().sendto(new byte[] {1});
                Async.sleep(Duration.ofMillis(20));
            }
            assertInstanceOf(PortUnreachableException.class, client.protocol().errors.get(0));
            assertFalse(client.transport().isClosing());
            assertFalse(client.protocol().lost);
            closeAll(client);
            return null;
        });
    }

    /** After close, sendto throws IllegalStateException saying so; connectionLost came once, with null. */
    @Test
    void sendtoOnAClosedEndpointFailsClearly(EventLoop loop) {
        assumeNetwork(loop);
        run(loop, () -> {
            DatagramEndpoint<Recorder> server = echoServer();
            DatagramTransport t = server.transport();
            t.close();
            assertTrue(t.isClosing());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> t.sendto(new byte[] {1}, new InetSocketAddress(LOOPBACK, 9)));
            assertTrue(e.getMessage().contains("closing or closed"), e::getMessage);
            until(() -> server.protocol().lost);
            t.close();
            t.abort();
            Async.sleep(Duration.ofMillis(10));
            assertEquals(List.of("made", "lost:null"), server.protocol().events);
            return null;
        });
    }

    /** abort() closes at once; connectionLost follows with null, in a later callback. */
    @Test
    void abortClosesAtOnce(EventLoop loop) {
        assumeNetwork(loop);
        run(loop, () -> {
            DatagramEndpoint<Recorder> server = echoServer();
            server.transport().abort();
            assertTrue(server.transport().isClosing());
            assertFalse(server.protocol().lost);
            until(() -> server.protocol().lost);
            assertEquals(List.of("made", "lost:null"), server.protocol().events);
            return null;
        });
    }

    /**
     * A protocol paused by a sendto is not resumed after abort(), though the datagram still
     * queued then leaves (or fails) and empties the buffer: connectionLost(null) is what follows.
     */
    @Test
    void abortEndsWriteFlowControl(EventLoop loop) {
        assumeNetwork(loop);
        run(loop, () -> {
            DatagramEndpoint<Recorder> client = recorder(DatagramOptions.local(LOOPBACK, 0));
            DatagramTransport t = client.transport();
            // Any datagram not yet sent pauses the protocol (one a hand-off task sends is queued until it yields).
            t.setWriteBufferLimits(0, 0);
            t.sendto(new byte[100], new InetSocketAddress(LOOPBACK, 9));
            t.abort();
            until(() -> client.protocol().lost);
            List<String> events = client.protocol().events;
            assertFalse(events.contains("resume"), events::toString);
            assertEquals("lost:null", events.get(events.size() - 1), events::toString);
            return null;
        });
    }

    /**
     * Lower limits given after abort() pause nothing, though the datagram still queued then (one a
     * hand-off task sends waits until it yields) is counted until it leaves or fails: as asyncio,
     * whose abort empties the buffer, and as the stream transports.
     */
    @Test
    void limitsLoweredAfterAbortPauseNothing(EventLoop loop) {
        assumeNetwork(loop);
        run(loop, () -> {
            DatagramEndpoint<Recorder> client = recorder(DatagramOptions.local(LOOPBACK, 0));
            DatagramTransport t = client.transport();
            t.sendto(new byte[100], new InetSocketAddress(LOOPBACK, 9));
            t.abort();
            t.setWriteBufferLimits(0, 0);
            until(() -> client.protocol().lost);
            assertEquals(List.of("made", "lost:null"), client.protocol().events);
            return null;
        });
    }

    /** Two endpoints bind the same port with reusePort; without it the second bind is a BindException. */
    @Test
    void reusePortLetsTwoEndpointsShareAPort(EventLoop loop) {
        assumeNetwork(loop);
        run(loop, () -> {
            DatagramOptions shared = DatagramOptions.local(LOOPBACK, 0).reusePort(true);
            DatagramEndpoint<Recorder> first = recorder(shared);
            int port = sockname(first).getPort();
            DatagramEndpoint<Recorder> second = recorder(DatagramOptions.local(LOOPBACK, port).reusePort(true));
            assertEquals(port, sockname(second).getPort());
            assertThrows(BindException.class,
                () -> recorder(DatagramOptions.local(LOOPBACK, port)));
            closeAll(first, second);
            return null;
        });
    }

    /**
     * Sending to a broadcast address (loopback's, 127.255.255.255) needs allowBroadcast: without
     * it the kernel refuses the send (EACCES), which reaches errorReceived; with it the datagram
     * arrives.
     */
    @Test
    void broadcastNeedsAllowBroadcast(EventLoop loop) {
        assumeNetwork(loop);
        run(loop, () -> {
            // Broadcasts reach sockets bound to the wildcard address only.
            DatagramEndpoint<Recorder> receiver = recorder(DatagramOptions.local("0.0.0.0", 0));
            InetSocketAddress broadcast = new InetSocketAddress(InetAddress.getByName("127.255.255.255"),
                sockname(receiver).getPort());
            DatagramEndpoint<Recorder> refused = recorder(DatagramOptions.local(LOOPBACK, 0));
            refused.transport().sendto(new byte[] {1}, broadcast);
            until(() -> !refused.protocol().errors.isEmpty());
            assertTrue(refused.protocol().errors.get(0).getMessage().contains("Permission denied"),
                () -> String.valueOf(refused.protocol().errors.get(0)));
            assertFalse(refused.transport().isClosing());

            DatagramEndpoint<Recorder> allowed = recorder(DatagramOptions.local(LOOPBACK, 0).allowBroadcast(true));
            long deadline = System.nanoTime() + STEP.toNanos();
            while (receiver.protocol().data.isEmpty()) {
                assertTrue(System.nanoTime() - deadline < 0, "no broadcast received within " + STEP);
                allowed.transport().sendto(new byte[] {2}, broadcast);
                Async.sleep(Duration.ofMillis(20));
            }
            assertArrayEquals(new byte[] {2}, receiver.protocol().data.get(0));
            assertEquals(List.of(), allowed.protocol().errors);
            closeAll(receiver, refused, allowed);
            return null;
        });
    }

    /** The write buffer: empty once sent, asyncio's default marks, bad marks refused. */
    @Test
    void theWriteBufferCountsAndItsLimitsAreChecked(EventLoop loop) {
        assumeNetwork(loop);
        run(loop, () -> {
            DatagramEndpoint<Recorder> server = echoServer();
            DatagramTransport t = server.transport();
            assertEquals(WriteBufferLimits.DEFAULT, t.getWriteBufferLimits());
            t.sendto(new byte[100], sockname(server));
            until(() -> t.getWriteBufferSize() == 0);
            t.setWriteBufferLimits(1000, 10);
            assertEquals(new WriteBufferLimits(10, 1000), t.getWriteBufferLimits());
            assertThrows(IllegalArgumentException.class, () -> t.setWriteBufferLimits(10, 1000));
            closeAll(server);
            return null;
        });
    }

    /** A port out of range is refused when the options are made. */
    @Test
    void aPortOutOfRangeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatagramOptions.local(LOOPBACK, 70000));
        assertTrue(e.getMessage().contains("70000"), e::getMessage);
        assertThrows(IllegalArgumentException.class, () -> DatagramOptions.remote(LOOPBACK, -1));
    }

    /** On a backend without network I/O, UDP and Unix sockets say so. */
    @Test
    void aLoopWithoutNetworkIoRefusesUdpAndUnixSockets(EventLoop loop) {
        assumeFalse(loop.ioDriver() instanceof NetworkBackend, "this backend has network I/O");
        run(loop, () -> {
            UnsupportedOperationException udp = assertThrows(UnsupportedOperationException.class,
                () -> recorder(DatagramOptions.local(LOOPBACK, 0)));
            assertTrue(udp.getMessage().contains("use nio or epoll"), udp::getMessage);
            assertThrows(UnsupportedOperationException.class, () -> UnixSockets.openUnixConnection("/tmp/x.sock"));
            return null;
        });
    }
}
