package dev.jasyncio.bench.sync;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Task;
import dev.jasyncio.bench.task.TaskLoopState;
import dev.jasyncio.queue.Queue;
import dev.jasyncio.sync.Lock;
import dev.jasyncio.sync.Semaphore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The primitives under contention: {@link #tasks} tasks share one primitive for 20,000 operations
 * in all, and every holder keeps it across a {@code sleep(0)}, so the others wait in line, suspend,
 * and are woken one at a time in arrival order. The score is operations per second; an operation
 * is one turn of one task (in the lock and semaphore workloads, wake-up, {@code sleep(0)} and
 * release: two task steps), or one item through the queue.
 *
 * <ul>
 *   <li>{@link #lock}: each task repeats {@code acquire(); sleep(0); release()}. The workload
 *       checks the order of the holders: with a first-come first-served lock they take turns
 *       round robin, 0, 1, ..., tasks - 1, 0, ...; any other order fails the benchmark.
 *   <li>{@link #semaphore}: the same on a {@code Semaphore(tasks / 2)}, so half the tasks hold a
 *       permit while the other half waits.
 *   <li>{@link #queue}: {@code tasks} producers and {@code tasks} consumers over one
 *       {@code Queue(1)}: producers wait for room and consumers for items. The sum of the items
 *       got is checked.
 * </ul>
 * The tasks are created in each invocation (100 task creations per 20,000 operations at most).
 * Python's asyncio and uvloop run the same workloads in {@code bench/peers/py_sync.py}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(ContendedBenchmark.OPS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED", "-Xss8m"})
public class ContendedBenchmark {
    static final int OPS = 20_000;

    /** The number of competing tasks (for the queue, of producers and of consumers each). */
    @Param({"2", "100"})
    public int tasks;

    /** What the queue's consumers must get in all. */
    private long expectedSum;

    @Setup(Level.Trial)
    public void expect(Items items) {
        expectedSum = items.sumOfFirst(OPS / tasks) * tasks;
    }

    @Benchmark
    public long lock(TaskLoopState state) {
        int n = tasks;
        return run(state.eventLoop, n, () -> {
            Lock lock = new Lock();
            int[] turns = new int[1];
            return worker -> () -> {
                for (int i = 0; i < OPS / n; i++) {
                    lock.acquire();
                    try {
                        if (turns[0]++ % n != worker) {
                            throw new IllegalStateException("task " + worker + " got the lock out of turn " + (turns[0] - 1));
                        }
                        Async.sleep(Duration.ZERO);
                    } finally {
                        lock.release();
                    }
                }
                return (long) OPS / n;
            };
        });
    }

    @Benchmark
    public long semaphore(TaskLoopState state) {
        int n = tasks;
        return run(state.eventLoop, n, () -> {
            Semaphore semaphore = new Semaphore(Math.max(1, n / 2));
            return worker -> () -> {
                for (int i = 0; i < OPS / n; i++) {
                    semaphore.acquire();
                    try {
                        Async.sleep(Duration.ZERO);
                    } finally {
                        semaphore.release();
                    }
                }
                return (long) OPS / n;
            };
        });
    }

    @Benchmark
    public long queue(TaskLoopState state, Items items) {
        int n = tasks;
        Integer[] values = items.values;
        long sum = run(state.eventLoop, 2 * n, () -> {
            Queue<Integer> queue = new Queue<>(1);
            return worker -> () -> {
                long got = 0;
                for (int i = 0; i < OPS / n; i++) {
                    if (worker < n) {
                        queue.put(values[i & Items.MASK]);
                    } else {
                        got += queue.get();
                    }
                }
                return got;
            };
        });
        if (sum != expectedSum) {
            throw new IllegalStateException("the consumers got " + sum + ": an item was lost or duplicated");
        }
        return sum;
    }

    /**
     * Runs, inside one task, {@code workers} tasks made by the factory that {@code setup} returns
     * (called inside that task, so the primitive binds to the loop), and sums their results.
     */
    private static long run(EventLoop loop, int workers, Coroutine<IntFunction<Coroutine<Long>>> setup) {
        return loop.runUntilComplete(loop.createTask(() -> {
            IntFunction<Coroutine<Long>> body = setup.call();
            List<Task<Long>> running = new ArrayList<>(workers);
            for (int w = 0; w < workers; w++) {
                running.add(Async.createTask(body.apply(w)));
            }
            long sum = 0;
            for (Task<Long> t : running) {
                sum += Async.await(t);
            }
            return sum;
        }));
    }
}
