package dev.jasyncio.conformance.loop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.EventLoop;
import dev.jasyncio.Handle;
import dev.jasyncio.TimerHandle;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.Steps;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Cancelled handles and timers never run. */
@Conformance
class HandleCancelTest {

    /** A callback cancelled before the loop reaches it never runs, and its handle says it was cancelled. */
    @Test
    void aCancelledCallbackNeverRuns(EventLoop loop, Steps steps) {
        Handle h = loop.callSoon(steps::expectUnreached);
        assertFalse(h.isCancelled());
        h.cancel();
        assertTrue(h.isCancelled());
        h.cancel();
        assertTrue(h.isCancelled());
        loop.callSoon(() -> {
            steps.expect(1);
            loop.stop();
        });
        loop.runForever();
        steps.finish(2);
    }

    /** A cancelled timer never fires, not even once its deadline has long passed. */
    @Test
    void aCancelledTimerNeverFires(EventLoop loop, Steps steps) {
        TimerHandle t = loop.callLater(Duration.ofMillis(1), steps::expectUnreached);
        TimerHandle due = loop.callAt(loop.time() - 1_000_000, steps::expectUnreached);
        t.cancel();
        due.cancel();
        assertTrue(t.isCancelled() && due.isCancelled());
        loop.callLater(Duration.ofMillis(5), () -> {
            steps.expect(1);
            loop.stop();
        });
        loop.runForever();
        steps.finish(2);
    }

    /** A callback cancelled by an earlier callback of the same iteration does not run. */
    @Test
    void aCallbackCancelledEarlierInTheSameIterationDoesNotRun(EventLoop loop, Steps steps) {
        Handle[] victim = new Handle[1];
        loop.callSoon(() -> {
            steps.expect(1);
            victim[0].cancel();
        });
        victim[0] = loop.callSoon(steps::expectUnreached);
        loop.callSoon(() -> {
            steps.expect(2);
            loop.stop();
        });
        loop.runForever();
        steps.finish(3);
    }

    /** A timer cancelled by an earlier timer that fires in the same iteration does not run. */
    @Test
    void aTimerCancelledEarlierInTheSameIterationDoesNotFire(EventLoop loop, Steps steps) {
        long when = loop.time() - 1_000_000;
        TimerHandle[] victim = new TimerHandle[1];
        loop.callAt(when, () -> {
            steps.expect(1);
            victim[0].cancel();
        });
        victim[0] = loop.callAt(when, steps::expectUnreached);
        loop.callAt(when, () -> {
            steps.expect(2);
            loop.stop();
        });
        loop.runForever();
        steps.finish(3);
    }
}
