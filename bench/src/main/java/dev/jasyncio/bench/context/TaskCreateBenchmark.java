package dev.jasyncio.bench.context;

import dev.jasyncio.Async;
import dev.jasyncio.ContextVar;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Task;
import dev.jasyncio.bench.task.TaskLoopState;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Task creation with {@link #vars} context variables set in the creating task's context: a task
 * runs in a copy of that context taken at creation, a copy of one reference, so the figure must
 * not depend on {@code vars}. A task sets the variables, creates 10,000 tasks that read one of
 * them and return, and awaits them in order. The score is tasks created and run to completion per
 * second, on the chosen coroutine engine.
 *
 * <p>Python's asyncio and uvloop run the same workload in {@code bench/peers/py_sync.py}
 * ({@code create_task}, which copies the context the same way).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(TaskCreateBenchmark.TASKS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED", "-Xss8m"})
public class TaskCreateBenchmark {
    static final int TASKS = 10_000;
    private static final ContextVar<Integer> READ = new ContextVar<>("read", 0);

    /** The number of context variables set when the tasks are created (the read one among them). */
    @Param({"0", "10"})
    public int vars;

    private final List<ContextVar<Integer>> others = new ArrayList<>();

    public TaskCreateBenchmark() {
        for (int i = 0; i < 9; i++) {
            others.add(new ContextVar<>("other-" + i));
        }
    }

    @Benchmark
    public long create(TaskLoopState state) {
        EventLoop loop = state.eventLoop;
        int n = vars;
        return loop.runUntilComplete(loop.createTask(() -> {
            if (n > 0) {
                READ.set(1);
                for (int i = 0; i < n - 1; i++) {
                    others.get(i).set(i);
                }
            }
            @SuppressWarnings("unchecked")
            Task<Integer>[] tasks = new Task[TASKS];
            for (int i = 0; i < TASKS; i++) {
                tasks[i] = Async.createTask(READ::get);
            }
            long sum = 0;
            for (Task<Integer> t : tasks) {
                sum += Async.await(t);
            }
            return sum;
        }));
    }
}
