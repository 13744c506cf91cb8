package dev.jasyncio.debug;

import dev.jasyncio.EventLoop;
import dev.jasyncio.internal.debug.LoopProbe;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The blocked-loop watchdog: notices when a loop stays in one iteration (one callback, one task
 * step, or many of them) longer than a threshold, and reports it with the stack of the loop's
 * thread sampled while it was stuck, then again, with every sample taken since, if it is still
 * stuck at five times the threshold.
 *
 * <p>On by default for every loop, and cheap: a loop writes one counter per iteration, and one
 * daemon thread per JVM ({@code jasyncio-monitor}) samples the counters of the running loops.
 * The threshold is 1 s (100 ms in debug mode), or {@code -Djasyncio.watchdog.threshold} (e.g.
 * {@code 250ms}, {@code 2s}), or per loop {@link #setThreshold}. {@code -Djasyncio.watchdog=false}
 * turns it off for every loop that has no threshold of its own.
 *
 * <p>Reports go to the loop's exception handler, under {@link #REPORT_KEY} with a
 * {@link LoopBlockedException} whose stack trace is the sampled stack. The handler runs on the
 * loop thread, so it gets a report once the loop runs again; a follow-up report is also logged
 * at once ({@code System.Logger} {@code dev.jasyncio.debug}, WARNING), because a loop that stays
 * stuck never gets there. {@link #addListener listeners} get every report at once, on the
 * watchdog's thread.
 *
 * <p>All methods are thread-safe.
 *
 * @apiNote asyncio: no counterpart. asyncio logs slow callbacks only in debug mode, after they
 *     return, naming a handle rather than the blocking code (cpython#101946, uvloop#656).
 */
public final class Watchdog {
    /** System property: {@code false} turns the watchdog off for loops without a threshold of their own. */
    public static final String ENABLED_PROPERTY = "jasyncio.watchdog";
    /** System property: the default threshold, e.g. {@code 500ms}, {@code 2s}, {@code PT1S}, or milliseconds. */
    public static final String THRESHOLD_PROPERTY = "jasyncio.watchdog.threshold";
    /** The key of the {@link BlockedLoopReport} in the exception handler's context. */
    public static final String REPORT_KEY = "blocked_loop";
    /** The threshold without the property, outside debug mode. */
    public static final Duration DEFAULT_THRESHOLD = Duration.ofSeconds(1);
    /** The threshold without the property, in debug mode. */
    public static final Duration DEBUG_THRESHOLD = Duration.ofMillis(100);

    private Watchdog() {}

    /**
     * Watches {@code loop} with its own {@code threshold} ({@code null}: the default again), whether
     * or not the watchdog is on by default. Takes effect within one watchdog tick.
     *
     * @throws IllegalArgumentException if {@code threshold} is not positive
     * @apiNote asyncio: no counterpart; compare {@code loop.slow_callback_duration}.
     */
    public static void setThreshold(EventLoop loop, Duration threshold) {
        LoopProbe p = Probes.of(loop);
        if (threshold != null && !threshold.isPositive()) {
            throw new IllegalArgumentException("watchdog threshold must be positive, got " + threshold
                + ": use Watchdog.disable(loop) to turn it off");
        }
        p.setWatchdogThresholdNanos(threshold == null ? 0 : saturatedNanos(threshold));
        LoopMonitor.INSTANCE.wake();
    }

    /**
     * Stops watching {@code loop} (until {@link #setThreshold} is called for it).
     *
     * @apiNote asyncio: no counterpart.
     */
    public static void disable(EventLoop loop) {
        Probes.of(loop).setWatchdogThresholdNanos(-1);
    }

    /**
     * The threshold in force for {@code loop} (it follows debug mode unless set), or null when it
     * is not watched.
     *
     * @apiNote asyncio: no counterpart.
     */
    public static Duration threshold(EventLoop loop) {
        long n = LoopMonitor.INSTANCE.thresholdNanos(Probes.of(loop));
        return n > 0 ? Duration.ofNanos(n) : null;
    }

    /**
     * Calls {@code listener} with every report, of every loop, on the watchdog's thread, as soon
     * as it is made. The listener must be thread-safe and quick, and must not wait for a loop.
     *
     * @apiNote asyncio: no counterpart.
     */
    public static void addListener(Consumer<? super BlockedLoopReport> listener) {
        LoopMonitor.INSTANCE.addListener(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Removes a listener added by {@link #addListener}.
     *
     * @return whether it was registered
     * @apiNote asyncio: no counterpart.
     */
    public static boolean removeListener(Consumer<? super BlockedLoopReport> listener) {
        return LoopMonitor.INSTANCE.removeListener(listener);
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE / 8;
        }
    }
}
