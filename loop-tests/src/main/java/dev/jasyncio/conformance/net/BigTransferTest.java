package dev.jasyncio.conformance.net;

import static dev.jasyncio.conformance.net.NetTesting.LOOPBACK;
import static dev.jasyncio.conformance.net.NetTesting.assumeContinuationEngine;
import static dev.jasyncio.conformance.net.NetTesting.assumeNetwork;
import static dev.jasyncio.conformance.net.NetTesting.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Task;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.net.Net;
import dev.jasyncio.net.Server;
import dev.jasyncio.net.Streams;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** 100 MiB through a stream echo server on one loop, checked byte for byte, in bounded time (continuation engine). */
@Conformance
class BigTransferTest {
    private static final int BLOCK = 1 << 20;
    private static final int BLOCKS = 100;

    /** Byte {@code i} of the stream: a random block, xored with the block's number so that blocks cannot be swapped. */
    private static byte expected(byte[] base, long i) {
        return (byte) (base[(int) (i % BLOCK)] ^ (i / BLOCK));
    }

    /** Every byte of 100 MiB written comes back, in order, and the whole trip stays well within the test's bound. */
    @Test
    void oneHundredMebibytesEchoIntact(EventLoop loop) {
        assumeNetwork(loop);
        assumeContinuationEngine(loop);
        byte[] base = NetTesting.randomBytes(BLOCK, 100);
        NetTesting.Handlers handlers = new NetTesting.Handlers();
        long started = System.nanoTime();
        long[] checked = new long[1];
        run(loop, () -> {
            Server server = Net.startServer(handlers.track((reader, writer) -> {
                byte[] chunk;
                while ((chunk = reader.read(256 * 1024)).length > 0) {
                    writer.write(chunk);
                    writer.drain();
                }
                writer.close();
            }), LOOPBACK, 0);
            try (Streams s = Net.openConnection(LOOPBACK, server.sockets().get(0).getPort())) {
                Task<Void> sender = loop.createTask(() -> {
                    byte[] block = new byte[BLOCK];
                    for (int b = 0; b < BLOCKS; b++) {
                        for (int i = 0; i < BLOCK; i++) {
                            block[i] = (byte) (base[i] ^ b);
                        }
                        s.writer().write(block);
                        s.writer().drain();
                    }
                    s.writer().writeEof();
                    return null;
                });
                long at = 0;
                byte[] chunk;
                while ((chunk = s.reader().read(256 * 1024)).length > 0) {
                    for (byte value : chunk) {
                        if (value != expected(base, at)) {
                            throw new AssertionError("byte " + at + " differs: " + value + " != " + expected(base, at));
                        }
                        at++;
                    }
                }
                checked[0] = at;
                Async.waitFor(sender, Duration.ofSeconds(5));
            }
            server.close();
            server.waitClosed();
            handlers.awaitAll();
            return null;
        });
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals((long) BLOCK * BLOCKS, checked[0]);
        assertTrue(millis < 25_000, "100 MiB each way took " + millis + " ms");
        System.out.printf("[%s/%s] 100 MiB echoed and checked in %d ms (%.0f MiB/s each way)%n", loop.providerName(),
            loop.engineName(), millis, BLOCKS * 1000.0 / Math.max(1, millis));
    }
}
