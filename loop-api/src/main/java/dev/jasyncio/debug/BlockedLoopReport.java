package dev.jasyncio.debug;

import dev.jasyncio.EventLoop;
import dev.jasyncio.Handle;
import dev.jasyncio.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the {@link Watchdog} saw when a loop stayed in one iteration longer than its threshold:
 * for how long, running what, and where: stack samples of the thread running the loop's code,
 * taken while it was stuck.
 *
 * <p>Immutable; made on the watchdog's thread.
 *
 * @apiNote asyncio: no counterpart. asyncio logs {@code Executing <Handle …> took 1.2 seconds}
 *     in debug mode only, after the callback returned, and without saying where it was stuck
 *     (cpython#101946, uvloop#656).
 */
public final class BlockedLoopReport {
    /** Stacks printed by a follow-up report, most frequent first. */
    private static final int MAX_STACKS_SHOWN = 4;

    /** What kept the loop busy. */
    public enum Kind {
        /** One plain callback (or done callback) ran the whole time. */
        CALLBACK,
        /** One step of one task ran the whole time: its code between two awaits. */
        TASK_STEP,
        /** Several callbacks or steps of one iteration, or the loop's own code, took the time together. */
        ITERATION
    }

    private final EventLoop loop;
    private final String loopId;
    private final Kind kind;
    private final long blockedNanos;
    private final long thresholdNanos;
    private final Object step;
    private final String threadName;
    private final List<StackTraceElement[]> samples;
    private final boolean followUp;

    BlockedLoopReport(EventLoop loop, String loopId, Kind kind, long blockedNanos, long thresholdNanos, Object step,
            String threadName, List<StackTraceElement[]> samples, boolean followUp) {
        this.loop = loop;
        this.loopId = loopId;
        this.kind = kind;
        this.blockedNanos = blockedNanos;
        this.thresholdNanos = thresholdNanos;
        this.step = step;
        this.threadName = threadName;
        this.samples = List.copyOf(samples);
        this.followUp = followUp;
    }

    /**
     * The loop that was blocked.
     *
     * @apiNote asyncio: no counterpart.
     */
    public EventLoop loop() {
        return loop;
    }

    /**
     * The loop's name in reports, JMX and JFR: its backend and a number, e.g. {@code core-3}.
     *
     * @apiNote asyncio: no counterpart.
     */
    public String loopId() {
        return loopId;
    }

    /**
     * Whether one callback, one task step, or a whole iteration took the time.
     *
     * @apiNote asyncio: no counterpart.
     */
    public Kind kind() {
        return kind;
    }

    /**
     * How long the loop had been blocked when the report was made: a lower bound, since the
     * watchdog counts only the time it watched.
     *
     * @apiNote asyncio: no counterpart.
     */
    public Duration blockedFor() {
        return Duration.ofNanos(blockedNanos);
    }

    /**
     * The threshold in force for the loop.
     *
     * @apiNote asyncio: no counterpart; compare {@code loop.slow_callback_duration}.
     */
    public Duration threshold() {
        return Duration.ofNanos(thresholdNanos);
    }

    /**
     * The task whose step blocked the loop ({@link Kind#TASK_STEP}), else null.
     *
     * @apiNote asyncio: no counterpart.
     */
    public Task<?> task() {
        return kind == Kind.TASK_STEP && step instanceof Task<?> t ? t : null;
    }

    /**
     * The callback's handle that blocked the loop ({@link Kind#CALLBACK}), else null.
     *
     * @apiNote asyncio: no counterpart.
     */
    public Handle handle() {
        return kind == Kind.CALLBACK && step instanceof Handle h ? h : null;
    }

    /**
     * The name of the sampled thread: the loop thread, or a task's own thread under the
     * hand-off engine.
     *
     * @apiNote asyncio: no counterpart.
     */
    public String threadName() {
        return threadName;
    }

    /**
     * The latest stack sample: where the loop was when the report was made.
     *
     * @apiNote asyncio: no counterpart.
     */
    public StackTraceElement[] stack() {
        return samples.isEmpty() ? new StackTraceElement[0] : samples.get(samples.size() - 1).clone();
    }

    /**
     * Every stack sample taken while the loop was blocked, oldest first (one for a first
     * report, one per watchdog tick for a follow-up).
     *
     * @apiNote asyncio: no counterpart.
     */
    public List<StackTraceElement[]> samples() {
        List<StackTraceElement[]> copy = new ArrayList<>(samples.size());
        for (StackTraceElement[] s : samples) {
            copy.add(s.clone());
        }
        return copy;
    }

    /**
     * Whether this is the longer, second report about the same stall (made when the loop stays
     * blocked for five times the threshold).
     *
     * @apiNote asyncio: no counterpart.
     */
    public boolean isFollowUp() {
        return followUp;
    }

    /**
     * One line: the loop, how long, and what blocked it.
     *
     * @apiNote asyncio: no counterpart.
     */
    public String summary() {
        String what = switch (kind) {
            case CALLBACK -> "by the callback " + step;
            case TASK_STEP -> "by a step of " + step;
            case ITERATION -> "in one iteration (several callbacks or the loop's own code)";
        };
        return "Event loop " + loopId + (followUp ? " is still blocked after " : " was blocked for at least ")
            + Durations.format(blockedNanos) + " " + what + " (watchdog threshold " + Durations.format(thresholdNanos)
            + ", thread " + threadName + ")";
    }

    /**
     * The summary, then the latest stack; for a follow-up, the distinct stacks sampled, most
     * frequent first.
     *
     * @apiNote asyncio: no counterpart.
     */
    public String details() {
        StringBuilder sb = new StringBuilder(summary());
        if (!followUp) {
            appendStack(sb, stack());
            return sb.toString();
        }
        Map<List<StackTraceElement>, Integer> counts = new LinkedHashMap<>();
        for (StackTraceElement[] s : samples) {
            counts.merge(Arrays.asList(s), 1, Integer::sum);
        }
        List<Map.Entry<List<StackTraceElement>, Integer>> byCount = new ArrayList<>(counts.entrySet());
        byCount.sort((a, b) -> b.getValue() - a.getValue());
        sb.append("\n").append(samples.size()).append(" samples, ").append(counts.size()).append(" distinct stacks");
        for (int i = 0; i < Math.min(MAX_STACKS_SHOWN, byCount.size()); i++) {
            Map.Entry<List<StackTraceElement>, Integer> e = byCount.get(i);
            sb.append("\n").append(e.getValue()).append(" of ").append(samples.size()).append(" samples:");
            appendStack(sb, e.getKey().toArray(new StackTraceElement[0]));
        }
        return sb.toString();
    }

    /** The summary (see {@link #details()} for the stacks). */
    @Override
    public String toString() {
        return summary();
    }

    private static void appendStack(StringBuilder sb, StackTraceElement[] stack) {
        for (StackTraceElement e : stack) {
            sb.append("\n\tat ").append(e);
        }
    }
}
