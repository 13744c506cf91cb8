package dev.jasyncio.debug;

import static dev.jasyncio.debug.Blocking.deliberatelyBlock;
import static dev.jasyncio.debug.Blocking.hasFrame;
import static dev.jasyncio.debug.Blocking.runUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.EventLoop;
import dev.jasyncio.ExceptionContext;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The blocked-loop watchdog: what it reports, when, and with which stack. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class WatchdogTest {
    private EventLoop loop;
    private final List<ExceptionContext> handled = new ArrayList<>();
    private final Queue<BlockedLoopReport> heard = new ConcurrentLinkedQueue<>();
    private final Consumer<BlockedLoopReport> listener = r -> {
        if (r.loop() == loop) {
            heard.add(r);
        }
    };

    @BeforeEach
    void setUp() {
        loop = LoopFactory.byName("core").newEventLoop();
        loop.setExceptionHandler((l, c) -> handled.add(c));
        Watchdog.addListener(listener);
    }

    @AfterEach
    void tearDown() {
        Watchdog.removeListener(listener);
        loop.close();
    }

    @Test
    void aBlockingCallbackIsReportedToTheExceptionHandlerWithTheStackSampledWhileItBlocked() {
        Watchdog.setThreshold(loop, Duration.ofMillis(50));
        loop.callSoon(() -> deliberatelyBlock(400));
        runUntil(loop, () -> !handled.isEmpty(), Duration.ofSeconds(5));

        assertFalse(handled.isEmpty(), "the watchdog reported nothing to the exception handler");
        ExceptionContext c = handled.get(0);
        BlockedLoopReport r = assertInstanceOf(BlockedLoopReport.class, c.get(Watchdog.REPORT_KEY));
        assertEquals(BlockedLoopReport.Kind.CALLBACK, r.kind(), r::details);
        assertTrue(hasFrame(r.stack(), "deliberatelyBlock"), r::details);
        assertTrue(r.blockedFor().compareTo(Duration.ofMillis(50)) >= 0, r::summary);
        assertFalse(r.isFollowUp());
        assertSame(r.handle(), c.get(ExceptionContext.HANDLE));
        LoopBlockedException e = assertInstanceOf(LoopBlockedException.class, c.exception());
        assertTrue(hasFrame(e.getStackTrace(), "deliberatelyBlock"), "the exception's stack is not the sampled one");
        assertTrue(c.message().contains(r.loopId()), c.message());
    }

    @Test
    void aLoopThatStaysBlockedGetsAFollowUpReportWithEverySample() {
        Watchdog.setThreshold(loop, Duration.ofMillis(40));
        loop.callSoon(() -> deliberatelyBlock(500));
        runUntil(loop, () -> handled.size() >= 2, Duration.ofSeconds(5));

        List<BlockedLoopReport> reports = List.copyOf(heard);
        assertEquals(2, reports.size(), () -> "expected a report and a follow-up, got " + reports);
        BlockedLoopReport followUp = reports.get(1);
        assertTrue(followUp.isFollowUp());
        assertTrue(followUp.blockedFor().compareTo(Duration.ofMillis(5 * 40)) >= 0, followUp::summary);
        assertTrue(followUp.samples().size() >= 2, followUp::details);
        assertTrue(followUp.details().contains("deliberatelyBlock"), followUp::details);
        assertEquals(2, handled.size(), "the exception handler got both reports once the loop ran again");
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuation", "handoff"})
    void aBlockingTaskStepIsReportedWithTheTaskAndItsStack(String engine) {
        EventLoop l = LoopFactory.byName("core", engine).newEventLoop();
        List<ExceptionContext> reports = new ArrayList<>();
        l.setExceptionHandler((x, c) -> reports.add(c));
        Watchdog.setThreshold(l, Duration.ofMillis(50));
        try {
            Task<?> blocker = l.createTask(() -> {
                deliberatelyBlock(300);
                return null;
            }, "blocker");
            l.runUntilComplete(blocker);
            runUntil(l, () -> !reports.isEmpty(), Duration.ofSeconds(5));
            BlockedLoopReport r = (BlockedLoopReport) reports.get(0).get(Watchdog.REPORT_KEY);
            assertEquals(BlockedLoopReport.Kind.TASK_STEP, r.kind(), r::details);
            assertSame(blocker, r.task());
            assertTrue(r.summary().contains("blocker"), r.summary());
            if (engine.equals("continuation")) {
                // Under the hand-off engine the sample is of the task's virtual thread, which a
                // loaded machine may catch unmounted (an empty or partial stack): the frame check
                // holds only where the task runs on the loop thread itself.
                assertTrue(hasFrame(r.stack(), "deliberatelyBlock"), r::details);
            }
        } finally {
            l.close();
        }
    }

    @Test
    void manyShortCallbacksOfOneIterationAreReportedAsAnIteration() {
        Watchdog.setThreshold(loop, Duration.ofMillis(60));
        for (int i = 0; i < 50; i++) {
            loop.callSoon(() -> deliberatelyBlock(4));
        }
        runUntil(loop, () -> !handled.isEmpty(), Duration.ofSeconds(5));
        BlockedLoopReport r = (BlockedLoopReport) handled.get(0).get(Watchdog.REPORT_KEY);
        assertEquals(BlockedLoopReport.Kind.ITERATION, r.kind(), r::details);
        assertNull(r.handle());
    }

    @Test
    void aLoopWaitingForATimerIsNotBlocked() {
        Watchdog.setThreshold(loop, Duration.ofMillis(20));
        loop.callLater(Duration.ofMillis(300), loop::stop);
        loop.runForever();
        assertEquals(List.of(), List.copyOf(heard));
    }

    @Test
    void aBusyLoopThatKeepsIteratingIsNotBlocked() {
        // A tight callSoon chain (W1): the loop never waits, but every iteration moves the counter,
        // also once the JIT has compiled the loop with the callback inlined. (The threshold leaves
        // room for the OS to deschedule the loop thread on a loaded machine: that is a real stall.)
        Watchdog.setThreshold(loop, Duration.ofMillis(150));
        long end = System.nanoTime() + Duration.ofMillis(1200).toNanos();
        Runnable[] chain = new Runnable[1];
        chain[0] = () -> {
            if (System.nanoTime() - end < 0) {
                loop.callSoon(chain[0]);
            } else {
                loop.stop();
            }
        };
        loop.callSoon(chain[0]);
        loop.runForever();
        assertTrue(LoopMetrics.of(loop).iterations() > 1000, LoopMetrics.of(loop)::toString);
        assertEquals(List.of(), List.copyOf(heard));
    }

    @Test
    void aDisabledLoopIsNotWatched() {
        Watchdog.disable(loop);
        assertNull(Watchdog.threshold(loop));
        loop.callSoon(() -> deliberatelyBlock(250));
        loop.callLater(Duration.ofMillis(50), loop::stop);
        loop.runForever();
        assertEquals(List.of(), List.copyOf(heard));
        assertEquals(List.of(), handled);
    }

    @Test
    void theThresholdFollowsDebugModeUnlessSet() {
        if (System.getProperty(Watchdog.THRESHOLD_PROPERTY) != null || System.getProperty(Watchdog.ENABLED_PROPERTY) != null) {
            return;
        }
        loop.setDebug(false);
        assertEquals(Watchdog.DEFAULT_THRESHOLD, Watchdog.threshold(loop));
        loop.setDebug(true);
        assertEquals(Watchdog.DEBUG_THRESHOLD, Watchdog.threshold(loop));
        Watchdog.setThreshold(loop, Duration.ofMillis(7));
        assertEquals(Duration.ofMillis(7), Watchdog.threshold(loop));
        Watchdog.setThreshold(loop, null);
        assertEquals(Watchdog.DEBUG_THRESHOLD, Watchdog.threshold(loop));
        assertThrows(IllegalArgumentException.class, () -> Watchdog.setThreshold(loop, Duration.ZERO));
    }
}
