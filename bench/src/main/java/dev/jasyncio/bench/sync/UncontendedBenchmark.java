package dev.jasyncio.bench.sync;

import dev.jasyncio.EventLoop;
import dev.jasyncio.bench.task.TaskLoopState;
import dev.jasyncio.queue.Queue;
import dev.jasyncio.sync.Lock;
import dev.jasyncio.sync.Semaphore;
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
 * The fast paths of the primitives: one task alone uses a primitive 1,000,000 times, so that no
 * operation ever waits. The score is operations per second, one operation being an acquire and
 * its release, or a put and its get.
 *
 * <ul>
 *   <li>{@link #lock}: {@code Lock.acquire()} + {@code release()}.
 *   <li>{@link #semaphore}: {@code Semaphore(1).acquire()} + {@code release()}.
 *   <li>{@link #queue}: {@code put(item)} + {@code get()} on an unbounded {@code Queue}; the items
 *       are boxed in advance, so the figure excludes boxing.
 * </ul>
 * The primitive is made inside the invocation's task (it binds to its loop there); the task and
 * the primitive cost once per 1,000,000 operations. Each invocation returns what the task computed
 * (the sum of the items got, the final state), so that nothing can be left out.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(UncontendedBenchmark.OPS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED", "-Xss8m"})
public class UncontendedBenchmark {
    static final int OPS = 1_000_000;

    @Benchmark
    public int lock(TaskLoopState state) {
        EventLoop loop = state.eventLoop;
        return loop.runUntilComplete(loop.createTask(() -> {
            Lock lock = new Lock();
            for (int i = 0; i < OPS; i++) {
                lock.acquire();
                lock.release();
            }
            return lock.isLocked() ? -1 : OPS;
        }));
    }

    @Benchmark
    public int semaphore(TaskLoopState state) {
        EventLoop loop = state.eventLoop;
        return loop.runUntilComplete(loop.createTask(() -> {
            Semaphore semaphore = new Semaphore(1);
            for (int i = 0; i < OPS; i++) {
                semaphore.acquire();
                semaphore.release();
            }
            return semaphore.value();
        }));
    }

    @Benchmark
    public long queue(TaskLoopState state, Items items) {
        EventLoop loop = state.eventLoop;
        Integer[] values = items.values;
        return loop.runUntilComplete(loop.createTask(() -> {
            Queue<Integer> queue = new Queue<>();
            long sum = 0;
            for (int i = 0; i < OPS; i++) {
                queue.put(values[i & Items.MASK]);
                sum += queue.get();
            }
            return sum;
        }));
    }
}
