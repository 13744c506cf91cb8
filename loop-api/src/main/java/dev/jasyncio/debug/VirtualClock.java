package dev.jasyncio.debug;

import dev.jasyncio.EventLoop;
import dev.jasyncio.internal.debug.LoopClock;
import dev.jasyncio.internal.debug.LoopProbe;
import dev.jasyncio.spi.IoDriver;
import java.time.Duration;
import java.util.Objects;

/**
 * The clock of a test loop made by {@link TestLoops}: virtual time that moves only when the loop
 * has nothing else to do (auto-advance) or when told to ({@link #advance}). A one-hour
 * {@code Async.sleep} or timeout then takes as long as the code around it, and runs the same
 * way every time.
 *
 * <p><b>Auto-advance</b> (on by default): when nothing is ready to run, I/O has been polled
 * without waiting and no other thread owes the loop a result (a {@code runInExecutor} or
 * {@code toThread} job, a wrapped {@code CompletableFuture}), the clock jumps to the next timer.
 * While another thread owes a result the loop waits for it in real time, as Tokio does for
 * blocking tasks. A result that another thread will post without the loop's knowledge (a thread
 * of the test's own calling {@code callSoonThreadsafe}) does not hold the clock back.
 *
 * <p><b>Deadlock detection</b>: when nothing can ever wake the loop (no timer, nothing owed, no
 * I/O possible: the {@code core} backend, or nio and epoll with no channel open) while tasks
 * wait, the loop throws {@link LoopDeadlockException} with the task dump instead of hanging.
 *
 * <p>Thread-safe. One clock per loop.
 *
 * @apiNote asyncio: no counterpart (compare Trio's {@code MockClock(autojump_threshold=0)},
 *     Kotlin's {@code runTest} and Tokio's {@code time::pause}).
 */
public final class VirtualClock {
    /** The loop's time; starts at 0. */
    private volatile long now;
    private volatile boolean autoAdvance = true;
    /** Set while {@link TestLoops#runUntilIdle} or {@link TestLoops#advance} runs the loop: stop when idle. */
    private volatile boolean stopWhenIdle;
    /** While {@link TestLoops#advance} runs the loop: move timer by timer up to here first. */
    private volatile boolean advancing;
    private volatile long advanceTarget;
    private volatile LoopProbe loop;
    private final Hook hook = new Hook();

    VirtualClock() {}

    /**
     * The current virtual time in nanoseconds: what {@code loop.time()} returns.
     *
     * @apiNote asyncio: {@code loop.time()}.
     */
    public long nanoTime() {
        return now;
    }

    /**
     * The virtual time since the clock started.
     *
     * @apiNote asyncio: no counterpart.
     */
    public Duration elapsed() {
        return Duration.ofNanos(now);
    }

    /**
     * Any thread: moves the clock forward by {@code delta} at once (timers now due run on the
     * loop's next iteration, all seeing the new time) and wakes the loop. To run everything due
     * on the way in deadline order, use {@link TestLoops#advance} on a stopped loop, or
     * {@code Async.sleep(delta)} inside a task.
     *
     * @throws IllegalArgumentException if {@code delta} is negative
     * @apiNote asyncio: no counterpart (Trio's {@code MockClock.jump}).
     */
    public void advance(Duration delta) {
        Objects.requireNonNull(delta, "delta");
        if (delta.isNegative()) {
            throw new IllegalArgumentException("a clock cannot go back: advance(" + delta + ")");
        }
        moveTo(now + delta.toNanos());
        LoopProbe p = loop;
        if (p != null && p.runningThread() != null && p.runningThread() != Thread.currentThread() && !p.loop().isClosed()) {
            try {
                p.loop().callSoonThreadsafe(() -> {});
            } catch (IllegalStateException closed) {
                // Closed meanwhile: nothing to wake.
            }
        }
    }

    synchronized void moveTo(long time) {
        if (time - now > 0) {
            now = time;
        }
    }

    /**
     * Whether the clock jumps to the next timer when the loop is idle (default true).
     *
     * @apiNote asyncio: no counterpart.
     */
    public boolean isAutoAdvance() {
        return autoAdvance;
    }

    /**
     * Turns auto-advance on or off. Off, virtual time moves only by {@link #advance} and
     * {@link TestLoops#advance}; an idle loop with timers then waits (in real time) for one of them.
     *
     * @apiNote asyncio: no counterpart.
     */
    public void setAutoAdvance(boolean on) {
        autoAdvance = on;
    }

    void bind(LoopProbe probe) {
        if (loop != null) {
            throw new IllegalStateException("this VirtualClock already drives event loop " + loop.loopId());
        }
        loop = probe;
    }

    /** Loop stopped: the next run stops when idle, moving first timer by timer up to {@code target} if {@code advance}. */
    void stopWhenIdle(boolean on, boolean advance, long target) {
        advancing = advance;
        advanceTarget = target;
        stopWhenIdle = on;
    }

    LoopClock hook() {
        return hook;
    }

    @Override
    public String toString() {
        return "VirtualClock[" + Durations.format(now) + (autoAdvance ? ", auto-advance" : "") + "]";
    }

    /** What the loop core calls. */
    final class Hook implements LoopClock {
        VirtualClock owner() {
            return VirtualClock.this;
        }

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public long idle(LoopProbe p, boolean hasTimer, long nextTimer, int owed, boolean mayReceiveIo) {
            if (stopWhenIdle) {
                if (advancing) {
                    if (hasTimer && nextTimer - advanceTarget <= 0) {
                        moveTo(nextTimer);
                        return 0;
                    }
                    moveTo(advanceTarget);
                }
                p.loop().stop();
                return 0;
            }
            if (owed > 0) {
                return IoDriver.FOREVER;
            }
            if (hasTimer) {
                if (autoAdvance) {
                    moveTo(nextTimer);
                    return 0;
                }
                return IoDriver.FOREVER;
            }
            if (!mayReceiveIo && p.liveTasks() > 0) {
                throw new LoopDeadlockException(TaskDump.of(p));
            }
            return IoDriver.FOREVER;
        }
    }
}
