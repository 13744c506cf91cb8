package dev.jasyncio.bench.task;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.queue.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W5, ping-pong: two tasks pass a token back and forth through two capacity-1 queues, 500,000
 * round trips. The score is nanoseconds per round trip; round trips/s = 1e9 / score.
 *
 * <ul>
 *   <li>{@link #jasyncio}: two tasks over two {@code dev.jasyncio.queue.Queue(1)} (asyncio's
 *       {@code Queue(1)}), on the chosen engine.
 *   <li>{@link #virtualThreads} and {@link #virtualThreadsOneCarrier}, the peers: two JDK virtual
 *       threads over two {@code ArrayBlockingQueue(1)}, default parallelism and parallelism 1.
 * </ul>
 * Node.js's figure for the same workload (2.87 M/s on these machines) is measured by the peer
 * harness, not here.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(PingPongBenchmark.ROUND_TRIPS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED", "-Xss8m"})
public class PingPongBenchmark {
    static final int ROUND_TRIPS = 500_000;

    @Benchmark
    public long jasyncio(TaskLoopState state) {
        EventLoop loop = state.eventLoop;
        return loop.runUntilComplete(loop.createTask(() -> {
            Queue<Long> ping = new Queue<>(1);
            Queue<Long> pong = new Queue<>(1);
            var echo = Async.createTask(() -> {
                for (int i = 0; i < ROUND_TRIPS; i++) {
                    pong.put(ping.get());
                }
                return null;
            });
            long sum = 0;
            for (long i = 0; i < ROUND_TRIPS; i++) {
                ping.put(i);
                sum += pong.get();
            }
            Async.await(echo);
            return sum;
        }));
    }

    @Benchmark
    public long virtualThreads() throws InterruptedException {
        return pingPongVirtual();
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
        "-Xss8m", "-Djdk.virtualThreadScheduler.parallelism=1", "-Djdk.virtualThreadScheduler.maxPoolSize=1"})
    public long virtualThreadsOneCarrier() throws InterruptedException {
        return pingPongVirtual();
    }

    private static long pingPongVirtual() throws InterruptedException {
        ArrayBlockingQueue<Long> ping = new ArrayBlockingQueue<>(1);
        ArrayBlockingQueue<Long> pong = new ArrayBlockingQueue<>(1);
        Thread echo = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < ROUND_TRIPS; i++) {
                    pong.put(ping.take());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long[] sum = new long[1];
        Thread driver = Thread.ofVirtual().start(() -> {
            try {
                for (long i = 0; i < ROUND_TRIPS; i++) {
                    ping.put(i);
                    sum[0] += pong.take();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        driver.join();
        echo.join();
        return sum[0];
    }
}
