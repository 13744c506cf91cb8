package dev.jasyncio.debug;

import dev.jasyncio.EventLoop;
import dev.jasyncio.ExceptionContext;
import dev.jasyncio.internal.debug.LoopObserver;
import dev.jasyncio.internal.debug.LoopObservers;
import dev.jasyncio.internal.debug.LoopProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The JVM's one monitor thread, {@code jasyncio-monitor}: the blocked-loop watchdog over every
 * running loop. Installed as the loop core's {@link LoopObserver} when the first loop runs.
 */
final class LoopMonitor implements LoopObserver {
    /*
     * Implementation overview: the watchdog (Vert.x's blocked-thread checker, without a clock
     * read per task).
     *
     * What a loop pays: one plain increment of its iteration counter per iteration, and a
     * System.nanoTime() on each side of a blocking wait in its driver (waitingSince), which
     * costs a park or a system call anyway. No clock read per callback: at ~100 M callbacks/s a
     * nanoTime (~20 ns) would double the cost of one.
     *
     * What the monitor does: it ticks every quarter of the smallest threshold in force (parks
     * without a deadline while nothing is watched) and, per running loop (StallTracker), sees a
     * stall when the counter has not moved since the last tick and the loop is not waiting in
     * its driver. A stall's length is the sum of the tick intervals that saw it, each capped at
     * two periods so that a pause of the monitor itself (a GC, a starved core) is not blamed on
     * the loop: reported lengths are lower bounds, and detection lags by at most one period.
     * Whether one callback or task step took the time, or the iteration as a whole, comes from
     * the loop's running step (its context slot's owner, written per callback anyway): the same
     * object on every tick of the stall means one step.
     *
     * Reports: at the threshold, one stack sample of the thread running the loop's code
     * (Thread.getStackTrace, a handshake with that thread: taken only while it is stuck); at
     * FOLLOW_UP_FACTOR thresholds a follow-up with one sample per tick since, so that a loop
     * stuck in a spin shows where it spins; then nothing until the loop moves again.
     *
     * Delivery: listeners at once, on this thread; the loop's exception handler (loop thread
     * only) through callSoonThreadsafe, so it gets the report as soon as the loop runs again; a
     * follow-up is also logged at once, because a loop that never comes back never delivers.
     *
     * JFR (JfrSupport): the watchdog's reports become BlockedLoop events; a listener on
     * recordings switches the loops' callback timing and task events on and off.
     *
     * JMX: the same ticks (at least one a second while a loop runs) register a LoopMXBean for
     * each running loop and unregister stopped ones, so that a loop never pays for JMX and a loop
     * that runs for less than a tick never appears.
     *
     * Threading: `watched` is written by loop threads (start, stop) and read here; trackers, the
     * report logic and JMX registration run on this thread only.
     */
    private static final System.Logger LOG = System.getLogger("dev.jasyncio.debug");
    static final long DEFAULT_NANOS = Watchdog.DEFAULT_THRESHOLD.toNanos();
    static final long DEBUG_NANOS = Watchdog.DEBUG_THRESHOLD.toNanos();
    /** The longest tick period while a loop runs and JMX is on. */
    private static final long JMX_PERIOD = 1_000_000_000L;

    static final LoopMonitor INSTANCE = new LoopMonitor();

    static {
        JfrSupport.prime();
        LoopObservers.install(INSTANCE);
    }

    private final Map<LoopProbe, StallTracker> watched = new ConcurrentHashMap<>();
    private final List<Consumer<? super BlockedLoopReport>> listeners = new CopyOnWriteArrayList<>();
    private final LoopJmx jmx = new LoopJmx();
    private final boolean enabledByDefault;
    /** From -Djasyncio.watchdog.threshold, or 0 when unset. */
    private final long propertyNanos;
    private volatile Thread thread;
    /** The tick period in force; 0 while the thread parks without a deadline. */
    private volatile long period;

    private LoopMonitor() {
        enabledByDefault = !"false".equalsIgnoreCase(System.getProperty(Watchdog.ENABLED_PROPERTY, "true").trim());
        propertyNanos = thresholdProperty();
    }

