package dev.jasyncio.bench.context;

import dev.jasyncio.ContextVar;
import dev.jasyncio.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code ContextVar.get} and {@code set} with {@link #others} other variables set in the same
 * context: the context is a hash array mapped trie, so the cost grows with log32 of its size,
 * which this shows to be flat in practice. The score is operations per second.
 *
 * <ul>
 *   <li>{@link #get}: reads a variable that is set.
 *   <li>{@link #set}: sets a variable that is already set, alternating between two values so that
 *       every set builds a new map; returns the token.
 *   <li>{@link #setReset}: sets a variable that is unset and resets it with the token, the
 *       pattern of a request-scoped value ({@code token = var.set(x) ... var.reset(token)}).
 * </ul>
 * Measured on the benchmark thread outside any loop: a variable reads and writes the context of
 * the running thread through one thread-local slot, the same slot a task step uses (the hand-off
 * engine's virtual thread shares its loop thread's slot), so the figures hold inside tasks too.
 * The other variables are set in {@code @Setup} and reset in {@code @TearDown}, outside the
 * measurement. Python's asyncio and uvloop run the same workloads in {@code bench/peers/py_sync.py}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class ContextVarBenchmark {
    /** The number of other variables with a value in the context. */
    @Param({"0", "1", "10", "100"})
    public int others;

    private final ContextVar<Integer> measured = new ContextVar<>("measured");
    private final ContextVar<Integer> scoped = new ContextVar<>("scoped");
    private final Integer[] values = {1_000, 1_001};
    private final List<Token<?>> setup = new ArrayList<>();
    private int flip;

    @Setup(Level.Trial)
    public void fill() {
        for (int i = 0; i < others; i++) {
            setup.add(new ContextVar<Integer>("other-" + i).set(i));
        }
        setup.add(measured.set(values[0]));
    }

    @TearDown(Level.Trial)
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void empty() {
        for (int i = setup.size() - 1; i >= 0; i--) {
            Token token = setup.get(i);
            token.variable().reset(token);
        }
    }

    @Benchmark
    public Integer get() {
        return measured.get();
    }

    @Benchmark
    public Token<Integer> set() {
        return measured.set(values[flip ^= 1]);
    }

    @Benchmark
    public Token<Integer> setReset() {
        Token<Integer> token = scoped.set(values[0]);
        scoped.reset(token);
        return token;
    }
}
