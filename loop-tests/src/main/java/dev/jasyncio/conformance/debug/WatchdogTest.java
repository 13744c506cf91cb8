package dev.jasyncio.conformance.debug;

import static dev.jasyncio.conformance.debug.Blocking.MAX_BLOCK;
import static dev.jasyncio.conformance.debug.Blocking.deliberatelyBlockUntil;
import static dev.jasyncio.conformance.debug.Blocking.hasFrame;
import static dev.jasyncio.conformance.debug.Blocking.runUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jasyncio.EventLoop;
import dev.jasyncio.ExceptionContext;
import dev.jasyncio.Task;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.debug.BlockedLoopReport;
import dev.jasyncio.debug.LoopBlockedException;
import dev.jasyncio.debug.LoopMetrics;
import dev.jasyncio.debug.Watchdog;
import dev.jasyncio.gen.Generator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The blocked-loop watchdog: what it reports, when, and with which stack; under the hand-off
 * engine the stack is that of the virtual thread running the task step.
 *
 * <p>The monitor thread must get a core to notice anything, which a loaded machine may delay:
 * the blocking code here blocks until the report has been heard (bounded by
 * {@link Blocking#MAX_BLOCK}) rather than for a fixed time, thresholds are generous, and no test
 * bounds a duration from above.
 */
@Conformance
class WatchdogTest {
    /** The threshold of the tests that expect a report; the monitor ticks every quarter of it. */
    private static final Duration THRESHOLD = Duration.ofMillis(150);

    private final Queue<BlockedLoopReport> heard = new ConcurrentLinkedQueue<>();
    private volatile EventLoop watched;
    private final Consumer<BlockedLoopReport> listener = r -> {
        if (r.loop() == watched) {
            heard.add(r);
        }
    };

    /**
     * Watches {@code loop} with {@code threshold}: its reports reach {@link #heard} at once (on the
     * monitor thread) and the returned list through its exception handler (on the loop thread).
     */
    private List<ExceptionContext> watch(EventLoop loop, Duration threshold) {
        watched = loop;
        Watchdog.addListener(listener);
        List<ExceptionContext> handled = new CopyOnWriteArrayList<>();
        loop.setExceptionHandler((l, c) -> handled.add(c));
        Watchdog.setThreshold(loop, threshold);
        return handled;
    }

    @AfterEach
    void stopListening() {
        Watchdog.removeListener(listener);
    }

    private void blockUntilHeard(int reports) {
        deliberatelyBlockUntil(() -> heard.size() >= reports);
    }

    @Test
    void aBlockingCallbackIsReportedToTheExceptionHandlerWithTheStackSampledWhileItBlocked(EventLoop loop) {
        List<ExceptionContext> handled = watch(loop, THRESHOLD);
        loop.callSoon(() -> blockUntilHeard(1));
        runUntil(loop, () -> !handled.isEmpty(), MAX_BLOCK.multipliedBy(2));

        assertFalse(handled.isEmpty(), "the watchdog reported nothing to the exception handler");
        ExceptionContext c = handled.get(0);
        BlockedLoopReport r = assertInstanceOf(BlockedLoopReport.class, c.get(Watchdog.REPORT_KEY));
        assertEquals(BlockedLoopReport.Kind.CALLBACK, r.kind(), r::details);
        assertTrue(hasFrame(r.stack(), "deliberatelyBlockUntil"), r::details);
        assertTrue(r.blockedFor().compareTo(THRESHOLD) >= 0, r::summary);
        assertFalse(r.isFollowUp());
        assertSame(r.handle(), c.get(ExceptionContext.HANDLE));
        LoopBlockedException e = assertInstanceOf(LoopBlockedException.class, c.exception());
        assertTrue(hasFrame(e.getStackTrace(), "deliberatelyBlockUntil"), "the exception's stack is not the sampled one");
        assertTrue(c.message().contains(r.loopId()), c.message());
    }

    @Test
    void aLoopThatStaysBlockedGetsAFollowUpReportWithEverySample(EventLoop loop) {
        List<ExceptionContext> handled = watch(loop, THRESHOLD);
        loop.callSoon(() -> blockUntilHeard(2));
        runUntil(loop, () -> handled.size() >= 2, MAX_BLOCK.multipliedBy(2));

        List<BlockedLoopReport> reports = List.copyOf(heard);
        assertEquals(2, reports.size(), () -> "expected a report and a follow-up, got " + reports);
        BlockedLoopReport followUp = reports.get(1);
        assertTrue(followUp.isFollowUp());
        assertTrue(followUp.blockedFor().compareTo(THRESHOLD.multipliedBy(5)) >= 0, followUp::summary);
        assertTrue(followUp.samples().size() >= 2, followUp::details);
        assertTrue(followUp.details().contains("deliberatelyBlockUntil"), followUp::details);
        assertEquals(2, handled.size(), "the exception handler got both reports once the loop ran again");
    }

    /** On both engines: under the hand-off engine the step runs on the task's virtual thread, which is sampled. */
    @Test
    void aBlockingTaskStepIsReportedWithTheTaskAndItsStack(EventLoop loop) {
        List<ExceptionContext> handled = watch(loop, THRESHOLD);
        Task<?> blocker = loop.createTask(() -> {
            blockUntilHeard(1);
            return null;
        }, "blocker");
        loop.runUntilComplete(blocker);
        runUntil(loop, () -> !handled.isEmpty(), MAX_BLOCK);

        assertFalse(handled.isEmpty(), "the watchdog reported nothing to the exception handler");
        BlockedLoopReport r = (BlockedLoopReport) handled.get(0).get(Watchdog.REPORT_KEY);
        assertEquals(BlockedLoopReport.Kind.TASK_STEP, r.kind(), r::details);
        assertSame(blocker, r.task());
        assertSame(blocker, handled.get(0).get(ExceptionContext.TASK));
        assertTrue(r.summary().contains("blocker"), r.summary());
        assertTrue(hasFrame(r.stack(), "deliberatelyBlockUntil"), () -> "[" + loop.engineName() + "] " + r.details());
    }

    /** A generator's body runs on a thread of its own under the hand-off engine: that thread is sampled, not the task's. */
    @Test
    void aTaskBlockingInsideAGeneratorIsReportedWithTheGeneratorsStack(EventLoop loop) {
        List<ExceptionContext> handled = watch(loop, THRESHOLD);
        Task<Integer> consumer = loop.createTask(() -> {
            Generator<Integer, Void, Void> gen = Generator.of(g -> {
                blockUntilHeard(1);
                g.yield(1);
                return null;
            });
            int sum = 0;
            for (int v : gen) {
                sum += v;
            }
            return sum;
        }, "consumer");
        assertEquals(1, loop.runUntilComplete(consumer));
        runUntil(loop, () -> !handled.isEmpty(), MAX_BLOCK);

        assertFalse(handled.isEmpty(), "the watchdog reported nothing to the exception handler");
        BlockedLoopReport r = (BlockedLoopReport) handled.get(0).get(Watchdog.REPORT_KEY);
        assertSame(consumer, r.task(), r::details);
        assertTrue(hasFrame(r.stack(), "deliberatelyBlockUntil"), () -> "[" + loop.engineName() + "] " + r.details());
    }

    @Test
    void manyShortCallbacksOfOneIterationAreReportedAsAnIteration(EventLoop loop) {
        List<ExceptionContext> handled = watch(loop, THRESHOLD);
        // Each callback blocks 5 ms, and none once the report is in: the iteration lasts until then.
        int callbacks = (int) (MAX_BLOCK.toMillis() / 5);
        for (int i = 0; i < callbacks; i++) {
            loop.callSoon(() -> {
                long end = System.nanoTime() + 5_000_000;
                deliberatelyBlockUntil(() -> !heard.isEmpty() || System.nanoTime() - end >= 0);
            });
        }
        runUntil(loop, () -> !handled.isEmpty(), MAX_BLOCK);

        assertFalse(handled.isEmpty(), "the watchdog reported nothing to the exception handler");
        BlockedLoopReport r = (BlockedLoopReport) handled.get(0).get(Watchdog.REPORT_KEY);
        assertEquals(BlockedLoopReport.Kind.ITERATION, r.kind(), r::details);
        assertNull(r.handle());
    }

    @Test
    void aLoopWaitingForATimerIsNotBlocked(EventLoop loop) {
        List<ExceptionContext> handled = watch(loop, Duration.ofMillis(100));
        loop.callLater(Duration.ofMillis(600), loop::stop);
        loop.runForever();
        assertEquals(List.of(), List.copyOf(heard));
        assertEquals(List.of(), handled);
    }

    @Test
    void aBusyLoopThatKeepsIteratingIsNotBlocked(EventLoop loop) {
        // A tight callSoon chain (W1): the loop never waits, but every iteration moves the counter,
        // also once the JIT has compiled the loop with the callback inlined. (The threshold leaves
        // room for the OS or a GC to stop the loop thread on a loaded machine: that is a real stall.
        // A counter that stopped moving would be reported after the first second of the 1.6.)
        List<ExceptionContext> handled = watch(loop, Duration.ofMillis(1000));
        long end = System.nanoTime() + Duration.ofMillis(1600).toNanos();
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
        assertEquals(List.of(), handled);
    }

    @Test
    void aDisabledLoopIsNotWatched(EventLoop loop) {
        List<ExceptionContext> handled = watch(loop, Duration.ofMillis(50));
        Watchdog.disable(loop);
        assertNull(Watchdog.threshold(loop));
        loop.callSoon(() -> Blocking.deliberatelyBlock(600));
        loop.callLater(Duration.ofMillis(50), loop::stop);
        loop.runForever();
        assertEquals(List.of(), List.copyOf(heard));
        assertEquals(List.of(), handled);
    }

    @Test
    void theThresholdFollowsDebugModeUnlessSet(EventLoop loop) {
        assumeTrue(System.getProperty(Watchdog.THRESHOLD_PROPERTY) == null && System.getProperty(Watchdog.ENABLED_PROPERTY) == null,
            "this JVM sets -D" + Watchdog.THRESHOLD_PROPERTY + " or -D" + Watchdog.ENABLED_PROPERTY + ": the defaults do not apply");
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

    /**
     * -Djasyncio.watchdog.threshold is the threshold of every loop without one of its own, in
     * and out of debug mode. In a child JVM on the backend and engine under test, as the
     * property is read once per JVM.
     */
    @Test
    void theThresholdPropertySetsTheDefaultThreshold(EventLoop loop) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path stderr = Files.createTempFile("watchdog-threshold", ".err");
        Process child = new ProcessBuilder(java,
            "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
            "-D" + Watchdog.THRESHOLD_PROPERTY + "=250ms", "-cp", System.getProperty("java.class.path"),
            WatchdogThresholdMain.class.getName(), loop.providerName(), loop.engineName())
            .redirectError(stderr.toFile()).start();
        try {
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not end");
            String errors = Files.readString(stderr);
            assertEquals(0, child.exitValue(), errors);
            String quarterSecond = Duration.ofMillis(250).toString();
            assertEquals(List.of(quarterSecond, quarterSecond), output.lines().toList(), "out of debug mode, then in it; stderr: " + errors);
        } finally {
            child.destroyForcibly();
            Files.delete(stderr);
        }
    }
}
