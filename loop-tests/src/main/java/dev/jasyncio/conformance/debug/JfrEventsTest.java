package dev.jasyncio.conformance.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.debug.BlockedLoopReport;
import dev.jasyncio.debug.LoopMetrics;
import dev.jasyncio.debug.Watchdog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dev.jasyncio JFR events on every backend: emitted while a recording enables them, with the loop's names and times. */
@Conformance
class JfrEventsTest {
    /** How long the slow callback and step block; well over the 10 ms threshold the recordings ask for. */
    private static final long SLOW_MILLIS = 60;

    /**
     * The monitor thread starts following recordings when it first runs: until then a new
     * recording goes unnoticed. Waits for it by recording a task until the recording sees it.
     */
    @BeforeAll
    static void monitorFollowsRecordings() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        do {
            try (Recording r = new Recording(); EventLoop probe = LoopFactory.byName("core").newEventLoop()) {
                r.enable("dev.jasyncio.TaskCreated");
                if (!record(r, () -> probe.runUntilComplete(probe.createTask(() -> 1, "probe"))).isEmpty()) {
                    return;
                }
            }
            Thread.sleep(20);
        } while (System.nanoTime() - deadline < 0);
        fail("the monitor never started following JFR recordings");
    }

    private static List<RecordedEvent> record(Recording r, Runnable work) throws Exception {
        r.start();
        try {
            work.run();
        } finally {
            r.stop();
        }
        Path file = Files.createTempFile("jasyncio", ".jfr");
        try {
            r.dump(file);
            return RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().startsWith("dev.jasyncio.")).toList();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * The events called {@code name} of the loop {@code loopId}, oldest first (a recording file
     * orders them by the thread that wrote them, and a hand-off task's events come from its own).
     */
    private static List<RecordedEvent> named(List<RecordedEvent> events, String name, String loopId) {
        return events.stream()
            .filter(e -> e.getEventType().getName().equals(name) && loopId.equals(e.getString("loop")))
            .sorted(Comparator.comparing(RecordedEvent::getStartTime))
            .toList();
    }

    private static boolean atLeast(RecordedEvent e, long millis) {
        return e.getDuration().compareTo(Duration.ofMillis(millis)) >= 0;
    }

    /** A callback that names itself in the events. */
    private static Runnable named(String name, Runnable body) {
        return new Runnable() {
            @Override
            public void run() {
                body.run();
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    @Test
    void slowCallbacksAndTaskStepsAreTimedWhileARecordingAsksForThem(EventLoop loop) throws Exception {
        try (Recording r = new Recording()) {
            r.enable("dev.jasyncio.SlowCallback").withThreshold(Duration.ofMillis(10));
            r.enable("dev.jasyncio.SlowTaskStep").withThreshold(Duration.ofMillis(10));
            String loopId = LoopMetrics.of(loop).loopId();
            List<RecordedEvent> events = record(r, () -> {
                loop.callSoon(named("slow-callback", () -> Blocking.deliberatelyBlock(SLOW_MILLIS)));
                loop.callSoon(named("quick-callback", () -> {}));
                loop.runUntilComplete(loop.createTask(() -> {
                    Blocking.deliberatelyBlock(SLOW_MILLIS);
                    Async.sleep(Duration.ZERO);
                    return null;
                }, "slow-stepper"));
            });
            List<RecordedEvent> callbacks = named(events, "dev.jasyncio.SlowCallback", loopId);
            List<RecordedEvent> steps = named(events, "dev.jasyncio.SlowTaskStep", loopId);
            // Only the slow ones: not the quick callback, and the task's step is not also a callback.
            assertEquals(List.of("Handle[slow-callback]"), callbacks.stream().filter(e -> atLeast(e, SLOW_MILLIS))
                .map(e -> e.getString("callback")).toList(), events::toString);
            assertTrue(callbacks.stream().noneMatch(e -> e.getString("callback").contains("quick")), events::toString);
            assertEquals(List.of("slow-stepper"), steps.stream().filter(e -> atLeast(e, SLOW_MILLIS))
                .map(e -> e.getString("task")).toList(), events::toString);
        }
    }

    @Test
    void taskEventsAreOffByDefaultAndOnWhenEnabled(EventLoop loop) throws Exception {
        String loopId = LoopMetrics.of(loop).loopId();
        try (Recording plain = new Recording()) {
            List<RecordedEvent> none = record(plain, () -> loop.runUntilComplete(loop.createTask(() -> 1, "quiet")));
            assertEquals(List.of(), none);
        }
        try (Recording r = new Recording()) {
            r.enable("dev.jasyncio.TaskCreated");
            r.enable("dev.jasyncio.TaskFinished");
            List<RecordedEvent> events = record(r, () -> loop.runUntilComplete(loop.createTask(() -> {
                Async.createTask(() -> {
                    throw new IllegalStateException("expected");
                }, "child").addDoneCallback(f -> f.exception());
                Async.sleep(Duration.ZERO);
                Async.sleep(Duration.ZERO);
                return 1;
            }, "parent")));
            List<RecordedEvent> created = named(events, "dev.jasyncio.TaskCreated", loopId);
            assertEquals(List.of("parent", "child"), created.stream().map(e -> e.getString("task")).toList());
            assertEquals("parent", created.get(1).getString("parent"));
            assertFalse(created.get(1).getStackTrace().getFrames().isEmpty(), "the creation stack is recorded");
            assertEquals(List.of("child:error", "parent:value"), named(events, "dev.jasyncio.TaskFinished", loopId).stream()
                .map(e -> e.getString("task") + ":" + e.getString("outcome")).toList());
        }
    }

    @Test
    void theWatchdogsReportsAndThePeriodicStatisticsAreRecorded(EventLoop loop) throws Exception {
        Queue<BlockedLoopReport> heard = new ConcurrentLinkedQueue<>();
        Consumer<BlockedLoopReport> listener = rep -> {
            if (rep.loop() == loop) {
                heard.add(rep);
            }
        };
        Duration threshold = Duration.ofMillis(150);
        Watchdog.addListener(listener);
        try (Recording r = new Recording()) {
            r.enable("dev.jasyncio.BlockedLoop");
            r.enable("dev.jasyncio.LoopStatistics").withPeriod(Duration.ofMillis(50));
            loop.setExceptionHandler((l, c) -> {});
            Watchdog.setThreshold(loop, threshold);
            String loopId = LoopMetrics.of(loop).loopId();
            long[] unblockedAt = {0};
            List<RecordedEvent> events = record(r, () -> {
                loop.callSoon(() -> {
                    Blocking.deliberatelyBlockUntil(() -> !heard.isEmpty());
                    unblockedAt[0] = System.nanoTime();
                });
                // Then a while of ticking, for the periodic statistics of a running loop.
                long ticking = Duration.ofMillis(400).toNanos();
                Blocking.runUntil(loop, () -> unblockedAt[0] != 0 && System.nanoTime() - unblockedAt[0] > ticking,
                    Blocking.MAX_BLOCK.multipliedBy(2));
            });
            List<RecordedEvent> blocked = named(events, "dev.jasyncio.BlockedLoop", loopId);
            assertFalse(blocked.isEmpty(), () -> "no BlockedLoop event: " + events);
            RecordedEvent b = blocked.get(0);
            assertEquals("CALLBACK", b.getString("kind"));
            assertTrue(b.getDuration("blockedFor").compareTo(threshold) >= 0);
            assertTrue(b.getString("loopStack").contains("deliberatelyBlockUntil"), b.getString("loopStack"));
            List<RecordedEvent> stats = named(events, "dev.jasyncio.LoopStatistics", loopId);
            assertFalse(stats.isEmpty(), () -> "no LoopStatistics for " + loopId + ": " + events);
            assertTrue(stats.stream().mapToLong(e -> e.getLong("iterations")).sum() >= 2, stats::toString);
        } finally {
            Watchdog.removeListener(listener);
        }
    }
}
