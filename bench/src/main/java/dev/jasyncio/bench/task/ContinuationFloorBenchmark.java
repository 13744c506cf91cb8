package dev.jasyncio.bench.task;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import jdk.internal.vm.Continuation;
import jdk.internal.vm.ContinuationScope;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor under W4 and W5: the same shapes on bare {@code jdk.internal.vm.Continuation}s and an
 * {@code ArrayDeque} of runnable ones, with none of a loop's or a task's work (no futures, no
 * cancellation, no context, no exception reporting). What the JDK's continuations cost by
 * themselves, against which the goals of issue 3 can be read.
 *
 * <ul>
 *   <li>{@link #taskSpawn}: 100,000 continuations, each yielding once and then storing its value;
 *       all are created before any runs, so all are suspended at once, as in W4. Nanoseconds per
 *       continuation.
 *   <li>{@link #pingPong}: two continuations pass a counter back and forth through two one-slot
 *       channels, 500,000 round trips, as in W5. Nanoseconds per round trip.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "-Xss8m"})
public class ContinuationFloorBenchmark {
    private static final ContinuationScope SCOPE = new ContinuationScope("floor");

    @Benchmark
    @OperationsPerInvocation(TaskSpawnBenchmark.TASKS)
    public long taskSpawn() {
        ArrayDeque<Continuation> ready = new ArrayDeque<>();
        long[] values = new long[TaskSpawnBenchmark.TASKS];
        for (int i = 0; i < TaskSpawnBenchmark.TASKS; i++) {
            int index = i;
            ready.addLast(new Continuation(SCOPE, () -> {
                // sleep(0): back of the line, then suspend
                ready.addLast(Continuation.getCurrentContinuation(SCOPE));
                Continuation.yield(SCOPE);
                values[index] = index;
            }));
        }
        runAll(ready);
        long sum = 0;
        for (long v : values) {
            sum += v;
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(PingPongBenchmark.ROUND_TRIPS)
    public long pingPong() {
        ArrayDeque<Continuation> ready = new ArrayDeque<>();
        Slot ping = new Slot(ready);
        Slot pong = new Slot(ready);
        long[] sum = new long[1];
        ready.addLast(new Continuation(SCOPE, () -> {
            for (int i = 0; i < PingPongBenchmark.ROUND_TRIPS; i++) {
                pong.put(ping.take());
            }
        }));
        ready.addLast(new Continuation(SCOPE, () -> {
            for (long i = 0; i < PingPongBenchmark.ROUND_TRIPS; i++) {
                ping.put(i);
                sum[0] += pong.take();
            }
        }));
        runAll(ready);
        return sum[0];
    }

    private static void runAll(ArrayDeque<Continuation> ready) {
        Continuation c;
        while ((c = ready.pollFirst()) != null) {
            c.run();
        }
    }

    /** A one-slot channel whose taker suspends while it is empty (puts never wait: the shapes never fill it twice). */
    private static final class Slot {
        private final ArrayDeque<Continuation> ready;
        private long value;
        private boolean full;
        private Continuation taker;

        Slot(ArrayDeque<Continuation> ready) {
            this.ready = ready;
        }

        void put(long v) {
            value = v;
            full = true;
            if (taker != null) {
                ready.addLast(taker);
                taker = null;
            }
        }

        long take() {
            while (!full) {
                taker = Continuation.getCurrentContinuation(SCOPE);
                Continuation.yield(SCOPE);
            }
            full = false;
            return value;
        }
    }
}
