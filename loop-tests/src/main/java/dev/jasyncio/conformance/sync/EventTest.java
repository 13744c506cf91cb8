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
import dev.jasyncio.sync.Event;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Event (asyncio.Event): set wakes all waiters, clear, cancellation of waiters. */
@Conformance
class EventTest {

    /**
     * set wakes every waiter, in arrival order, and their await returns true even if the event was cleared
     * before they resumed.
     */
    @Test
    void setWakesEveryWaiterInArrivalOrder(LoopFactory factory) {
        List<Integer> order = Tasks.run(factory, () -> {
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
            Tasks.settle();
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

    /**
     * await on a set event returns true at once without suspending (a pending cancellation is not delivered);
     * set is idempotent and clear resets.
     */
    @Test
    void awaitOnASetEventReturnsAtOnce(LoopFactory factory) {
        Tasks.run(factory, () -> {
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
    @Test
    void aCancelledWaiterDoesNotDisturbTheOthers(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Event e = new Event();
            List<Task<Boolean>> tasks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                tasks.add(Async.createTask(e::await));
            }
            Tasks.settle();
            tasks.get(1).cancel();
            Tasks.settle();
            assertCancelled(tasks.get(1));
            e.set();
            tasks.get(2).cancel();
            Tasks.settle();
            assertCancelled(tasks.get(2));
            assertTrue(done(tasks.get(0)));
            assertTrue(done(tasks.get(3)));
            e.clear();
            Task<Boolean> later = Async.createTask(e::await);
            Tasks.settle();
            assertFalse(later.isDone());
            e.set();
            Tasks.settle();
            assertTrue(done(later));
            return null;
        });
    }

    /**
     * An event belongs to the first loop that uses it: using it on another loop fails with
     * IllegalStateException.
     */
    @Test
    void anEventBelongsToTheFirstLoopThatUsesIt(LoopFactory factory) {
        Event e = new Event();
        Tasks.run(factory, () -> {
            e.set();
            return null;
        });
        IllegalStateException wrongLoop = Tasks.run(factory, () -> assertThrows(IllegalStateException.class, e::clear));
        assertTrue(wrongLoop.getMessage().contains("different event loop"), wrongLoop.getMessage());
    }
}
