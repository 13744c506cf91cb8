package dev.jasyncio.conformance.combinators;

import static dev.jasyncio.conformance.Tasks.ms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.AsCompleted;
import dev.jasyncio.Async;
import dev.jasyncio.AsyncTimeoutException;
import dev.jasyncio.Future;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.Task;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.Tasks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** Async.asCompleted: completion order, timeouts that leave stragglers alone. */
@Conformance
class AsCompletedTest {

    private static Task<String> later(long millis, String value) {
        return Async.createTask(() -> {
            Async.sleep(ms(millis));
            return value;
        });
    }

    /** Iterating gives futures whose outcomes come in completion order, errors included. */
    @Test
    void iterationGivesOutcomesInCompletionOrder(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Task<String> failing = Async.createTask(() -> {
                Async.sleep(ms(2));
                throw new IllegalStateException("boom");
            });
            List<String> order = new ArrayList<>();
            for (Future<String> next : Async.asCompleted(List.of(later(5, "slow"), failing, later(0, "fast")), null)) {
                try {
                    order.add(Async.await(next));
                } catch (IllegalStateException e) {
                    order.add(e.getMessage());
                }
            }
            assertEquals(List.of("fast", "boom", "slow"), order);
            return null;
        });
    }

    /** awaitNext returns the input futures themselves, done, in completion order; duplicates count once. */
    @Test
    void awaitNextReturnsTheInputs(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Task<String> slow = later(3, "slow");
            Task<String> fast = later(0, "fast");
            AsCompleted<String> it = Async.asCompleted(List.of(slow, fast, slow), null);
            assertSame(fast, it.awaitNext());
            assertTrue(it.hasNext());
            Future<? extends String> second = it.awaitNext();
            assertSame(slow, second);
            assertTrue(second.isDone());
            assertFalse(it.hasNext());
            assertThrows(NoSuchElementException.class, it::next);
            return null;
        });
    }

    /** At the deadline the remaining turns fail with the timeout, the stragglers are not cancelled. */
    @Test
    void deadlineFailsRemainingTurnsWithoutCancelling(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Task<String> fast = later(0, "fast");
            Async.await(fast);
            Task<String> slow = later(1000, "slow");
            long t0 = System.nanoTime();
            AsCompleted<String> it = Async.asCompleted(List.of(slow, fast), ms(10));
            assertEquals("fast", Async.await(it.next()));
            Future<String> second = it.next();
            assertThrows(AsyncTimeoutException.class, () -> Async.await(second));
            assertTrue(System.nanoTime() - t0 >= ms(10).toNanos(), "timed out before the deadline");
            assertFalse(slow.isDone(), "the straggler must not be cancelled");
            slow.cancel();
            return null;
        });
    }

    /** Cancelling a turn gives it back: its input goes to the next turn. */
    @Test
    void aCancelledTurnIsGivenBack(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Task<String> a = later(1, "a");
            AsCompleted<String> it = Async.asCompleted(List.of(a), null);
            Future<String> first = it.next();
            assertFalse(it.hasNext());
            first.cancel();
            Async.sleep(Duration.ZERO);
            Async.sleep(Duration.ZERO);
            assertTrue(it.hasNext());
            assertEquals("a", Async.await(it.next()));
            return null;
        });
    }

    /** No inputs: nothing to iterate. */
    @Test
    void emptyInputGivesNoTurns(LoopFactory factory) {
        Tasks.run(factory, () -> {
            AsCompleted<String> it = Async.asCompleted(List.<Future<String>>of(), ms(1));
            assertFalse(it.hasNext());
            assertThrows(NoSuchElementException.class, it::next);
            return null;
        });
    }
}
