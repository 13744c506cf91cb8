package dev.jasyncio.conformance.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.debug.LoopMetrics;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** LoopMetrics: the counters a loop of every backend keeps for monitoring. */
@Conformance
class LoopMetricsTest {

    @Test
    void iterationsCountOnePerPassOfTheLoop(EventLoop loop) {
        LoopMetrics m = LoopMetrics.of(loop);
        Future<Void> done = loop.createFuture();
        int[] left = {100};
        Runnable[] chain = new Runnable[1];
        chain[0] = () -> {
            if (--left[0] == 0) {
                done.setResult(null);
            } else {
                loop.callSoon(chain[0]);
            }
        };
        loop.callSoon(chain[0]);
        loop.runUntilComplete(done);
        assertTrue(m.iterations() >= 100, m::toString);
        assertFalse(m.isRunning());
    }

    @Test
    void theReadyQueueAndLiveTasksAreCountedOnTheLoopThread(EventLoop loop) {
        LoopMetrics m = LoopMetrics.of(loop);
        int[] seen = new int[2];
        boolean[] running = new boolean[1];
        Future<Void> done = loop.createFuture();
        var a = loop.createTask(() -> Async.await(done));
        var b = loop.createTask(() -> Async.await(done));
        loop.callSoon(() -> {
            for (int i = 0; i < 10; i++) {
                loop.callSoon(() -> {});
            }
            seen[0] = m.readyQueueDepth();
            seen[1] = m.liveTasks();
            running[0] = m.isRunning();
            done.setResult(null);
        });
        loop.runUntilComplete(a);
        loop.runUntilComplete(b);
        assertTrue(seen[0] >= 10, "ready queue depth " + seen[0]);
        assertEquals(2, seen[1], "live tasks");
        assertTrue(running[0], "running, seen from a callback");
    }

    @Test
    void waitingForATimerIsIdleTimeAndRunningCallbacksIsBusyTime(EventLoop loop) {
        LoopMetrics m = LoopMetrics.of(loop);
        loop.callSoon(() -> {
            Blocking.deliberatelyBlock(30);
            loop.callLater(Duration.ofMillis(100), loop::stop);
        });
        loop.runForever();
        assertTrue(m.busyTime().compareTo(Duration.ofMillis(30)) >= 0, m::toString);
        // The wait for the timer, less what a loaded machine may take to get the loop to it.
        assertTrue(m.idleTime().compareTo(Duration.ofMillis(50)) >= 0, m::toString);
        assertTrue(m.toString().startsWith("LoopMetrics[" + loop.providerName() + "-"), m::toString);
    }
}
