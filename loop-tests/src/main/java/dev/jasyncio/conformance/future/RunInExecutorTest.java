package dev.jasyncio.conformance.future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.CancelledError;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.OnLoop;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** runInExecutor and the loop's default executor. */
@Conformance
class RunInExecutorTest {

    /** A function given to the default executor runs in another thread and its value completes the loop future. */
    @Test
    void runInExecutorReturnsTheValueOfTheFunction(EventLoop loop) {
        Thread[] loopThread = new Thread[1];
        Future<Thread> f = OnLoop.call(loop, () -> {
            loopThread[0] = Thread.currentThread();
            return loop.runInExecutor(null, Thread::currentThread);
        });
        Thread worker = loop.runUntilComplete(f);
        assertNotSame(loopThread[0], worker, "the function ran on the loop thread");
    }

    /** An unchecked exception of the function fails the loop future with that exception. */
    @Test
    void runInExecutorCarriesTheExceptionOfTheFunction(EventLoop loop) {
        IllegalStateException boom = new IllegalStateException("boom");
        Future<Object> f = loop.runInExecutor(null, () -> {
            throw boom;
        });
        assertSame(boom, assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(f)));
    }

    /** A checked exception of the function fails the loop future with that exception (result() wraps it). */
    @Test
    void runInExecutorCarriesACheckedExceptionOfTheFunction(EventLoop loop) {
        IOException boom = new IOException("boom");
        Future<Object> f = loop.runInExecutor(null, () -> {
            throw boom;
        });
        assertSame(boom, assertThrows(CompletionException.class, () -> loop.runUntilComplete(f)).getCause());
        assertSame(boom, f.exception());
    }

    /** A function whose future is cancelled before it starts never runs. */
    @Test
    void aFunctionCancelledBeforeItStartsNeverRuns(EventLoop loop) {
        ExecutorService single = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean ran = new AtomicBoolean();
            Future<Boolean> afterwards = OnLoop.call(loop, () -> {
                loop.runInExecutor(single, () -> release.await(20, TimeUnit.SECONDS));
                Future<Object> cancelled = loop.runInExecutor(single, () -> {
                    ran.set(true);
                    return null;
                });
                assertTrue(cancelled.cancel());
                // Runs after the cancellation has reached the executor side (done callbacks come first).
                loop.callSoon(release::countDown);
                return loop.runInExecutor(single, ran::get);
            });
            assertFalse(loop.runUntilComplete(afterwards), "the cancelled function ran");
        } finally {
            single.shutdownNow();
        }
    }

    /** A function given to an explicit executor runs there. */
    @Test
    void runInExecutorUsesTheExecutorGiven(EventLoop loop) {
        ExecutorService named = Executors.newSingleThreadExecutor(r -> new Thread(r, "explicit-executor"));
        try {
            assertEquals("explicit-executor", loop.runUntilComplete(loop.runInExecutor(named, () -> Thread.currentThread().getName())));
        } finally {
            named.shutdownNow();
        }
    }

    /** setDefaultExecutor replaces the executor of runInExecutor calls that name none. */
    @Test
    void setDefaultExecutorReplacesTheDefault(EventLoop loop) {
        ExecutorService named = Executors.newSingleThreadExecutor(r -> new Thread(r, "default-executor"));
        try {
            loop.setDefaultExecutor(named);
            assertEquals("default-executor", loop.runUntilComplete(loop.runInExecutor(null, () -> Thread.currentThread().getName())));
        } finally {
            named.shutdownNow();
        }
    }

    /** After shutdownDefaultExecutor, runInExecutor without an executor fails; with one it still works. */
    @Test
    void runInExecutorWithoutAnExecutorFailsAfterShutdownDefaultExecutor(EventLoop loop) {
        assertEquals(1, loop.runUntilComplete(loop.runInExecutor(null, () -> 1)));
        loop.runUntilComplete(loop.shutdownDefaultExecutor(Duration.ofSeconds(10)));
        assertThrows(IllegalStateException.class, () -> loop.runInExecutor(null, () -> 2));
        assertEquals(3, loop.runUntilComplete(loop.runInExecutor(Runnable::run, () -> 3)));
    }

    /** shutdownDefaultExecutor completes only once the functions running on the default executor have finished. */
    @Test
    void shutdownDefaultExecutorWaitsForRunningFunctions(EventLoop loop) {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        loop.runInExecutor(null, () -> {
            started.countDown();
            Thread.sleep(100);
            finished.set(true);
            return null;
        });
        OnLoop.run(loop, () -> assertTrue(started.await(10, TimeUnit.SECONDS), "the function never started"));
        loop.runUntilComplete(loop.shutdownDefaultExecutor(Duration.ofSeconds(20)));
        assertTrue(finished.get(), "shutdownDefaultExecutor completed while a function was still running");
    }

    /** shutdownDefaultExecutor on a loop that never used its default executor completes. */
    @Test
    void shutdownDefaultExecutorOfAnUnusedExecutorCompletes(EventLoop loop) {
        Future<Void> f = loop.shutdownDefaultExecutor(Duration.ofSeconds(10));
        loop.runUntilComplete(f);
        assertTrue(f.isDone() && !f.isCancelled());
    }

    /** Cancelling runInExecutor's future makes runUntilComplete of it throw CancelledError. */
    @Test
    void aCancelledRunInExecutorFutureIsCancelled(EventLoop loop) {
        CountDownLatch release = new CountDownLatch(1);
        Future<Boolean> f = loop.runInExecutor(null, () -> release.await(20, TimeUnit.SECONDS));
        loop.callSoon(f::cancel);
        try {
            assertThrows(CancelledError.class, () -> loop.runUntilComplete(f));
        } finally {
            release.countDown();
        }
    }
}
