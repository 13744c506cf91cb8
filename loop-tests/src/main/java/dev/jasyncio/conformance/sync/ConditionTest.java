package dev.jasyncio.conformance.sync;

import static dev.jasyncio.conformance.Tasks.assertCancelled;
import static dev.jasyncio.conformance.Tasks.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.CancelledError;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.Task;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.Tasks;
import dev.jasyncio.sync.Condition;
import dev.jasyncio.sync.Lock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Condition (asyncio.Condition): signals in arrival order, the lock held again on every way out of await,
 * misuse.
 */
@Conformance
class ConditionTest {

    /** Tasks that wait on {@code cond} and log "woke i", or "cancelled i locked=…" when cancelled. */
    private static List<Task<Void>> waiters(Condition cond, int n, List<String> log) {
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int me = i;
            tasks.add(Async.createTask(() -> {
                try (var _ = cond.acquired()) {
                    try {
                        assertTrue(cond.await());
                        assertTrue(cond.isLocked());
                        log.add("woke " + me);
                    } catch (CancelledError c) {
                        log.add("cancelled " + me + " locked=" + cond.isLocked());
                        throw c;
                    }
                }
                return null;
            }));
        }
        return tasks;
    }

    /**
     * signal(n), signal() and signalAll wake waiters in arrival order; a woken waiter returns from await only
     * once it holds the lock again, and waiting releases the lock meanwhile.
     */
    @Test
    void signalWakesWaitersInArrivalOrder(LoopFactory factory) {
        List<String> order = Tasks.run(factory, () -> {
            Condition cond = new Condition();
            List<String> log = new ArrayList<>();
            List<Task<Void>> tasks = waiters(cond, 5, log);
            Tasks.settle();
            assertFalse(cond.isLocked(), "waiting releases the lock");
            try (var _ = cond.acquired()) {
                cond.signal(2);
                Tasks.settle();
                assertTrue(log.isEmpty(), "woken tasks wait for the lock");
            }
            Tasks.settle();
            try (var _ = cond.acquired()) {
                cond.signal(0);
                cond.signal();
            }
            Tasks.settle();
            try (var _ = cond.acquired()) {
                cond.signalAll();
            }
            for (Task<Void> t : tasks) {
                Async.await(t);
            }
            return log;
        });
        assertEquals(List.of("woke 0", "woke 1", "woke 2", "woke 3", "woke 4"), order);
    }

    /**
     * await, awaitUntil, signal and signalAll without the lock held fail with IllegalStateException, and so
     * does release; awaitUntil with a predicate that is already true returns at once, without the check.
     */
    @Test
    void awaitAndSignalNeedTheLock(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Condition cond = new Condition();
            for (Runnable misuse : List.<Runnable>of(cond::await, cond::signal, () -> cond.signal(3), cond::signalAll,
                    () -> cond.awaitUntil(() -> false))) {
                IllegalStateException e = assertThrows(IllegalStateException.class, misuse::run);
                assertTrue(e.getMessage().contains("lock held"), e.getMessage());
            }
            assertThrows(IllegalStateException.class, cond::release);
            assertTrue(cond.awaitUntil(() -> true), "a true predicate needs no wait, and no lock check");
            return null;
        });
    }

    /** Cancelled while waiting for the signal: the lock is held again when CancelledError arrives. */
    @Test
    void aWaiterCancelledWhileWaitingReacquiresTheLock(LoopFactory factory) {
        List<String> order = Tasks.run(factory, () -> {
            Condition cond = new Condition();
            List<String> log = new ArrayList<>();
            List<Task<Void>> tasks = waiters(cond, 3, log);
            Tasks.settle();
            cond.acquire();
            tasks.get(1).cancel();
            Tasks.settle();
            assertFalse(tasks.get(1).isDone(), "the cancelled waiter waits for the lock before it ends");
            cond.release();
            Tasks.settle();
            assertCancelled(tasks.get(1));
            assertFalse(cond.isLocked());
            try (var _ = cond.acquired()) {
                cond.signalAll();
            }
            Tasks.settle();
            done(tasks.get(0));
            done(tasks.get(2));
            return log;
        });
        assertEquals(List.of("cancelled 1 locked=true", "woke 0", "woke 2"), order);
    }

    /** Signalled, then cancelled before it resumed: the signal passes to the next waiter. */
    @Test
    void aSignalGrantedToACancelledWaiterGoesToTheNext(LoopFactory factory) {
        List<String> order = Tasks.run(factory, () -> {
            Condition cond = new Condition();
            List<String> log = new ArrayList<>();
            List<Task<Void>> tasks = waiters(cond, 3, log);
            Tasks.settle();
            try (var _ = cond.acquired()) {
                cond.signal();
                tasks.get(0).cancel();
            }
            Tasks.settle();
            assertCancelled(tasks.get(0));
            done(tasks.get(1));
            assertFalse(tasks.get(2).isDone(), "one signal wakes one waiter");
            try (var _ = cond.acquired()) {
                cond.signal();
            }
            Tasks.settle();
            done(tasks.get(2));
            return log;
        });
        assertEquals(List.of("cancelled 0 locked=true", "woke 1", "woke 2"), order);
    }

    /** Cancelled while re-acquiring the lock after the signal: it still ends holding the lock. */
    @Test
    void aWaiterCancelledWhileReacquiringStillGetsTheLock(LoopFactory factory) {
        List<String> order = Tasks.run(factory, () -> {
            Condition cond = new Condition();
            List<String> log = new ArrayList<>();
            List<Task<Void>> tasks = waiters(cond, 3, log);
            Tasks.settle();
            cond.acquire();
            cond.signalAll();
            Tasks.settle();
            tasks.get(1).cancel("twice");
            Tasks.settle();
            tasks.get(1).cancel("and again");
            Tasks.settle();
            assertFalse(tasks.get(1).isDone());
            cond.release();
            Tasks.settle();
            for (int i : new int[] {0, 2}) {
                done(tasks.get(i));
            }
            assertCancelled(tasks.get(1));
            assertFalse(cond.isLocked());
            return log;
        });
        assertEquals(List.of("woke 0", "woke 2", "cancelled 1 locked=true"), order);
    }

    /**
     * awaitUntil waits until the predicate holds, re-checking it after each wake-up, with the lock held when
     * it returns.
     */
    @Test
    void awaitUntilWaitsForThePredicate(LoopFactory factory) {
        List<Integer> consumed = Tasks.run(factory, () -> {
            Condition cond = new Condition(new Lock());
            ArrayDeque<Integer> items = new ArrayDeque<>();
            List<Integer> got = new ArrayList<>();
            Task<Void> consumer = Async.createTask(() -> {
                for (int i = 0; i < 6; i++) {
                    try (var _ = cond.acquired()) {
                        assertTrue(cond.awaitUntil(() -> !items.isEmpty()));
                        got.add(items.poll());
                    }
                }
                return null;
            });
            for (int i = 0; i < 6; i++) {
                Tasks.settle();
                try (var _ = cond.acquired()) {
                    items.add(i);
                    cond.signalAll();
                }
            }
            Async.await(consumer);
            return got;
        });
        assertEquals(List.of(0, 1, 2, 3, 4, 5), consumed);
    }

    /** Conditions made on the same Lock share it: acquiring through one locks the other. */
    @Test
    void conditionsMayShareALock(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Lock lock = new Lock();
            Condition a = new Condition(lock);
            Condition b = new Condition(lock);
            assertSame(lock, a.lock());
            a.acquire();
            assertTrue(b.isLocked());
            b.signalAll();
            b.release();
            assertFalse(lock.isLocked());
            return null;
        });
    }

    /**
     * A condition belongs to the first loop that uses it: acquiring it on another loop fails with
     * IllegalStateException.
     */
    @Test
    void aConditionBelongsToTheFirstLoopThatUsesIt(LoopFactory factory) {
        Condition cond = new Condition();
        Tasks.run(factory, () -> {
            try (var _ = cond.acquired()) {
                cond.signal();
            }
            return null;
        });
        IllegalStateException e = Tasks.run(factory, () -> assertThrows(IllegalStateException.class, cond::acquire));
        assertTrue(e.getMessage().contains("different event loop"), e.getMessage());
    }
}
