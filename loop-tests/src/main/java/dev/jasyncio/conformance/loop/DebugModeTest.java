package dev.jasyncio.conformance.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.LogCapture;
import dev.jasyncio.conformance.OnLoop;
import dev.jasyncio.conformance.OtherThread;
import dev.jasyncio.conformance.Steps;
import dev.jasyncio.conformance.SystemProperties;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Debug mode: thread checks on loop-only calls, the slow-callback warning, and how it is turned on. */
@Conformance
class DebugModeTest {

    /** The loop-thread-only calls that debug mode checks; each gets a loop and a pending future of it. */
    enum LoopOnlyCall {
        CALL_SOON((l, f) -> l.callSoon(() -> {})),
        CALL_LATER((l, f) -> l.callLater(Duration.ZERO, () -> {})),
        CALL_AT((l, f) -> l.callAt(l.time(), () -> {})),
        STOP((l, f) -> l.stop()),
        CREATE_FUTURE((l, f) -> l.createFuture()),
        WRAP_FUTURE((l, f) -> l.wrapFuture(new CompletableFuture<>())),
        RUN_IN_EXECUTOR((l, f) -> l.runInExecutor(Runnable::run, () -> 1)),
        SET_DEFAULT_EXECUTOR((l, f) -> l.setDefaultExecutor(Executors.newSingleThreadExecutor())),
        SHUTDOWN_DEFAULT_EXECUTOR((l, f) -> l.shutdownDefaultExecutor(Duration.ofSeconds(1))),
        FUTURE_SET_RESULT((l, f) -> f.setResult("x")),
        FUTURE_SET_EXCEPTION((l, f) -> f.setException(new RuntimeException("x"))),
        FUTURE_CANCEL((l, f) -> f.cancel()),
        FUTURE_ADD_DONE_CALLBACK((l, f) -> f.addDoneCallback(x -> {}));

        final BiConsumer<EventLoop, Future<String>> call;

        LoopOnlyCall(BiConsumer<EventLoop, Future<String>> call) {
            this.call = call;
        }
    }

    /**
     * In debug mode a loop-thread-only call made from another thread while the loop runs throws
     * IllegalStateException (and does nothing).
     */
    @ParameterizedTest
    @EnumSource(LoopOnlyCall.class)
    void aLoopOnlyCallFromAnotherThreadWhileTheLoopRunsThrowsInDebugMode(LoopOnlyCall call, EventLoop loop) {
        loop.setDebug(true);
        Future<String> f = loop.createFuture();
        OnLoop.run(loop, () -> OtherThread.call("intruder", () -> assertThrows(IllegalStateException.class,
            () -> call.call.accept(loop, f), call + " from another thread did not throw")));
        assertFalse(f.isDone(), "the refused call changed the future");
    }

    /** In debug mode callSoonThreadsafe from another thread is allowed while the loop runs, and its callback runs. */
    @Test
    void callSoonThreadsafeFromAnotherThreadIsAllowedInDebugMode(EventLoop loop, Steps steps) {
        loop.setDebug(true);
        Future<String> done = loop.createFuture();
        OnLoop.run(loop, () -> {
            steps.expect(1);
            OtherThread.call("producer", () -> loop.callSoonThreadsafe(() -> {
                steps.expect(2);
                done.setResult("ran");
            }));
        });
        assertEquals("ran", loop.runUntilComplete(done));
        steps.finish(3);
    }

    /** In debug mode another thread may still set a loop up while it is not running. */
    @Test
    void callsFromAnotherThreadWhileTheLoopIsNotRunningAreAllowedInDebugMode(EventLoop loop, Steps steps) {
        loop.setDebug(true);
        Future<String> f = OtherThread.call("set-up", () -> {
            Future<String> future = loop.createFuture();
            loop.callSoon(() -> {
                steps.expect(1);
                future.setResult("set up elsewhere");
            });
            return future;
        });
        assertEquals("set up elsewhere", loop.runUntilComplete(f));
        steps.finish(2);
    }

    /** setDebug turns debug mode on and off. */
    @Test
    void setDebugTurnsDebugModeOnAndOff(EventLoop loop) {
        loop.setDebug(true);
        assertTrue(loop.isDebug());
        loop.setDebug(false);
        assertFalse(loop.isDebug());
    }

    /** Loops made while -Djasyncio.debug=true are in debug mode; without the property they are not. */
    @Test
    @ResourceLock(Resources.SYSTEM_PROPERTIES)
    void debugModeDefaultsToTheSystemProperty(LoopFactory factory) {
        EventLoop debugLoop = SystemProperties.with("jasyncio.debug", "true", factory::newEventLoop);
        EventLoop plainLoop = SystemProperties.with("jasyncio.debug", null, factory::newEventLoop);
        assertTrue(debugLoop.isDebug(), "-Djasyncio.debug=true was not honoured by " + debugLoop);
        assertFalse(plainLoop.isDebug(), "a loop made without -Djasyncio.debug is in debug mode: " + plainLoop);
    }

    /** The slow-callback threshold defaults to 100 ms and can be changed. */
    @Test
    void slowCallbackDurationDefaultsTo100Milliseconds(EventLoop loop) {
        assertEquals(Duration.ofMillis(100), loop.slowCallbackDuration());
        loop.setSlowCallbackDuration(Duration.ofMillis(5));
        assertEquals(Duration.ofMillis(5), loop.slowCallbackDuration());
    }

    /** In debug mode a callback that runs at least the slow-callback duration is logged as a warning naming it. */
    @Test
    void aSlowCallbackIsLoggedInDebugMode(EventLoop loop) {
        loop.setDebug(true);
        loop.setSlowCallbackDuration(Duration.ofMillis(5));
        try (LogCapture log = LogCapture.open()) {
            loop.callSoon(new SlowCallback(20));
            loop.callSoon(loop::stop);
            loop.runForever();
            List<LogRecord> warnings = slowCallbackWarnings(log);
            assertEquals(1, warnings.size(), () -> "expected one warning naming " + SlowCallback.NAME + ", got "
                + log.records().stream().map(LogCapture::text).toList());
            assertEquals(Level.WARNING, warnings.get(0).getLevel());
        }
    }

    /** Outside debug mode, or below the threshold, a callback is not reported as slow. */
    @Test
    void aCallbackIsNotReportedAsSlowOutsideDebugModeOrBelowTheThreshold(EventLoop loop) {
        try (LogCapture log = LogCapture.open()) {
            loop.setDebug(false);
            loop.setSlowCallbackDuration(Duration.ofMillis(1));
            loop.callSoon(new SlowCallback(5));
            loop.callSoon(loop::stop);
            loop.runForever();
            loop.setDebug(true);
            loop.setSlowCallbackDuration(Duration.ofMinutes(1));
            loop.callSoon(new SlowCallback(5));
            loop.callSoon(loop::stop);
            loop.runForever();
            assertEquals(List.of(), slowCallbackWarnings(log).stream().map(LogCapture::text).toList());
        }
    }

    private static List<LogRecord> slowCallbackWarnings(LogCapture log) {
        return log.records().stream().filter(r -> LogCapture.text(r).contains(SlowCallback.NAME)).toList();
    }

    /** A callback that takes at least the given time. */
    private record SlowCallback(long millis) implements Runnable {
        static final String NAME = "deliberately-slow-callback";

        @Override
        public void run() {
            long end = System.nanoTime() + millis * 1_000_000;
            while (System.nanoTime() - end < 0) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        @Override
        public String toString() {
            return NAME;
        }
    }
}
