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

class EventTest {

    @OnLoop.BothEngines
    void setWakesEveryWaiterInArrivalOrder(String engine) {
        List<Integer> order = OnLoop.run(engine, () -> {
            Event e = new Event();
            List<Integer> log = new ArrayList<>();
            List<Task<Boolean>> tasks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int me = i;
                tasks.add(Async.createTask(() -> {
                    boolean r = e.await();
                    log.add(me);
                    return r;
                }));
            }
            OnLoop.settle();
            assertTrue(log.isEmpty());
            assertFalse(e.isSet());
            e.set();
            e.clear();
            for (Task<Boolean> t : tasks) {
                assertTrue(Async.await(t), "await() returns true, even if cleared before it resumed");
            }
            return log;
        });
        assertEquals(List.of(0, 1, 2, 3), order);
    }

    @OnLoop.BothEngines
    void awaitOnASetEventReturnsAtOnce(String engine) {
        OnLoop.run(engine, () -> {
            Event e = new Event();
            e.set();
            e.set();
            assertTrue(e.isSet());
            Async.currentTask().cancel();
            assertTrue(e.await(), "no suspension, so the pending cancel is not delivered");
            Async.currentTask().uncancel();
            e.clear();
            assertFalse(e.isSet());
            return null;
        });
    }

    /** A waiter cancelled while waiting, or after set() woke it, ends cancelled; the others return. */
    @OnLoop.BothEngines
    void aCancelledWaiterDoesNotDisturbTheOthers(String engine) {
        OnLoop.run(engine, () -> {
            Event e = new Event();
            List<Task<Boolean>> tasks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                tasks.add(Async.createTask(e::await));
            }
            OnLoop.settle();
            tasks.get(1).cancel();
            OnLoop.settle();
            assertCancelled(tasks.get(1));
            e.set();
            tasks.get(2).cancel();
            OnLoop.settle();
            assertCancelled(tasks.get(2));
            assertTrue(done(tasks.get(0)));
            assertTrue(done(tasks.get(3)));
            e.clear();
            Task<Boolean> later = Async.createTask(e::await);
            OnLoop.settle();
            assertFalse(later.isDone());
            e.set();
            OnLoop.settle();
            assertTrue(done(later));
            return null;
        });
    }

    @OnLoop.BothEngines
    void anEventBelongsToTheFirstLoopThatUsesIt(String engine) {
        Event e = new Event();
        OnLoop.run(engine, () -> {
            e.set();
            return null;
        });
        OnLoop.run(engine, () -> assertThrows(IllegalStateException.class, e::clear));
    }
}
