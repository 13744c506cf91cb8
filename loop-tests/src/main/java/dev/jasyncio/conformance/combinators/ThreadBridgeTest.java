package dev.jasyncio.conformance.combinators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.CancelledError;
import dev.jasyncio.ContextVar;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.Tasks;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** toThread, runCoroutineThreadsafe and wrapFuture: crossing between the loop and other threads. */
@Conformance
class ThreadBridgeTest {

    /** toThread runs the function on another thread while the task waits, and returns its value. */
    @Test
    void toThreadRunsOnAnExecutorThread(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Thread loopThread = Thread.currentThread();
            Thread worker = Async.toThread(Thread::currentThread);
            assertNotSame(loopThread, worker);
            CompletionException e = assertThrows(CompletionException.class, () -> Async.toThread(() -> {
                throw new IOException("io");
            }));
            assertInstanceOf(IOException.class, e.getCause());
            return null;
        });
    }

    /** toThread runs the function in a copy of the task's context: it sees the task's values, its sets stay there. */
    @Test
    void toThreadCopiesTheContext(LoopFactory factory) {
        ContextVar<String> request = new ContextVar<>("request", "none");
        Tasks.run(factory, () -> {
            request.set("task value");
            String seen = Async.toThread(() -> {
                String v = request.get();
                request.set("set by the thread");
                return v;
            });
            assertEquals("task value", seen);
            assertEquals("task value", request.get());
            return null;
        });
    }

    /** runCoroutineThreadsafe from another thread runs the coroutine on the loop and completes the CompletableFuture. */
    @Test
    void runCoroutineThreadsafeFromAnotherThread(LoopFactory factory) {
        Tasks.run(factory, () -> {
            EventLoop loop = Async.getRunningLoop();
            String r = Async.toThread(() -> {
                CompletableFuture<String> cf = Async.runCoroutineThreadsafe(loop, () -> {
                    Async.sleep(Duration.ZERO);
                    return "ran on " + Async.getRunningLoop().providerName();
                });
                return cf.get(10, TimeUnit.SECONDS);
            });
            assertEquals("ran on " + loop.providerName(), r, "the coroutine ran on the target loop");
            Throwable failure = Async.toThread(() -> {
                CompletableFuture<String> cf = Async.runCoroutineThreadsafe(loop, () -> {
                    throw new IllegalStateException("boom");
                });
                return assertThrows(ExecutionException.class, () -> cf.get(10, TimeUnit.SECONDS)).getCause();
            });
            assertEquals("boom", failure.getMessage());
            return null;
        });
    }

    /** Cancelling the CompletableFuture cancels the task on the loop. */
    @Test
    void cancellingTheCompletableFutureCancelsTheTask(LoopFactory factory) {
        Tasks.run(factory, () -> {
            EventLoop loop = Async.getRunningLoop();
            Future<String> started = loop.createFuture();
            Future<String> cancelledInside = loop.createFuture();
            CompletableFuture<String> cf = Async.runCoroutineThreadsafe(loop, () -> {
                started.setResult("started");
                try {
                    Async.sleep(Duration.ofHours(1));
                } catch (CancelledError e) {
                    cancelledInside.setResult("cancelled");
                    throw e;
                }
                return "slept";
            });
            Async.await(started);
            Async.toThread(() -> cf.cancel(true));
            assertEquals("cancelled", Async.await(cancelledInside));
            assertTrue(cf.isCancelled());
            return null;
        });
    }

    /** wrapFuture brings a CompletableFuture completed on another thread onto the loop. */
    @Test
    void wrapFutureFollowsAnotherThread(LoopFactory factory) {
        Tasks.run(factory, () -> {
            CompletableFuture<String> cf = CompletableFuture.supplyAsync(() -> "from afar");
            assertEquals("from afar", Async.await(Async.wrapFuture(cf)));
            return null;
        });
    }
}
