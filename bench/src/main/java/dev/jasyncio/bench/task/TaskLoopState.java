package dev.jasyncio.bench.task;

import dev.jasyncio.EventLoop;
import dev.jasyncio.LoopFactory;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One Jasyncio loop per trial for the task workloads, on a chosen backend and coroutine engine
 * ({@code LoopFactory.byName(loop, engine)}), run on the benchmark thread by each invocation.
 */
@State(Scope.Thread)
public class TaskLoopState {
    /** The backend; task workloads do no I/O, so core is the default. */
    @Param({"core"})
    public String loop;

    /** The coroutine engine: {@code continuation} (default) or the portable {@code handoff}. */
    @Param({"continuation", "handoff"})
    public String engine;

    /** The loop; not running between invocations. */
    public EventLoop eventLoop;

    @Setup(Level.Trial)
    public void open() {
        eventLoop = LoopFactory.byName(loop, engine).newEventLoop();
    }

    @TearDown(Level.Trial)
    public void close() {
        eventLoop.close();
    }
}
