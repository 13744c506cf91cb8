package dev.jasyncio.sync;

import static dev.jasyncio.sync.OnLoop.assertCancelled;
import static dev.jasyncio.sync.OnLoop.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.CancelledError;
import dev.jasyncio.Task;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

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

    @OnLoop.BothEngines
    void signalWakesWaitersInArrivalOrder(String engine) {
        List<String> order = OnLoop.run(engine, () -> {
            Condition cond = new Condition();
            List<String> log = new ArrayList<>();
            List<Task<Void>> tasks = waiters(cond, 5, log);
            OnLoop.settle();
            assertFalse(cond.isLocked(), "waiting releases the lock");
            try (var _ = cond.acquired()) {
                cond.signal(2);
                OnLoop.settle();
                assertTrue(log.isEmpty(), "woken tasks wait for the lock");
            }
            OnLoop.settle();
            try (var _ = cond.acquired()) {
                cond.signal(0);
                cond.signal();
            }
            OnLoop.settle();
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

    @OnLoop.BothEngines
    void awaitAndSignalNeedTheLock(String engine) {
        OnLoop.run(engine, () -> {
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
    @OnLoop.BothEngines
    void aWaiterCancelledWhileWaitingReacquiresTheLock(String engine) {
        List<String> order = OnLoop.run(engine, () -> {
            Condition cond = new Condition();
            List<String> log = new ArrayList<>();
            List<Task<Void>> tasks = waiters(cond, 3, log);
            OnLoop.settle();
            cond.acquire();
            tasks.get(1).cancel();
            OnLoop.settle();
            assertFalse(tasks.get(1).isDone(), "the cancelled waiter waits for the lock before it ends");
            cond.release();
            OnLoop.settle();
            assertCancelled(tasks.get(1));
            assertFalse(cond.isLocked());
            try (var _ = cond.acquired()) {
                cond.signalAll();
            }
            OnLoop.settle();
            done(tasks.get(0));
            done(tasks.get(2));
            return log;
        });
        assertEquals(List.of("cancelled 1 locked=true", "woke 0", "woke 2"), order);
    }

    /** Signalled, then cancelled before it resumed: the signal passes to the next waiter. */
    @OnLoop.BothEngines
    void aSignalGrantedToACancelledWaiterGoesToTheNext(String engine) {
        List<String> order = OnLoop.run(engine, () -> {
            Condition cond = new Condition();
            List<String> log = new ArrayList<>();
            List<Task<Void>> tasks = waiters(cond, 3, log);
            OnLoop.settle();
            try (var _ = cond.acquired()) {
                cond.signal();
                tasks.get(0).cancel();
            }
            OnLoop.settle();
            assertCancelled(tasks.get(0));
            done(tasks.get(1));
            assertFalse(tasks.get(2).isDone(), "one signal wakes one waiter");
            try (var _ = cond.acquired()) {
                cond.signal();
            }
            OnLoop.settle();
            done(tasks.get(2));
            return log;
        });
        assertEquals(List.of("cancelled 0 locked=true", "woke 1", "woke 2"), order);
    }

    /** Cancelled while re-acquiring the lock after the signal: it still ends holding the lock. */
    @OnLoop.BothEngines
    void aWaiterCancelledWhileReacquiringStillGetsTheLock(String engine) {
        List<String> order = OnLoop.run(engine, () -> {
            Condition cond = new Condition();
            List<String> log = new ArrayList<>();
            List<Task<Void>> tasks = waiters(cond, 3, log);
            OnLoop.settle();
            cond.acquire();
            cond.signalAll();
            OnLoop.settle();
            tasks.get(1).cancel("twice");
            OnLoop.settle();
            tasks.get(1).cancel("and again");
            OnLoop.settle();
            assertFalse(tasks.get(1).isDone());
            cond.release();
            OnLoop.settle();
            for (int i : new int[] {0, 2}) {
                done(tasks.get(i));
            }
            assertCancelled(tasks.get(1));
            assertFalse(cond.isLocked());
            return log;
        });
        assertEquals(List.of("woke 0", "woke 2", "cancelled 1 locked=true"), order);
    }

    @OnLoop.BothEngines
    void awaitUntilWaitsForThePredicate(String engine) {
        List<Integer> consumed = OnLoop.run(engine, () -> {
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
                OnLoop.settle();
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

    @OnLoop.BothEngines
    void conditionsMayShareALock(String engine) {
        OnLoop.run(engine, () -> {
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

    @OnLoop.BothEngines
    void aConditionBelongsToTheFirstLoopThatUsesIt(String engine) {
        Condition cond = new Condition();
        OnLoop.run(engine, () -> {
            try (var _ = cond.acquired()) {
                cond.signal();
            }
            return null;
        });
        OnLoop.run(engine, () -> assertThrows(IllegalStateException.class, cond::acquire));
    }
}
