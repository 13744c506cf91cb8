package dev.jasyncio.conformance.future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.CancelledError;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.OnLoop;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bridges between loop futures and CompletableFutures, which other threads may use. */
@Conformance
class FutureBridgeTest {

    /** Starts a daemon thread. */
    private static void inAnotherThread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    /** The CompletableFuture of a loop future completes with its value, for a thread that waits on it. */
    @Test
    void toCompletableFutureCompletesForAnotherThread(EventLoop loop) {
        Future<String> f = loop.createFuture();
        CompletableFuture<String> cf = f.toCompletableFuture();
        Future<String> seen = loop.createFuture();
        inAnotherThread("waiter", () -> {
            try {
                String v = cf.get(20, TimeUnit.SECONDS);
                loop.callSoonThreadsafe(() -> seen.setResult("got " + v));
            } catch (Exception e) {
                loop.callSoonThreadsafe(() -> seen.setException(e));
            }
        });
        loop.callSoon(() -> f.setResult("value"));
        assertEquals("got value", loop.runUntilComplete(seen));
    }

    /** The CompletableFuture of a loop future that fails completes exceptionally with the same exception. */
    @Test
    void toCompletableFutureCarriesTheException(EventLoop loop) throws InterruptedException {
        Future<String> f = loop.createFuture();
        CompletableFuture<String> cf = f.toCompletableFuture();
        IllegalStateException boom = new IllegalStateException("boom");
        OnLoop.run(loop, () -> f.setException(boom));
        OnLoop.run(loop, () -> {});
        ExecutionException e = assertThrows(ExecutionException.class, () -> cf.get(10, TimeUnit.SECONDS));
        assertSame(boom, e.getCause());
    }

    /** The CompletableFuture of a loop future that is cancelled is cancelled too. */
    @Test
    void toCompletableFutureIsCancelledWithTheFuture(EventLoop loop) {
        Future<String> f = loop.createFuture();
        CompletableFuture<String> cf = f.toCompletableFuture();
        OnLoop.run(loop, () -> f.cancel());
        OnLoop.run(loop, () -> {});
        assertTrue(cf.isCancelled());
    }

    /** Cancelling the CompletableFuture from another thread cancels the loop future, on the loop. */
    @Test
    void cancellingTheCompletableFutureCancelsTheLoopFuture(EventLoop loop) {
        Future<String> f = loop.createFuture();
        CompletableFuture<String> cf = f.toCompletableFuture();
        loop.callSoon(() -> inAnotherThread("canceller", () -> cf.cancel(false)));
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(f));
        assertTrue(f.isCancelled());
    }

    /** A wrapped CompletableFuture completed by another thread completes the loop future, on the loop. */
    @Test
    void wrapFutureFollowsACompletableFutureCompletedOnAnotherThread(EventLoop loop) {
        CompletableFuture<String> cf = new CompletableFuture<>();
        Future<String> f = loop.wrapFuture(cf);
        Thread[] completedOn = new Thread[1];
        f.addDoneCallback(done -> completedOn[0] = Thread.currentThread());
        Thread[] loopThread = new Thread[1];
        loop.callSoon(() -> {
            loopThread[0] = Thread.currentThread();
            inAnotherThread("completer", () -> cf.complete("value"));
        });
        assertEquals("value", loop.runUntilComplete(f));
        assertSame(loopThread[0], completedOn[0], "the loop future's callbacks did not run on the loop");
    }

    /** A wrapped CompletableFuture that fails on another thread fails the loop future with the same exception. */
    @Test
    void wrapFutureCarriesTheException(EventLoop loop) {
        CompletableFuture<String> cf = new CompletableFuture<>();
        Future<String> f = loop.wrapFuture(cf);
        IllegalStateException boom = new IllegalStateException("boom");
        loop.callSoon(() -> inAnotherThread("completer", () -> cf.completeExceptionally(boom)));
        assertSame(boom, assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(f)));
        assertSame(boom, f.exception());
    }

    /** A wrapped CompletableFuture that is cancelled cancels the loop future. */
    @Test
    void wrapFutureIsCancelledWithTheCompletableFuture(EventLoop loop) {
        CompletableFuture<String> cf = new CompletableFuture<>();
        Future<String> f = loop.wrapFuture(cf);
        loop.callSoon(() -> inAnotherThread("canceller", () -> cf.cancel(false)));
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(f));
    }

    /** Cancelling the loop future of a wrapped CompletableFuture cancels the CompletableFuture. */
    @Test
    void cancellingTheWrappingFutureCancelsTheCompletableFuture(EventLoop loop) {
        CompletableFuture<String> cf = new CompletableFuture<>();
        Future<String> f = loop.wrapFuture(cf);
        OnLoop.run(loop, () -> f.cancel());
        OnLoop.run(loop, () -> {});
        assertTrue(cf.isCancelled());
        assertThrows(CancellationException.class, cf::join);
    }

    /** Wrapping a CompletableFuture already complete gives a future that completes on the loop. */
    @Test
    void wrapFutureOfACompletedCompletableFutureCompletes(EventLoop loop) {
        Future<String> f = loop.wrapFuture(CompletableFuture.completedFuture("ready"));
        assertEquals("ready", loop.runUntilComplete(f));
    }
}
