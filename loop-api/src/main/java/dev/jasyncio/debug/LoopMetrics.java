package dev.jasyncio.debug;

import dev.jasyncio.EventLoop;
import dev.jasyncio.internal.debug.LoopProbe;
import java.time.Duration;

/**
 * A live view of one loop's counters: iterations, busy and idle time, ready-queue depth, live
 * tasks. Each call reads the loop now; read from the loop thread the values are exact, from
 * another thread they are a recent sample (the loop does not synchronize to keep them).
 *
 * {@snippet :
 * LoopMetrics m = LoopMetrics.of(loop);
 * double busy = m.busyTime().toNanos() / (double) (m.busyTime().plus(m.idleTime()).toNanos());
 * }
 *
 * @apiNote asyncio: no counterpart (compare Trio's {@code current_statistics()} and Tokio's
 *     {@code RuntimeMetrics}).
 */
public final class LoopMetrics {
    private final LoopProbe probe;

    private LoopMetrics(LoopProbe probe) {
        this.probe = probe;
    }

    /**
     * The metrics of {@code loop}.
     *
     * @apiNote asyncio: no counterpart.
     */
    public static LoopMetrics of(EventLoop loop) {
        return new LoopMetrics(Probes.of(loop));
    }

    /**
     * The loop's name in reports, JMX and JFR: its backend and a number, e.g. {@code nio-2}.
     *
     * @apiNote asyncio: no counterpart.
     */
    public String loopId() {
        return probe.loopId();
    }

    /**
     * Whether the loop is running now.
     *
     * @apiNote asyncio: {@code loop.is_running()}.
     */
    public boolean isRunning() {
        return probe.runningThread() != null;
    }

    /**
     * Iterations run so far, over all runs of the loop.
     *
     * @apiNote asyncio: no counterpart.
     */
    public long iterations() {
        return probe.iterations();
    }

    /**
     * Time spent running callbacks and the loop's own code, over all runs: the time the loop ran
     * minus the time it was blocked waiting for I/O, timers or other threads.
     *
     * @apiNote asyncio: no counterpart.
     */
    public Duration busyTime() {
        return Duration.ofNanos(probe.busyNanos());
    }

    /**
     * Time spent blocked waiting for I/O, timers or other threads, over all runs.
     *
     * @apiNote asyncio: no counterpart.
     */
    public Duration idleTime() {
        return Duration.ofNanos(probe.idleNanos());
    }

    /**
     * Callbacks ready to run now (scheduled, not yet run; the cross-thread inbox not counted).
     *
     * @apiNote asyncio: {@code len(loop._ready)}.
     */
    public int readyQueueDepth() {
        return probe.readyDepth();
    }

    /**
     * Tasks of the loop that are not done.
     *
     * @apiNote asyncio: {@code len(asyncio.all_tasks(loop))}.
     */
    public int liveTasks() {
        return probe.liveTasks();
    }

    /** The counters in one line. */
    @Override
    public String toString() {
        return "LoopMetrics[" + probe.loopId() + (isRunning() ? ", running" : "") + ", iterations=" + iterations()
            + ", busy=" + Durations.format(probe.busyNanos()) + ", idle=" + Durations.format(probe.idleNanos())
            + ", ready=" + readyQueueDepth() + ", tasks=" + liveTasks() + "]";
    }
}
