package dev.jasyncio.conformance.sync;

import static dev.jasyncio.conformance.Tasks.assertCancelled;
import static dev.jasyncio.conformance.Tasks.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.Task;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.Tasks;
import dev.jasyncio.sync.Barrier;
import dev.jasyncio.sync.BrokenBarrierException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Barrier (asyncio.Barrier, 3.11): rounds, indices, cancellation, abort and reset. */
@Conformance
class BarrierTest {

    private static List<Task<Integer>> arrive(Barrier b, int n) {
        List<Task<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add(Async.createTask(b::await));
        }
        return tasks;
    }

    private static Set<Integer> indices(List<Task<Integer>> tasks) {
        Set<Integer> s = new TreeSet<>();
        for (Task<Integer> t : tasks) {
            s.add(done(t));
        }
        return s;
    }

    /**
     * Each round of a Barrier(parties) hands out the indices 0 to parties - 1 in arrival order (the last
     * arrival gets parties - 1), and the barrier is reusable round after round.
     */
    @Test
    void eachRoundDealsDistinctIndicesInArrivalOrder(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Barrier b = new Barrier(3);
            assertEquals(3, b.parties());
            for (int round = 0; round < 3; round++) {
                List<Task<Integer>> tasks = arrive(b, 2);
                Tasks.settle();
                assertEquals(2, b.nWaiting());
                assertEquals(2, b.await(), "the task that completes the round gets parties - 1");
                Tasks.settle();
                assertEquals(0, done(tasks.get(0)));
                assertEquals(1, done(tasks.get(1)));
                assertEquals(0, b.nWaiting());
            }
            assertEquals(0, new Barrier(1).await());
            return null;
        });
    }

    /**
     * A task cancelled mid-round frees its place, even before it has resumed to leave: an arrival
     * right after the cancel does not complete the round with the cancelled task counted.
     */
    @Test
    void aCancelledWaiterLeavesTheRound(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Barrier b = new Barrier(3);
            List<Task<Integer>> tasks = arrive(b, 2);
            Tasks.settle();
            tasks.get(0).cancel();
            Task<Integer> last = Async.createTask(b::await);
            int mine = b.await();
            Tasks.settle();
            assertCancelled(tasks.get(0));
            assertEquals(2, done(last), "the third live arrival completes the round");
            Set<Integer> all = indices(List.of(tasks.get(1), last));
            all.add(mine);
            assertEquals(Set.of(0, 1, 2), all);
            assertEquals(0, b.nWaiting());
            return null;
        });
    }

    /**
     * A task cancelled after its round completed, before it resumed, ends cancelled without disturbing the
     * round or the next one.
     */
    @Test
    void aTaskCancelledAfterTheRoundCompletedDoesNotDisturbIt(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Barrier b = new Barrier(3);
            List<Task<Integer>> tasks = arrive(b, 2);
            Tasks.settle();
            assertEquals(2, b.await());
            tasks.get(0).cancel();
            Tasks.settle();
            assertCancelled(tasks.get(0));
            assertEquals(1, done(tasks.get(1)));
            List<Task<Integer>> next = arrive(b, 3);
            Tasks.settle();
            assertEquals(Set.of(0, 1, 2), indices(next));
            return null;
        });
    }

    /**
     * abort breaks the barrier: waiters and later arrivals fail with BrokenBarrierException until reset makes
     * it usable again.
     */
    @Test
    void abortBreaksWaitersAndLaterArrivalsUntilReset(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Barrier b = new Barrier(3);
            List<Task<Integer>> tasks = arrive(b, 2);
            Tasks.settle();
            b.abort();
            assertTrue(b.isBroken());
            assertEquals(0, b.nWaiting());
            Tasks.settle();
            for (Task<Integer> t : tasks) {
                assertTrue(t.isDone());
                assertTrue(t.exception() instanceof BrokenBarrierException, String.valueOf(t.exception()));
            }
            BrokenBarrierException e = assertThrows(BrokenBarrierException.class, b::await);
            assertTrue(e.getMessage().contains("aborted"), e.getMessage());
            b.reset();
            assertFalse(b.isBroken());
            List<Task<Integer>> again = arrive(b, 2);
            Tasks.settle();
            assertEquals(2, b.await());
            Tasks.settle();
            assertEquals(Set.of(0, 1), indices(again));
            return null;
        });
    }

    /**
     * reset breaks the waiters of the current round only (BrokenBarrierException) and leaves the barrier
     * usable.
     */
    @Test
    void resetBreaksTheCurrentWaitersOnly(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Barrier b = new Barrier(2);
            Task<Integer> early = Async.createTask(b::await);
            Tasks.settle();
            b.reset();
            assertFalse(b.isBroken());
            Tasks.settle();
            assertTrue(early.exception() instanceof BrokenBarrierException);
            Task<Integer> late = Async.createTask(b::await);
            Tasks.settle();
            assertEquals(1, b.await());
            Tasks.settle();
            assertEquals(0, done(late));
            return null;
        });
    }

    /** A barrier of fewer than one party is refused. */
    @Test
    void aBarrierOfFewerThanOnePartyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
    }

    /**
     * A barrier belongs to the first loop that uses it: using it on another loop fails with
     * IllegalStateException.
     */
    @Test
    void aBarrierBelongsToTheFirstLoopThatUsesIt(LoopFactory factory) {
        Barrier b = new Barrier(2);
        Tasks.run(factory, () -> {
            b.abort();
            return null;
        });
        IllegalStateException e = Tasks.run(factory, () -> assertThrows(IllegalStateException.class, b::reset));
        assertTrue(e.getMessage().contains("different event loop"), e.getMessage());
    }
}
