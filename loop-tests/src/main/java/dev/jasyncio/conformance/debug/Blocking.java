package dev.jasyncio.conformance.debug;

import dev.jasyncio.EventLoop;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Helpers for tests that block a loop on purpose and then wait, boundedly, for something to
 * happen. Blocking until a condition holds, rather than for a fixed time, keeps the watchdog
 * tests independent of how promptly a loaded machine schedules the monitor thread.
 */
final class Blocking {
    /** The longest any test blocks a loop; reaching it means what the test waited for never came. */
    static final Duration MAX_BLOCK = Duration.ofSeconds(10);

    private Blocking() {}

    /** Blocks the calling thread for {@code millis} (at least), in a method the stacks can be searched for. */
    static void deliberatelyBlock(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        deliberatelyBlockUntil(() -> System.nanoTime() - end >= 0);
    }

    /**
     * Blocks the calling thread, in a method the stacks can be searched for, until {@code done}
     * holds (checked every 2 ms) or {@link #MAX_BLOCK} has passed.
     */
    static void deliberatelyBlockUntil(BooleanSupplier done) {
        long deadline = System.nanoTime() + MAX_BLOCK.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Runs {@code loop} until {@code done} holds (checked every 5 ms on the loop) or {@code max} has passed. */
    static void runUntil(EventLoop loop, BooleanSupplier done, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        Runnable[] check = new Runnable[1];
        check[0] = () -> {
            if (done.getAsBoolean() || System.nanoTime() - deadline > 0) {
                loop.stop();
            } else {
                loop.callLater(Duration.ofMillis(5), check[0]);
            }
        };
        loop.callSoon(check[0]);
        loop.runForever();
    }

    /** Whether {@code stack} has a frame of a method named {@code method}. */
    static boolean hasFrame(StackTraceElement[] stack, String method) {
        for (StackTraceElement e : stack) {
            if (e.getMethodName().equals(method)) {
                return true;
            }
        }
        return false;
    }
}
