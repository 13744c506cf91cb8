package dev.jasyncio.conformance.net;

import static dev.jasyncio.conformance.net.NetTesting.LOOPBACK;
import static dev.jasyncio.conformance.net.NetTesting.assumeContinuationEngine;
import static dev.jasyncio.conformance.net.NetTesting.assumeNetwork;
import static dev.jasyncio.conformance.net.NetTesting.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.Task;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.net.Net;
import dev.jasyncio.net.Server;
import dev.jasyncio.net.ServerOptions;
import dev.jasyncio.net.Streams;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Thousands of connections at once on one loop (continuation engine), echoing with no byte lost. */
@Conformance
class ManyConnectionsTest {
    private static final int WANTED = 2_000;
    private static final int MESSAGES = 5;

    /**
     * How many connections the file-descriptor limit allows: each costs two descriptors here
     * (client and server side), plus a margin for the JVM's own.
     */
    private static int affordable() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long free = unix.getMaxFileDescriptorCount() - unix.getOpenFileDescriptorCount() - 256;
            return (int) Math.max(0, Math.min(WANTED, free / 2));
        }
        return WANTED;
    }

    /** 2,000 clients connect at once, each sends lines of its own and reads them back intact. */
    @Test
    void twoThousandConnectionsEchoWithNoByteLost(EventLoop loop) {
        assumeNetwork(loop);
        assumeContinuationEngine(loop);
        int count = affordable();
        if (count < WANTED) {
            System.out.printf("ManyConnectionsTest: the file-descriptor limit (ulimit -n) allows %d connections, not %d:"
                + " running with %d; raise it with ulimit -n %d for the full test%n", count, WANTED, count, WANTED * 2 + 512);
        }
        assumeTrue(count >= 100, "the file-descriptor limit (ulimit -n) is too low for this test: " + count + " connections");
        NetTesting.Handlers handlers = new NetTesting.Handlers();
        long started = System.nanoTime();
        int done = run(loop, () -> {
            Server server = Net.startServer(handlers.track((reader, writer) -> {
                for (byte[] line : reader) {
                    writer.write(line);
                    writer.drain();
                }
                writer.close();
            }), LOOPBACK, 0, ServerOptions.defaults().backlog(WANTED));
            int port = server.sockets().get(0).getPort();
            List<Future<? extends Integer>> clients = new ArrayList<>(count);
            for (int c = 0; c < count; c++) {
                int id = c;
                Task<Integer> t = loop.createTask(() -> {
                    try (Streams s = Net.openConnection(LOOPBACK, port)) {
                        for (int m = 0; m < MESSAGES; m++) {
                            byte[] payload = new byte[100 + (id * 7 + m * 13) % 400];
                            Arrays.fill(payload, (byte) ('a' + (id + m) % 26));
                            byte[] line = (id + ":" + m + ":" + new String(payload, StandardCharsets.US_ASCII) + "\n")
                                .getBytes(StandardCharsets.US_ASCII);
                            s.writer().write(line);
                            assertArrayEquals(line, s.reader().readline(), "client " + id + " message " + m);
                        }
                        s.writer().writeEof();
                        assertEquals(0, s.reader().read().length);
                    }
                    return 1;
                });
                clients.add(t);
            }
            int ok = 0;
            for (int v : Async.waitFor(Async.gather(clients), Duration.ofSeconds(25))) {
                ok += v;
            }
            server.close();
            server.waitClosed();
            handlers.awaitAll();
            return ok;
        });
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(count, done);
        assertEquals(count, handlersCount(handlers));
        System.out.printf("[%s/%s] %d connections x %d echoes in %d ms%n", loop.providerName(), loop.engineName(), count,
            MESSAGES, millis);
    }

    private static int handlersCount(NetTesting.Handlers handlers) {
        return handlers.size();
    }
}
