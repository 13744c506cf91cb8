package dev.jasyncio.bench.peers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes W6's timer delays for the non-JVM peers, so that asyncio, uvloop and Node schedule the
 * very delays that {@code TimersBenchmark} gives Jasyncio and Netty: 1,000,000 delays drawn with
 * {@code new SplittableRandom(20261125).longs(1_000_000, 0, 10 ms + 1)}, in nanoseconds, as
 * little-endian 32-bit integers (10 ms fits).
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar dev.jasyncio.bench.peers.TimerDelays FILE}.
 */
public final class TimerDelays {
    /** The same as {@code TimersBenchmark.TIMERS}, {@code MAX_DELAY_NANOS} and {@code SEED}. */
    static final int TIMERS = 1_000_000;
    static final long MAX_DELAY_NANOS = 10_000_000L;
    static final long SEED = 20261125L;

    private TimerDelays() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: TimerDelays FILE   (writes 1,000,000 little-endian int32 delays in ns)");
            System.exit(2);
        }
        long[] delays = new SplittableRandom(SEED).longs(TIMERS, 0, MAX_DELAY_NANOS + 1).toArray();
        ByteBuffer out = ByteBuffer.allocate(TIMERS * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (long d : delays) {
            out.putInt((int) d);
        }
        Files.write(Path.of(args[0]), out.array());
    }
}
