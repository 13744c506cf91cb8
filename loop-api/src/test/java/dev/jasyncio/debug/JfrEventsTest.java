package dev.jasyncio.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.LoopFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The dev.jasyncio JFR events: emitted while a recording enables them, with the loop's names and times. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JfrEventsTest {

    @BeforeAll
    static void monitorListensToRecordings() throws InterruptedException {
        try (EventLoop loop = LoopFactory.byName("core").newEventLoop()) {
            loop.callSoon(loop::stop);
            loop.runForever();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!JfrSupport.installed() && System.nanoTime() - deadline < 0) {
            Thread.sleep(10);
        }
        assertTrue(JfrSupport.installed(), "the monitor never installed its JFR listener");
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

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).toList();
    }

    @Test
    void slowCallbacksAndTaskStepsAreTimedWhileARecordingAsksForThem() throws Exception {
        try (Recording r = new Recording(); EventLoop loop = LoopFactory.byName("core").newEventLoop()) {
            r.enable("dev.jasyncio.SlowCallback").withThreshold(Duration.ofMillis(10));
            r.enable("dev.jasyncio.SlowTaskStep").withThreshold(Duration.ofMillis(10));
            String loopId = LoopMetrics.of(loop).loopId();
            List<RecordedEvent> events = record(r, () -> {
                loop.callSoon(() -> Blocking.deliberatelyBlock(30));
                loop.callSoon(() -> {});
                loop.runUntilComplete(loop.createTask(() -> {
                    Blocking.deliberatelyBlock(30);
                    Async.sleep(Duration.ZERO);
                    return null;
                }, "slow-stepper"));
            });
            List<RecordedEvent> callbacks = named(events, "dev.jasyncio.SlowCallback");
            List<RecordedEvent> steps = named(events, "dev.jasyncio.SlowTaskStep");
            assertEquals(1, callbacks.size(), () -> "one slow callback (not the quick one, not the task step): " + events);
            assertEquals(loopId, callbacks.get(0).getString("loop"));
            assertTrue(callbacks.get(0).getDuration().compareTo(Duration.ofMillis(30)) >= 0);
            assertEquals(1, steps.size(), () -> "one slow step: " + events);
            assertEquals("slow-stepper", steps.get(0).getString("task"));
            assertTrue(steps.get(0).getDuration().compareTo(Duration.ofMillis(30)) >= 0);
        }
    }

    @Test
    void taskEventsAreOffByDefaultAndOnWhenEnabled() throws Exception {
        try (EventLoop loop = LoopFactory.byName("core").newEventLoop()) {
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
                List<RecordedEvent> created = named(events, "dev.jasyncio.TaskCreated");
                assertEquals(List.of("parent", "child"), created.stream().map(e -> e.getString("task")).toList());
                assertEquals("parent", created.get(1).getString("parent"));
                assertFalse(created.get(1).getStackTrace().getFrames().isEmpty(), "the creation stack is recorded");
                assertEquals(List.of("child:error", "parent:value"), named(events, "dev.jasyncio.TaskFinished").stream()
                    .map(e -> e.getString("task") + ":" + e.getString("outcome")).toList());
            }
        }
    }

    @Test
    void theWatchdogsReportsAndThePeriodicStatisticsAreRecorded() throws Exception {
        try (Recording r = new Recording(); EventLoop loop = LoopFactory.byName("core").newEventLoop()) {
            r.enable("dev.jasyncio.BlockedLoop");
            r.enable("dev.jasyncio.LoopStatistics").withPeriod(Duration.ofMillis(50));
            loop.setExceptionHandler((l, c) -> {});
            Watchdog.setThreshold(loop, Duration.ofMillis(40));
            String loopId = LoopMetrics.of(loop).loopId();
            List<RecordedEvent> events = record(r, () -> {
                loop.callSoon(() -> Blocking.deliberatelyBlock(150));
                loop.callLater(Duration.ofMillis(300), loop::stop);
                loop.runForever();
            });
            List<RecordedEvent> blocked = named(events, "dev.jasyncio.BlockedLoop");
            assertFalse(blocked.isEmpty(), () -> "no BlockedLoop event: " + events);
            RecordedEvent b = blocked.get(0);
            assertEquals(loopId, b.getString("loop"));
            assertEquals("CALLBACK", b.getString("kind"));
            assertTrue(b.getDuration("blockedFor").compareTo(Duration.ofMillis(40)) >= 0);
            assertTrue(b.getString("loopStack").contains("deliberatelyBlock"), b.getString("loopStack"));
            List<RecordedEvent> stats = named(events, "dev.jasyncio.LoopStatistics").stream()
                .filter(e -> loopId.equals(e.getString("loop"))).toList();
            assertFalse(stats.isEmpty(), () -> "no LoopStatistics for " + loopId + ": " + events);
            assertTrue(stats.stream().mapToLong(e -> e.getLong("iterations")).sum() >= 2, stats::toString);
        }
    }
}
