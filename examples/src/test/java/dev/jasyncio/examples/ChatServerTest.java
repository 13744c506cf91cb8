package dev.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.Task;
import dev.jasyncio.net.Net;
import dev.jasyncio.net.Server;
import dev.jasyncio.net.Streams;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link ChatServer} on loopback, with stream clients on the same loop. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChatServerTest {
    private static final Duration STEP = Duration.ofSeconds(10);

    private static String line(Streams s) {
        return new String(Async.waitFor(() -> s.reader().readline(), STEP), StandardCharsets.UTF_8);
    }

    private static void say(Streams s, String text) throws IOException {
        s.writer().write(text.getBytes(StandardCharsets.UTF_8));
        s.writer().drain();
    }

    private static Streams join(int port, String expectedName) throws IOException {
        Streams s = Net.openConnection("127.0.0.1", port);
        assertEquals("welcome, " + expectedName + "\n", line(s));
        return s;
    }

    /** guest1, guest2 and guest3 join in turn; each hears of those who join after it. */
    private static Streams[] joinThree(int port) throws IOException {
        Streams a = join(port, "guest1");
        Streams b = join(port, "guest2");
        assertEquals("* guest2 joined\n", line(a));
        Streams c = join(port, "guest3");
        assertEquals("* guest3 joined\n", line(a));
        assertEquals("* guest3 joined\n", line(b));
        return new Streams[] {a, b, c};
    }

    /** Three clients: each line reaches the two others, in order, never its sender; joins and leaves are announced. */
    @Test
    void linesReachEveryOtherClientInOrderWithJoinAndLeave() {
        Async.run(() -> {
            Server server = ChatServer.start("127.0.0.1", 0);
            int port = server.sockets().get(0).getPort();
            Streams[] three = joinThree(port);
            Streams a = three[0];
            Streams b = three[1];
            Streams c = three[2];

            say(a, "hello\n");
            say(a, "how are you?\n");
            for (Streams other : new Streams[] {b, c}) {
                assertEquals("guest1: hello\n", line(other));
                assertEquals("guest1: how are you?\n", line(other));
            }
            say(c, "fine\n");
            assertEquals("guest3: fine\n", line(a), "a hears c, and never its own lines");
            assertEquals("guest3: fine\n", line(b));

            b.close();
            assertEquals("* guest2 left\n", line(a));
            assertEquals("* guest2 left\n", line(c));
            a.close();
            assertEquals("* guest1 left\n", line(c));
            c.close();
            server.close();
            server.waitClosed();
            return null;
        });
    }

    /**
     * A client that stops reading is disconnected once its backlog is full, while a reading client
     * gets every line of a flood, in order, without waiting for it. The flood goes on until the
     * stalled client is dropped, however much the sockets buffer on this machine (200 MB at most).
     */
    @Test
    void aClientThatStopsReadingIsDisconnectedWithoutHoldingUpTheOthers() {
        int most = 200_000;
        char[] filler = new char[1_000];
        Arrays.fill(filler, 'x');
        String payload = new String(filler);
        Async.run(() -> {
            Server server = ChatServer.start("127.0.0.1", 0, 16);
            int port = server.sockets().get(0).getPort();
            Streams[] three = joinThree(port);
            Streams flooder = three[0];
            Streams stalled = three[1];
            Streams reader = three[2];
            // From here on, nobody reads `stalled` (its reader stops the socket once it holds 128 KiB).
            boolean[] dropped = {false};
            Task<Integer> reading = Async.createTask(() -> {
                int next = 0;
                while (true) {
                    String got = line(reader);
                    if (got.equals("* guest2 left (too slow)\n")) {
                        dropped[0] = true;
                    } else if (got.equals("guest1: done\n")) {
                        return next;
                    } else {
                        assertEquals("guest1: " + next + " " + payload + "\n", got);
                        next++;
                    }
                }
            });
            int sent = 0;
            while (!dropped[0]) {
                assertTrue(sent < most, "the stalled client was still connected after " + most + " lines");
                say(flooder, sent++ + " " + payload + "\n");
            }
            say(flooder, "done\n");
            assertEquals(sent, Async.waitFor(reading, STEP), "every line reached the reading client");
            assertEquals("* guest2 left (too slow)\n", line(flooder));
            for (Streams s : three) {
                s.close();
            }
            server.close();
            server.waitClosed();
            return null;
        });
    }
}
