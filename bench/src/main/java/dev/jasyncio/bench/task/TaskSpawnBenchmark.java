package dev.jasyncio.bench.task;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * W4, task spawn: spawn 100,000 tasks that each yield once and return a value, then gather them.
 * The score is nanoseconds per task; tasks/s = 1e9 / score.
 *
 * <ul>
 *   <li>{@link #jasyncio}: {@code Async.createTask} + {@code Async.sleep(Duration.ZERO)} (asyncio's
 *       {@code sleep(0)}: exactly one loop iteration) + {@code Async.gather}, on the chosen engine.
 *   <li>{@link #virtualThreads} and {@link #virtualThreadsOneCarrier}, the peers: one JDK virtual
 *       thread per task doing {@code Thread.yield()}, joined in order; the scheduler's default
 *       parallelism, and parallelism 1 (one carrier, like one loop thread).
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(TaskSpawnBenchmark.TASKS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED", "-Xss8m"})
public class TaskSpawnBenchmark {
    static final int TASKS = 100_000;

    @Benchmark
    public int jasyncio(TaskLoopState state) {
        EventLoop loop = state.eventLoop;
        return loop.runUntilComplete(loop.createTask(() -> {
            List<Task<Integer>> tasks = new ArrayList<>(TASKS);
            for (int i = 0; i < TASKS; i++) {
                Integer value = i;
                tasks.add(Async.createTask(() -> {
                    Async.sleep(Duration.ZERO);
                    return value;
                }));
            }
            return Async.await(Async.gather(tasks)).size();
        }));
    }

    @Benchmark
    public long virtualThreads() throws InterruptedException {
        return spawnVirtual();
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
        "-Xss8m", "-Djdk.virtualThreadScheduler.parallelism=1", "-Djdk.virtualThreadScheduler.maxPoolSize=1"})
    public long virtualThreadsOneCarrier() throws InterruptedException {
        return spawnVirtual();
    }

    private static long spawnVirtual() throws InterruptedException {
        long[] results = new long[TASKS];
        Thread[] threads = new Thread[TASKS];
        for (int i = 0; i < TASKS; i++) {
            int index = i;
            threads[i] = Thread.ofVirtual().start(() -> {
                Thread.yield();
                results[index] = index;
            });
        }
        long sum = 0;
        for (int i = 0; i < TASKS; i++) {
            threads[i].join();
            sum += results[i];
        }
        return sum;
    }
}
