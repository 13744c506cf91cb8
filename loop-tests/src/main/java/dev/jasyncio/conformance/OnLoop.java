package dev.jasyncio.conformance;

import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import java.util.concurrent.Callable;

/**
 * Runs a piece of a test on the loop, with the loop running, and hands its outcome back to the
 * test thread: a value is returned, an exception (an assertion error included) is thrown from
 * {@link #call} instead of reaching the loop's exception handler.
 */
public final class OnLoop {
    private OnLoop() {}

    /** Runs {@code body} as a callback of {@code loop} and returns its value once the loop has run it. */
    public static <T> T call(EventLoop loop, Callable<T> body) {
        Future<T> outcome = loop.createFuture();
        loop.callSoon(() -> {
            try {
                outcome.setResult(body.call());
            } catch (Throwable t) {
                outcome.setException(t);
            }
        });
        return loop.runUntilComplete(outcome);
    }

    /** Runs {@code body} as a callback of {@code loop}, and returns once the loop has run it. */
    public static void run(EventLoop loop, ThrowingRunnable body) {
        call(loop, () -> {
            body.run();
            return null;
        });
    }

    /** A body that returns nothing and may throw. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        /** Runs the body. */
        void run() throws Exception;
    }
}
