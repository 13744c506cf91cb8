package dev.jasyncio.conformance.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.EventLoop;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.OnLoop;
import dev.jasyncio.conformance.Steps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The order in which the loop runs the callbacks it is given, and when. */
@Conformance
class CallbackOrderTest {

    /** Callbacks run in the order they were scheduled, however many there are. */
    @Test
    void callbacksRunInTheOrderTheyWereScheduled(EventLoop loop) {
        List<Integer> ran = new ArrayList<>();
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            int id = i;
            loop.callSoon(() -> ran.add(id));
        }
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(IntStream.range(0, n).boxed().toList(), ran);
    }

    /** Callbacks that a running callback schedules run in the order it scheduled them. */
    @Test
    void callbacksScheduledByACallbackRunInTheOrderTheyWereScheduled(EventLoop loop) {
        List<Integer> ran = new ArrayList<>();
        loop.callSoon(() -> {
            for (int i = 0; i < 100; i++) {
                int id = i;
                loop.callSoon(() -> ran.add(id));
            }
            loop.callSoon(loop::stop);
        });
        loop.runForever();
        assertEquals(IntStream.range(0, 100).boxed().toList(), ran);
    }

    /** callSoon never runs the callback inside the call, whether or not the loop is running. */
    @Test
    void callSoonNeverRunsTheCallbackSynchronously(EventLoop loop, Steps steps) {
        loop.callSoon(() -> steps.expect(2));
        steps.expect(1);
        OnLoop.run(loop, () -> {
            steps.expect(3);
            loop.callSoon(() -> steps.expect(5));
            steps.expect(4);
        });
        steps.finish(6);
    }

    /**
     * A callback scheduled while the loop runs callbacks waits for the next iteration (the
     * snapshot rule): stop() in the first callback ends the run once the current iteration is
     * over, so what that callback scheduled has not run yet, while what was already scheduled has.
     */
    @Test
    void callbacksScheduledDuringAnIterationRunInTheNext(EventLoop loop, Steps steps) {
        loop.callSoon(() -> {
            steps.expect(1);
            loop.stop();
            loop.callSoon(steps::expectUnreached);
        });
        loop.callSoon(() -> steps.expect(2));
        loop.runForever();
        steps.finish(3);
    }

    /**
     * A callback that keeps rescheduling itself does not starve timers: each iteration runs only
     * the callbacks ready when it started, so the loop gets back to its timers (a loop that ran
     * callbacks until none were left would never return here).
     */
    @Test
    void aCallbackThatReschedulesItselfDoesNotStarveTimers(EventLoop loop) {
        int[] spins = {0};
        Runnable spinner = new Runnable() {
            @Override
            public void run() {
                spins[0]++;
                loop.callSoon(this);
            }
        };
        loop.callSoon(spinner);
        loop.callLater(Duration.ofMillis(1), loop::stop);
        loop.runForever();
        assertTrue(spins[0] > 0, "the spinner never ran");
    }

    /**
     * A callback that keeps rescheduling itself does not starve callbacks from other threads:
     * they are taken in at the start of every iteration.
     */
    @Test
    void aCallbackThatReschedulesItselfDoesNotStarveOtherThreads(EventLoop loop) {
        Runnable spinner = new Runnable() {
            @Override
            public void run() {
                loop.callSoon(this);
            }
        };
        loop.callSoon(spinner);
        loop.callSoon(() -> {
            Thread t = new Thread(() -> loop.callSoonThreadsafe(loop::stop), "stopper");
            t.setDaemon(true);
            t.start();
        });
        loop.runForever();
    }
}
