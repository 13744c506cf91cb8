package dev.jasyncio.conformance.combinators;

import static dev.jasyncio.conformance.Tasks.ms;
import static dev.jasyncio.conformance.Tasks.spin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.CancelledError;
import dev.jasyncio.Future;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.ReturnWhen;
import dev.jasyncio.Task;
import dev.jasyncio.WaitResult;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.Tasks;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Async.wait: the three return conditions, the timeout that neither throws nor cancels. */
@Conformance
class WaitTest {

    private static Task<String> later(long millis, String value) {
        return Async.createTask(() -> {
            Async.sleep(ms(millis));
            return value;
        });
    }

    /** ALL_COMPLETED returns once every future is done. */
    @Test
    void allCompletedWaitsForAll(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Task<String> a = later(2, "a");
            Task<String> b = later(0, "b");
            WaitResult<Task<String>> r = Async.wait(List.of(a, b), null, ReturnWhen.ALL_COMPLETED);
            assertEquals(Set.of(a, b), r.done());
            assertEquals(Set.of(), r.pending());
            return null;
        });
    }

    /** FIRST_COMPLETED returns on the first one done and leaves the others pending, not cancelled. */
    @Test
    void firstCompletedReturnsOnTheFirst(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Task<String> slow = later(1000, "slow");
            Task<String> fast = later(0, "fast");
            WaitResult<Task<String>> r = Async.wait(List.of(slow, fast), null, ReturnWhen.FIRST_COMPLETED);
            assertEquals(Set.of(fast), r.done());
            assertEquals(Set.of(slow), r.pending());
            assertFalse(slow.isCancelled());
            slow.cancel();
            return null;
        });
    }

    /** FIRST_EXCEPTION returns on the first error; a cancelled future does not count as one. */
    @Test
    void firstExceptionIgnoresCancellations(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Task<String> cancelled = later(1000, "c");
            Task<String> failing = Async.createTask(() -> {
                Async.sleep(ms(2));
                throw new IllegalStateException("boom");
            });
            Task<String> slow = later(1000, "slow");
            Async.sleep(Duration.ZERO);
            cancelled.cancel();
            WaitResult<Task<String>> r = Async.wait(List.of(cancelled, failing, slow), null, ReturnWhen.FIRST_EXCEPTION);
            assertEquals(Set.of(cancelled, failing), r.done());
            assertEquals(Set.of(slow), r.pending());
            assertEquals("boom", failing.exception().getMessage());
            slow.cancel();
            return null;
        });
    }

    /** On timeout wait returns what is done, throws nothing and cancels nothing; not before the deadline. */
    @Test
    void timeoutReturnsWithoutThrowingOrCancelling(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Task<String> slow = later(1000, "slow");
            long t0 = System.nanoTime();
            WaitResult<Task<String>> r = Async.wait(List.of(slow), ms(3), ReturnWhen.ALL_COMPLETED);
            assertTrue(System.nanoTime() - t0 >= ms(3).toNanos(), "returned before the deadline");
            assertEquals(Set.of(), r.done());
            assertEquals(Set.of(slow), r.pending());
            assertFalse(slow.isDone());
            slow.cancel();
            return null;
        });
    }

    /** Cancelling the waiting task leaves the futures running. */
    @Test
    void cancellingTheWaiterLeavesTheFuturesAlone(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Task<String> slow = later(1000, "slow");
            Task<Object> waiter = Async.createTask(() -> Async.wait(List.of(slow), null, ReturnWhen.ALL_COMPLETED));
            spin(2);
            waiter.cancel();
            assertThrows(CancelledError.class, () -> Async.await(waiter));
            assertFalse(slow.isDone());
            slow.cancel();
            return null;
        });
    }

    /** An empty collection is rejected, and wait needs a task. */
    @Test
    void emptyIsRejectedAndATaskIsRequired(LoopFactory factory) {
        Tasks.run(factory, () -> {
            List<Future<?>> none = List.of();
            assertThrows(IllegalArgumentException.class, () -> Async.wait(none, null, ReturnWhen.ALL_COMPLETED));
            Future<String> f = Async.getRunningLoop().createFuture();
            f.setResult("x");
            Future<Object> fromCallback = Async.getRunningLoop().createFuture();
            Async.getRunningLoop().callSoon(() -> {
                try {
                    Async.wait(List.of(f), null, ReturnWhen.ALL_COMPLETED);
                    fromCallback.setResult("no error");
                } catch (IllegalStateException e) {
                    fromCallback.setResult(e.getMessage());
                }
            });
            assertTrue(((String) Async.await(fromCallback)).contains("outside a task"));
            return null;
        });
    }
}
