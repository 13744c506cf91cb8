package dev.jasyncio.conformance.combinators;

import static dev.jasyncio.conformance.Tasks.ms;
import static dev.jasyncio.conformance.Tasks.spin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.AsyncTimeoutException;
import dev.jasyncio.CancelledError;
import dev.jasyncio.Future;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.Task;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.Tasks;
import dev.jasyncio.debug.VirtualClock;
import dev.jasyncio.testing.LoopTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Async.waitFor: cancel-and-wait on expiry, values returned despite cancellation, outside cancels kept. */
@Conformance
class WaitForTest {

    /** A future done in time gives its value. */
    @Test
    void valueInTimeIsReturned(LoopFactory factory) {
        String v = Tasks.run(factory, () -> Async.waitFor(Async.createTask(() -> {
            Async.sleep(Duration.ZERO);
            return "v";
        }), Duration.ofHours(1)));
        assertEquals("v", v);
    }

    /** On expiry the inner is cancelled and awaited until it ends, then the timeout is thrown: at the deadline plus the cleanup. */
    @LoopTest(virtualTime = true)
    void expiryCancelsTheInnerAndWaitsForIt(VirtualClock clock) {
        List<String> log = new ArrayList<>();
        Task<String> inner = Async.createTask(() -> {
            try {
                Async.sleep(Duration.ofHours(1));
                return "slept";
            } finally {
                Async.sleep(Duration.ofSeconds(2));
                log.add("inner cleaned up at " + clock.elapsed());
            }
        });
        AsyncTimeoutException e = assertThrows(AsyncTimeoutException.class, () -> Async.waitFor(inner, Duration.ofMinutes(30)));
        assertEquals(Duration.ofMinutes(30).plusSeconds(2), clock.elapsed(), "expired at the deadline, returned after the cleanup");
        assertInstanceOf(CancelledError.class, e.getCause());
        assertTrue(inner.isCancelled());
        assertEquals(List.of("inner cleaned up at PT30M2S"), log);
        assertEquals(0, Async.currentTask().cancelling());
    }

    /** An inner that swallows the cancellation and returns a value: that value is returned. */
    @Test
    void valueReturnedDespiteCancellationIsReturned(LoopFactory factory) {
        String v = Tasks.run(factory, () -> {
            Task<String> stubborn = Async.createTask(() -> {
                try {
                    Async.sleep(Duration.ofHours(1));
                    return "slept";
                } catch (CancelledError swallowed) {
                    return "swallowed";
                }
            });
            String r = Async.waitFor(stubborn, ms(2));
            assertEquals(0, Async.currentTask().cancelling());
            return r;
        });
        assertEquals("swallowed", v);
    }

    /** The coroutine form runs the coroutine in the caller's task; a swallowed cancellation returns its value. */
    @Test
    void coroutineFormRunsInTheCallersTask(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Task<?> me = Async.currentTask();
            assertSame(me, Async.waitFor(Async::currentTask, Duration.ofHours(1)));
            String v = Async.waitFor(() -> {
                try {
                    Async.sleep(Duration.ofHours(1));
                    return "slept";
                } catch (CancelledError swallowed) {
                    return "swallowed";
                }
            }, ms(2));
            assertEquals("swallowed", v);
            assertThrows(AsyncTimeoutException.class, () -> Async.waitFor(() -> {
                Async.sleep(Duration.ofHours(1));
                return null;
            }, ms(2)));
            return null;
        });
    }

    /** A zero or negative timeout cancels at once: a pending future, a coroutine that never starts. */
    @Test
    void nonPositiveTimeoutCancelsAtOnce(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Future<String> pending = Async.getRunningLoop().createFuture();
            assertThrows(AsyncTimeoutException.class, () -> Async.waitFor(pending, Duration.ZERO));
            assertTrue(pending.isCancelled());
            Future<String> done = Async.getRunningLoop().createFuture();
            done.setResult("ready");
            assertEquals("ready", Async.waitFor(done, ms(-5)));
            boolean[] ran = {false};
            assertThrows(AsyncTimeoutException.class, () -> Async.waitFor(() -> {
                ran[0] = true;
                return null;
            }, Duration.ZERO));
            assertFalse(ran[0], "the coroutine must not start");
            return null;
        });
    }

    /** Cancelling waitFor's task cancels the inner, and the cancellation (not a timeout) propagates. */
    @Test
    void cancellingTheWaiterCancelsTheInner(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Task<String> inner = Async.createTask(() -> {
                Async.sleep(Duration.ofHours(1));
                return "slept";
            });
            Task<String> waiter = Async.createTask(() -> Async.waitFor(inner, Duration.ofHours(1)));
            spin(2);
            waiter.cancel("outside");
            CancelledError e = assertThrows(CancelledError.class, () -> Async.await(waiter));
            assertEquals("outside", e.getMessage());
            assertTrue(inner.isCancelled());
            return null;
        });
    }

    /** A cancellation from outside while waitFor waits for the cancelled inner to end stays a cancellation. */
    @Test
    void outsideCancelDuringTheCleanupIsNotConverted(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Future<Void> cleanupDone = Async.getRunningLoop().createFuture();
            Task<String> inner = Async.createTask(() -> {
                try {
                    Async.sleep(Duration.ofHours(1));
                } finally {
                    Async.await(cleanupDone);
                }
                return "slept";
            });
            Task<String> waiter = Async.createTask(() -> Async.waitFor(inner, ms(1)));
            // Cancel from outside only once the inner cleans up: a cancel that arrives while the
            // first one is still being delivered merges with it (as in asyncio).
            while (inner.awaiting() != cleanupDone) {
                Async.sleep(ms(1));
            }
            waiter.cancel("outside");
            assertThrows(CancelledError.class, () -> Async.await(waiter));
            assertTrue(waiter.isCancelled());
            return null;
        });
    }

    /** An outside cancel arriving when the inner has just finished is not lost (cpython#86296). */
    @Test
    void outsideCancelAtTheMomentTheInnerFinishesIsKept(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Future<String> inner = Async.getRunningLoop().createFuture();
            Task<String> waiter = Async.createTask(() -> Async.waitFor(inner, Duration.ofHours(1)));
            spin(2);
            inner.setResult("done");
            waiter.cancel();
            assertThrows(CancelledError.class, () -> Async.await(waiter));
            assertTrue(waiter.isCancelled());
            return null;
        });
    }

    /** During the at-once cancellation of a zero timeout, cancelling the waiter propagates as cancellation. */
    @Test
    void cancelDuringTheZeroTimeoutWait(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Future<Void> cleanupDone = Async.getRunningLoop().createFuture();
            Task<String> inner = Async.createTask(() -> {
                try {
                    Async.sleep(Duration.ofHours(1));
                } finally {
                    Async.await(cleanupDone);
                }
                return "slept";
            });
            spin(1);
            Task<String> waiter = Async.createTask(() -> Async.waitFor(inner, Duration.ZERO));
            spin(2);
            assertTrue(inner.cancelling() > 0, "waitFor cancelled the inner at once");
            waiter.cancel();
            assertThrows(CancelledError.class, () -> Async.await(waiter));
            assertTrue(waiter.isCancelled());
            assertFalse(inner.isDone(), "the inner still cleans up");
            cleanupDone.setResult(null);
            while (!inner.isDone()) {
                Async.sleep(Duration.ZERO);
            }
            assertTrue(inner.isCancelled());
            return null;
        });
    }
}
