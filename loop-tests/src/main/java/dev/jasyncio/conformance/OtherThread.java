package dev.jasyncio.conformance;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a piece of a test in a new thread and waits for it: the way to call the loop "from
 * another thread" while the calling callback keeps the loop running.
 */
public final class OtherThread {
    private static final long WAIT_SECONDS = 10;

    private OtherThread() {}

    /**
     * Runs {@code body} in a new thread and returns its value; its exception is rethrown here
     * (wrapped in an {@link AssertionError} when checked).
     */
    public static <T> T call(String name, Callable<T> body) {
        CompletableFuture<T> outcome = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                outcome.complete(body.call());
            } catch (Throwable e) {
                outcome.completeExceptionally(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        try {
            return outcome.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new AssertionError("Thread " + name + " failed", cause);
        } catch (TimeoutException e) {
            throw new AssertionError("Thread " + name + " did not finish within " + WAIT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for thread " + name, e);
        }
    }

    /** Where {@code thread} is now, one frame per line: the evidence a stall report needs. */
    public static String stackOf(Thread thread) {
        StringBuilder b = new StringBuilder();
        for (StackTraceElement e : thread == null ? new StackTraceElement[0] : thread.getStackTrace()) {
            b.append("\n\tat ").append(e);
        }
        return b.toString();
    }
}
