package dev.jasyncio.debug;

import dev.jasyncio.Handle;
import dev.jasyncio.Task;
import dev.jasyncio.internal.debug.LoopProbe;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The watchdog's view of one running loop, advanced by each tick of the monitor thread (see
 * {@link LoopMonitor}). Monitor thread only.
 */
final class StallTracker {
    /** A follow-up report comes when a stall reaches this many thresholds. */
    static final int FOLLOW_UP_FACTOR = 5;
    /** Samples kept for the follow-up report. */
    private static final int MAX_SAMPLES = 64;
    /** The step before the first tick of a stall: any step then counts as the stall's own. */
    private static final Object UNSEEN = new Object();

    final LoopProbe probe;
    private long iteration = -1;
    private Object step = UNSEEN;
    private boolean oneStep;
    private long stalledNanos;
    private long lastTick;
    private int reportsMade;
    private final List<StackTraceElement[]> samples = new ArrayList<>();
    /** Length of the last stall that was reported, once it has ended; 0 when taken. */
    private long endedStallNanos;

    StallTracker(LoopProbe probe) {
        this.probe = probe;
    }

    /**
     * One tick at {@code now}; {@code period} is the tick interval asked for and
     * {@code thresholdNanos} the loop's threshold (not positive: off).
     *
     * @return a report to deliver, or null
     */
    BlockedLoopReport tick(long now, long period, long thresholdNanos) {
        long it = probe.iterations();
        Object s = probe.runningStep();
        if (thresholdNanos <= 0 || probe.runningThread() == null || probe.waitingSince() != 0 || it != iteration) {
            restart(it, now);
            return null;
        }
        // Cap each interval: a pause of this thread (GC, a starved core) is not the loop's fault.
        stalledNanos += Math.min(now - lastTick, 2 * period);
        lastTick = now;
        if (step == UNSEEN) {
            step = s;
        } else if (s != step) {
            oneStep = false;
        }
        if (stalledNanos < thresholdNanos || reportsMade >= 2) {
            return null;
        }
        Thread sampled = probe.stepThread();
        if (sampled == null) {
            return null;
        }
        if (samples.size() < MAX_SAMPLES) {
            samples.add(sampled.getStackTrace());
        }
        boolean followUp = reportsMade == 1;
        if (followUp && stalledNanos < FOLLOW_UP_FACTOR * thresholdNanos) {
            return null;
        }
        reportsMade++;
        List<StackTraceElement[]> shown = followUp ? samples : Collections.singletonList(samples.get(samples.size() - 1));
        return new BlockedLoopReport(probe.loop(), probe.loopId(), kind(), stalledNanos, thresholdNanos, step,
            sampled.getName(), shown, followUp);
    }

    private BlockedLoopReport.Kind kind() {
        if (!oneStep || step == null) {
            return BlockedLoopReport.Kind.ITERATION;
        }
        if (step instanceof Task<?>) {
            return BlockedLoopReport.Kind.TASK_STEP;
        }
        return step instanceof Handle ? BlockedLoopReport.Kind.CALLBACK : BlockedLoopReport.Kind.ITERATION;
    }

    /** The loop moved on (or waits, or stopped): a new stall may start at iteration {@code it}. */
    void restart(long it, long now) {
        if (reportsMade > 0) {
            endedStallNanos = stalledNanos;
        }
        iteration = it;
        step = UNSEEN;
        oneStep = true;
        stalledNanos = 0;
        lastTick = now;
        reportsMade = 0;
        samples.clear();
    }

    /** The length of a reported stall that has ended since the last call, or 0. */
    long takeEndedStall() {
        long n = endedStallNanos;
        endedStallNanos = 0;
        return n;
    }
}
