package dev.jasyncio.examples;

import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.Runner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The README's main job: runs on the loop chosen by {@code -Djasyncio.loop} (default: the best
 * available), says which backend runs, and exercises callbacks, timers, a wakeup from another
 * thread and the default executor.
 */
public final class LoopDemo {
    private LoopDemo() {}

    /** Entry point. */
    public static void main(String[] args) {
        System.out.println("available loops, best first: " + LoopFactory.availableNames());
        try (Runner runner = new Runner()) {
            EventLoop loop = runner.getLoop();
            System.out.println("running on the '" + loop.providerName() + "' loop" + (loop.isDebug() ? " (debug mode)" : ""));
            List<String> events = new ArrayList<>();
            long t0 = loop.time();

            loop.callSoon(() -> events.add("callSoon 1"));
            loop.callSoon(() -> events.add("callSoon 2, scheduled second, runs second"));
            loop.callLater(Duration.ofMillis(30), () -> events.add("timer  30 ms fired at " + ms(loop, t0)));
            loop.callLater(Duration.ofMillis(10), () -> events.add("timer  10 ms fired at " + ms(loop, t0)));
            loop.callLater(Duration.ofMillis(20), () -> events.add("a cancelled timer: must not appear")).cancel();

            Thread helper = new Thread(() -> loop.callSoonThreadsafe(
                () -> events.add("callSoonThreadsafe from a helper thread, run on " + Thread.currentThread().getName())),
                "helper");
            helper.start();

            Future<String> work = loop.runInExecutor(null, () -> "runInExecutor ran on " + Thread.currentThread().getName());
            work.addDoneCallback(f -> events.add(f.result()));

            Future<Void> done = loop.createFuture();
            loop.callLater(Duration.ofMillis(50), () -> done.setResult(null));
            loop.runUntilComplete(done);
            events.forEach(e -> System.out.println("  " + e));
        }
        System.out.println("loop closed, default executor shut down");
    }

    private static String ms(EventLoop loop, long t0) {
        return String.format("%.1f ms", (loop.time() - t0) / 1e6);
    }
}
