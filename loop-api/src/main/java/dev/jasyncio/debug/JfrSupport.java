package dev.jasyncio.debug;

import dev.jasyncio.internal.debug.LoopProbe;
import dev.jasyncio.internal.jfr.BlockedLoopEvent;
import dev.jasyncio.internal.jfr.JfrHooks;
import dev.jasyncio.internal.jfr.JfrSwitches;
import dev.jasyncio.internal.jfr.LoopStatisticsEvent;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;

/**
 * Connects the loops to JFR: follows recordings (a {@link FlightRecorderListener}) and sets
 * {@link JfrSwitches} (and the timing switch of each running loop) while a recording enables
 * slow-callback, slow-step or task events, emits
 * the watchdog's BlockedLoop events and the periodic LoopStatistics. Installed by the monitor
 * thread when it starts; a runtime without {@code jdk.jfr} leaves every switch off.
 */
final class JfrSupport {
    private static final System.Logger LOG = System.getLogger("dev.jasyncio.debug");

    private static volatile boolean available;
    private static boolean periodicRegistered;

    private JfrSupport() {}

    /** On the monitor thread, once. {@code running} gives the running loops. */
    static void install(Supplier<Collection<LoopProbe>> running) {
        try {
            FlightRecorder.addListener(new FlightRecorderListener() {
                @Override
                public void recorderInitialized(FlightRecorder recorder) {
                    registerPeriodic(running);
                }

                @Override
                public void recordingStateChanged(Recording recording) {
                    refresh(running.get());
                }
            });
            available = true;
            if (FlightRecorder.isInitialized()) {
                registerPeriodic(running);
            }
            refresh(running.get());
        } catch (LinkageError | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "JFR is not available; the dev.jasyncio events are off", e);
        }
    }

    /**
     * With the first loop: if a recording already runs, sets the switches now, before the
     * monitor thread (which installs the listener) is up and the first tasks are made.
     */
    static void prime() {
        try {
            if (FlightRecorder.isInitialized()) {
                JfrSwitches.taskEvents = JfrHooks.taskEventsWanted();
                JfrSwitches.timing = JfrHooks.timingWanted();
            }
        } catch (LinkageError | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "JFR is not available; the dev.jasyncio events are off", e);
        }
    }

    /** Whether the listener is in place (tests wait for it). */
    static boolean installed() {
        return available;
    }

    /** Recordings changed: new wishes for loops that start (JfrSwitches) and for those running. */
    private static void refresh(Collection<LoopProbe> loops) {
        boolean timing = JfrHooks.timingWanted();
        JfrSwitches.taskEvents = JfrHooks.taskEventsWanted();
        JfrSwitches.timing = timing;
        for (LoopProbe p : loops) {
            p.setJfrTiming(timing);
        }
    }

    private static synchronized void registerPeriodic(Supplier<Collection<LoopProbe>> running) {
        if (periodicRegistered) {
            return;
        }
        periodicRegistered = true;
        Statistics stats = new Statistics(running);
        FlightRecorder.addPeriodicEvent(LoopStatisticsEvent.class, stats::emit);
    }

    /** On the monitor thread: the report as a BlockedLoop event, if a recording wants it. */
    static void blockedLoop(BlockedLoopReport r) {
        if (!available) {
            return;
        }
        BlockedLoopEvent e = new BlockedLoopEvent();
        if (!e.shouldCommit()) {
            return;
        }
        e.loop = r.loopId();
        e.kind = r.kind().name();
        e.blockedFor = r.blockedFor().toNanos();
        e.step = r.kind() == BlockedLoopReport.Kind.ITERATION ? null : r.summary().replaceFirst("^.*? by ", "").replaceFirst(" \\(watchdog.*$", "");
        e.followUp = r.isFollowUp();
        StringBuilder sb = new StringBuilder();
        for (StackTraceElement f : r.stack()) {
            sb.append(f).append('\n');
        }
        e.loopStack = sb.toString();
        e.commit();
    }

    /** The periodic LoopStatistics: per running loop, the change since the last period. */
    private static final class Statistics {
        private final Supplier<Collection<LoopProbe>> running;
        /** Per loop: iterations, busy and idle nanoseconds at the last period. */
        private final Map<LoopProbe, long[]> last = new ConcurrentHashMap<>();

        Statistics(Supplier<Collection<LoopProbe>> running) {
            this.running = running;
        }

        void emit() {
            Collection<LoopProbe> loops = running.get();
            last.keySet().retainAll(loops);
            for (LoopProbe p : loops) {
                long[] now = {p.iterations(), p.busyNanos(), p.idleNanos()};
                long[] before = last.put(p, now);
                if (before == null) {
                    before = new long[3];
                }
                LoopStatisticsEvent e = new LoopStatisticsEvent();
                e.loop = p.loopId();
                e.iterations = now[0] - before[0];
                e.busy = now[1] - before[1];
                e.idle = now[2] - before[2];
                long total = e.busy + e.idle;
                e.busyRatio = total > 0 ? (double) e.busy / total : 0;
                e.readyQueue = p.readyDepth();
                e.liveTasks = p.liveTasks();
                e.commit();
            }
        }
    }
}