    private static long thresholdProperty() {
        String text = System.getProperty(Watchdog.THRESHOLD_PROPERTY);
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            Duration d = Durations.parse(Watchdog.THRESHOLD_PROPERTY, text);
            if (d.isPositive()) {
                return d.toNanos();
            }
            LOG.log(System.Logger.Level.WARNING, "-D" + Watchdog.THRESHOLD_PROPERTY + "=" + text
                + " is not positive: using the default watchdog threshold");
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, e.getMessage() + "; using the default watchdog threshold");
        }
        return 0;
    }

    // ---- LoopObserver, on loop threads

    @Override
    public void loopStarted(LoopProbe loop) {
        watched.put(loop, new StallTracker(loop));
        long threshold = thresholdNanos(loop);
        long wanted = threshold > 0 ? threshold / 4 : jmx.enabled() ? JMX_PERIOD : 0;
        long p = period;
        if (wanted > 0 && (p == 0 || wanted < p)) {
            wake();
        }
    }

    @Override
    public void loopStopped(LoopProbe loop) {
        watched.remove(loop);
        if (jmx.isRegistered(loop)) {
            wake();
        }
    }

    @Override
    public String dumpTasks(LoopProbe loop, boolean json) {
        TaskDump d = TaskDump.of(loop);
        return json ? d.toJson() : d.toText();
    }

    // ---- settings, any thread

    /** The threshold of {@code loop} in nanoseconds, or a negative number when it is not watched. */
    long thresholdNanos(LoopProbe loop) {
        long set = loop.watchdogThresholdNanos();
        if (set != 0) {
            return set;
        }
        if (!enabledByDefault) {
            return -1;
        }
        if (propertyNanos > 0) {
            return propertyNanos;
        }
        return loop.debugMode() ? DEBUG_NANOS : DEFAULT_NANOS;
    }

    void addListener(Consumer<? super BlockedLoopReport> listener) {
        listeners.add(listener);
    }

    boolean removeListener(Consumer<? super BlockedLoopReport> listener) {
        return listeners.remove(listener);
    }

    /** Makes the monitor re-read the thresholds now (starting its thread if needed). */
    void wake() {
        Thread t = thread;
        if (t == null) {
            start();
        } else {
            LockSupport.unpark(t);
        }
    }

    private synchronized void start() {
        if (thread == null) {
            thread = Thread.ofPlatform().daemon().name("jasyncio-monitor").start(this::run);
        }
    }

    // ---- the monitor thread

    private void run() {
        JfrSupport.install(() -> List.copyOf(watched.keySet()));
        while (true) {
            long p = nextPeriod();
            period = p;
            if (p == 0) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, p);
            }
            tick(System.nanoTime(), Math.max(p, 1));
        }
    }

    /**
     * A quarter of the smallest threshold in force, at least 1 ms, at most JMX_PERIOD while
     * JMX needs ticks; 0 when nothing needs them.
     */
    private long nextPeriod() {
        long min = jmx.enabled() && !watched.isEmpty() ? 4 * JMX_PERIOD : Long.MAX_VALUE;
        for (LoopProbe p : watched.keySet()) {
            long t = thresholdNanos(p);
            if (t > 0) {
                min = Math.min(min, t);
            }
        }
        return min == Long.MAX_VALUE ? 0 : Math.max(1_000_000L, min / 4);
    }

    private void tick(long now, long p) {
        for (StallTracker t : watched.values()) {
            try {
                BlockedLoopReport r = t.tick(now, p, thresholdNanos(t.probe));
                if (r != null) {
                    deliver(r);
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, "the watchdog failed on loop " + t.probe.loopId(), e);
            }
        }
        jmx.sync(watched.keySet());
    }

    private void deliver(BlockedLoopReport r) {
        for (Consumer<? super BlockedLoopReport> l : listeners) {
            try {
                l.accept(r);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a watchdog listener failed: " + l, e);
            }
        }
        if (r.isFollowUp()) {
            LOG.log(System.Logger.Level.WARNING, r.details()
                + "\n(the loop's exception handler gets this report once the loop runs again)");
        }
        JfrSupport.blockedLoop(r);
        EventLoop loop = r.loop();
        ExceptionContext context = ExceptionContext.of(r.summary(), new LoopBlockedException(r)).with(Watchdog.REPORT_KEY, r);
        if (r.task() != null) {
            context = context.with(ExceptionContext.TASK, r.task());
        } else if (r.handle() != null) {
            context = context.with(ExceptionContext.HANDLE, r.handle());
        }
        ExceptionContext report = context;
        try {
            loop.callSoonThreadsafe(() -> loop.callExceptionHandler(report));
        } catch (IllegalStateException closed) {
            // The loop was closed meanwhile: nobody is left to tell but the listeners.
        }
    }
}
