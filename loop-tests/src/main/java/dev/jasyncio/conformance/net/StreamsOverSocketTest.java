package dev.jasyncio.conformance.net;

import static dev.jasyncio.conformance.net.NetTesting.LOOPBACK;
import static dev.jasyncio.conformance.net.NetTesting.assumeNetwork;
import static dev.jasyncio.conformance.net.NetTesting.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.EventLoop;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.net.ConnectOptions;
import dev.jasyncio.net.IncompleteReadException;
import dev.jasyncio.net.LimitOverrunException;
import dev.jasyncio.net.Net;
import dev.jasyncio.net.Server;
import dev.jasyncio.net.ServerOptions;
import dev.jasyncio.net.StreamReader;
import dev.jasyncio.net.Streams;
import dev.jasyncio.net.Transport;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The stream reader's reads over a real connection, where the bytes arrive as TCP delivers them. */
@Conformance
class StreamsOverSocketTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A server that sends {@code script} and closes: readline, readexactly and readuntil take it
     * apart, an overrun loses no byte, and the end is an IncompleteReadException with the rest.
     */
    @Test
    void readsTakeAStreamApartAndAnOverrunLosesNothing(EventLoop loop) {
        assumeNetwork(loop);
        NetTesting.Handlers handlers = new NetTesting.Handlers();
        byte[] longChunk = new byte[100];
        Arrays.fill(longChunk, (byte) 'x');
        run(loop, () -> {
            Server server = Net.startServer(handlers.track((reader, writer) -> {
                writer.write(ascii("first line\n"));
                writer.write(ascii("12345"));
                writer.write(ascii("header\r\n\r\n"));
                writer.write(longChunk);
                writer.write(ascii("END"));
                writer.write(ascii("partial"));
                writer.close();
            }), LOOPBACK, 0);
            int port = server.sockets().get(0).getPort();
            try (Streams s = Net.openConnection(LOOPBACK, port, ConnectOptions.defaults().limit(64))) {
                StreamReader r = s.reader();
                assertEquals("first line\n", new String(r.readline(), StandardCharsets.US_ASCII));
                assertEquals("12345", new String(r.readexactly(5), StandardCharsets.US_ASCII));
                assertEquals("header\r\n\r\n", new String(r.readuntil(ascii("\r\n\r\n")), StandardCharsets.US_ASCII));
                // 100 bytes before the separator: over the limit of 64; nothing is consumed.
                LimitOverrunException overrun = assertThrows(LimitOverrunException.class, () -> r.readuntil(ascii("END")));
                assertTrue(overrun.consumed() > 64, "consumed " + overrun.consumed());
                assertArrayEquals(longChunk, r.readexactly(100), "the bytes before the separator are still there");
                assertEquals("END", new String(r.readuntil(ascii("END")), StandardCharsets.US_ASCII));
                IncompleteReadException end = assertThrows(IncompleteReadException.class, () -> r.readexactly(100));
                assertEquals("partial", new String(end.partial(), StandardCharsets.US_ASCII));
                assertTrue(r.atEof());
            }
            server.close();
            server.waitClosed();
            handlers.awaitAll();
            return null;
        });
    }

    /** A line longer than the server's limit fails readline there, and the next line still arrives whole. */
    @Test
    void aLineLongerThanTheLimitFailsAndTheNextLineIsRead(EventLoop loop) {
        assumeNetwork(loop);
        NetTesting.Handlers handlers = new NetTesting.Handlers();
        byte[] longLine = new byte[5_000];
        Arrays.fill(longLine, (byte) 'y');
        longLine[longLine.length - 1] = '\n';
        run(loop, () -> {
            Server server = Net.startServer(handlers.track((reader, writer) -> {
                String outcome;
                try {
                    reader.readline();
                    outcome = "read";
                } catch (LimitOverrunException e) {
                    outcome = "overrun";
                }
                byte[] next = reader.readline();
                writer.write(ascii(outcome + " then " + new String(next, StandardCharsets.US_ASCII)));
                writer.close();
            }), LOOPBACK, 0, ServerOptions.defaults().limit(1024));
            int port = server.sockets().get(0).getPort();
            try (Streams s = Net.openConnection(LOOPBACK, port)) {
                s.writer().write(longLine);
                s.writer().write(ascii("next\n"));
                s.writer().drain();
                assertEquals("overrun then next\n", new String(s.reader().read(), StandardCharsets.US_ASCII));
            }
            server.close();
            server.waitClosed();
            handlers.awaitAll();
            return null;
        });
    }

    /**
     * A reader whose buffer passes twice its limit pauses reading; reading it down resumes it, and
     * every byte arrives in order.
     */
    @Test
    void aFullReaderPausesTheTransportAndResumesIt(EventLoop loop) {
        assumeNetwork(loop);
        NetTesting.Handlers handlers = new NetTesting.Handlers();
        byte[] payload = NetTesting.randomBytes(1 << 20, 7);
        run(loop, () -> {
            Server server = Net.startServer(handlers.track((reader, writer) -> {
                writer.write(payload);
                writer.drain();
                writer.close();
            }), LOOPBACK, 0);
            int port = server.sockets().get(0).getPort();
            try (Streams s = Net.openConnection(LOOPBACK, port, ConnectOptions.defaults().limit(1024))) {
                // Let the data pile up until the reader pauses the transport.
                NetTesting.until(() -> !s.writer().transport().isReading());
                assertArrayEquals(payload, s.reader().readexactly(payload.length));
                assertEquals(0, s.reader().read().length);
            }
            server.close();
            server.waitClosed();
            handlers.awaitAll();
            return null;
        });
    }

    /**
     * The default limit is 64 KiB, and the readers of openConnection and startServer have it; a
     * reader pauses its transport only once it holds more than twice the limit, and resumes it
     * once reads bring it down to the limit. (The peer sends nothing: the client's reader is fed
     * by hand.)
     */
    @Test
    void readersHaveA64KiBLimitAndPauseOnlyBeyondTwiceIt(EventLoop loop) {
        assertEquals(64 * 1024, StreamReader.DEFAULT_LIMIT);
        assertEquals(StreamReader.DEFAULT_LIMIT, ConnectOptions.defaults().limit());
        assertEquals(StreamReader.DEFAULT_LIMIT, ServerOptions.defaults().limit());
        assumeNetwork(loop);
        NetTesting.Handlers handlers = new NetTesting.Handlers();
        int limit = StreamReader.DEFAULT_LIMIT;
        int[] serverLimit = new int[1];
        run(loop, () -> {
            Server server = Net.startServer(handlers.track((reader, writer) -> {
                serverLimit[0] = reader.limit();
                reader.read();
                writer.close();
            }), LOOPBACK, 0);
            try (Streams s = Net.openConnection(LOOPBACK, server.sockets().get(0).getPort())) {
                assertEquals(limit, s.reader().limit());
                Transport t = s.writer().transport();
                s.reader().feedData(new byte[2 * limit]);
                assertTrue(t.isReading(), "paused at exactly twice the limit");
                s.reader().feedData(new byte[1]);
                assertFalse(t.isReading(), "not paused beyond twice the limit");
                s.reader().readexactly(limit);
                assertFalse(t.isReading(), "resumed above the limit");
                s.reader().readexactly(1);
                assertTrue(t.isReading(), "not resumed at the limit");
            }
            server.close();
            server.waitClosed();
            assertEquals(1, handlers.awaitAll());
            return null;
        });
        assertEquals(StreamReader.DEFAULT_LIMIT, serverLimit[0]);
    }
}
