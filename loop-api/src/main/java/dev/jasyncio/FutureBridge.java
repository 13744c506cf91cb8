package dev.jasyncio;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * The two bridges between loop futures (loop thread only) and {@link CompletableFuture}s (any
 * thread). Every crossing to the loop goes through {@link EventLoop#callSoonThreadsafe}.
 */
final class FutureBridge {
    private FutureBridge() {}

    /** A loop future that follows {@code stage}; cancelling it cancels the stage's future. */
    static <T> Future<T> wrap(LoopCore loop, CompletionStage<T> stage) {
        Future<T> f = loop.createFuture();
        CompletableFuture<T> cf = stage.toCompletableFuture();
        cf.whenComplete((v, t) -> {
            if (loop.isClosed()) {
                return;
            }
            loop.callSoonThreadsafe(() -> {
                if (f.isDone()) {
                    return;
                }
                if (t == null) {
                    f.setResult(v);
                    return;
                }
                Throwable cause = unwrap(t);
                if (cause instanceof CancellationException ce) {
                    f.cancel(ce.getMessage());
                } else {
                    f.setException(cause);
                }
            });
        });
        f.addDoneCallback(done -> {
            if (done.isCancelled()) {
                cf.cancel(false);
            }
        });
        return f;
    }

    /** A CompletableFuture that follows {@code f}; cancelling it cancels {@code f} on its loop. */
    static <T> CompletableFuture<T> toCompletable(Future<T> f) {
        CompletableFuture<T> cf = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                if (cancelled && !f.getLoop().isClosed()) {
                    f.getLoop().callSoonThreadsafe(() -> f.cancel());
                }
                return cancelled;
            }
        };
        f.addDoneCallback(done -> {
            if (done.isCancelled()) {
                cf.cancel(false);
            } else if (done.exception() != null) {
                cf.completeExceptionally(done.exception());
            } else {
                cf.complete(done.result());
            }
        });
        return cf;
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
