package dev.jasyncio.sync;

import static dev.jasyncio.sync.OnLoop.assertCancelled;
import static dev.jasyncio.sync.OnLoop.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

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

    @OnLoop.BothEngines
    void eachRoundDealsDistinctIndicesInArrivalOrder(String engine) {
        OnLoop.run(engine, () -> {
            Barrier b = new Barrier(3);
            assertEquals(3, b.parties());
            for (int round = 0; round < 3; round++) {
                List<Task<Integer>> tasks = arrive(b, 2);
                OnLoop.settle();
                assertEquals(2, b.nWaiting());
                assertEquals(2, b.await(), "the task that completes the round gets parties - 1");
                OnLoop.settle();
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
    @OnLoop.BothEngines
    void aCancelledWaiterLeavesTheRound(String engine) {
        OnLoop.run(engine, () -> {
            Barrier b = new Barrier(3);
            List<Task<Integer>> tasks = arrive(b, 2);
            OnLoop.settle();
            tasks.get(0).cancel();
            Task<Integer> last = Async.createTask(b::await);
            int mine = b.await();
            OnLoop.settle();
            assertCancelled(tasks.get(0));
            assertEquals(2, done(last), "the third live arrival completes the round");
            Set<Integer> all = indices(List.of(tasks.get(1), last));
            all.add(mine);
            assertEquals(Set.of(0, 1, 2), all);
            assertEquals(0, b.nWaiting());
            return null;
        });
    }

    @OnLoop.BothEngines
    void aTaskCancelledAfterTheRoundCompletedDoesNotDisturbIt(String engine) {
        OnLoop.run(engine, () -> {
            Barrier b = new Barrier(3);
            List<Task<Integer>> tasks = arrive(b, 2);
            OnLoop.settle();
            assertEquals(2, b.await());
            tasks.get(0).cancel();
            OnLoop.settle();
            assertCancelled(tasks.get(0));
            assertEquals(1, done(tasks.get(1)));
            List<Task<Integer>> next = arrive(b, 3);
            OnLoop.settle();
            assertEquals(Set.of(0, 1, 2), indices(next));
            return null;
        });
    }

    @OnLoop.BothEngines
    void abortBreaksWaitersAndLaterArrivalsUntilReset(String engine) {
        OnLoop.run(engine, () -> {
            Barrier b = new Barrier(3);
            List<Task<Integer>> tasks = arrive(b, 2);
            OnLoop.settle();
            b.abort();
            assertTrue(b.isBroken());
            assertEquals(0, b.nWaiting());
            OnLoop.settle();
            for (Task<Integer> t : tasks) {
                assertTrue(t.isDone());
                assertTrue(t.exception() instanceof BrokenBarrierException, String.valueOf(t.exception()));
            }
            BrokenBarrierException e = assertThrows(BrokenBarrierException.class, b::await);
            assertTrue(e.getMessage().contains("aborted"), e.getMessage());
            b.reset();
            assertFalse(b.isBroken());
            List<Task<Integer>> again = arrive(b, 2);
            OnLoop.settle();
            assertEquals(2, b.await());
            OnLoop.settle();
            assertEquals(Set.of(0, 1), indices(again));
            return null;
        });
    }

    @OnLoop.BothEngines
    void resetBreaksTheCurrentWaitersOnly(String engine) {
        OnLoop.run(engine, () -> {
            Barrier b = new Barrier(2);
            Task<Integer> early = Async.createTask(b::await);
            OnLoop.settle();
            b.reset();
            assertFalse(b.isBroken());
            OnLoop.settle();
            assertTrue(early.exception() instanceof BrokenBarrierException);
            Task<Integer> late = Async.createTask(b::await);
            OnLoop.settle();
            assertEquals(1, b.await());
            OnLoop.settle();
            assertEquals(0, done(late));
            return null;
        });
    }

    @OnLoop.BothEngines
    void misuseIsReported(String engine) {
        assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
        Barrier b = new Barrier(2);
        OnLoop.run(engine, () -> {
            b.abort();
            return null;
        });
        OnLoop.run(engine, () -> assertThrows(IllegalStateException.class, b::reset));
    }
}
