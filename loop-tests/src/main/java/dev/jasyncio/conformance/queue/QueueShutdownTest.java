package dev.jasyncio.conformance.queue;

import static dev.jasyncio.conformance.Tasks.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.Task;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.Tasks;
import dev.jasyncio.queue.Queue;
import dev.jasyncio.queue.QueueShutDownException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Queue.shutdown (Python 3.13): plain and immediate, with blocked putters, getters and joiners. */
@Conformance
class QueueShutdownTest {

    private static List<Task<Void>> blockedPutters(Queue<String> q, int n) {
        List<Task<Void>> putters = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String item = "p" + i;
            putters.add(Async.createTask(() -> {
                q.put(item);
                return null;
            }));
        }
        return putters;
    }

    private static List<Task<String>> blockedGetters(Queue<String> q, int n) {
        List<Task<String>> getters = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            getters.add(Async.createTask(q::get));
        }
        return getters;
    }

    private static void assertShutDown(Task<?> t) {
        assertTrue(t.isDone(), () -> t + " is stranded");
        assertInstanceOf(QueueShutDownException.class, t.exception());
    }

    /**
     * A plain shutdown wakes the blocked putters with QueueShutDownException and refuses new puts, while gets
     * still drain the items left; once the queue is empty, gets fail with QueueShutDownException too.
     * Shutting down twice is harmless.
     */
    @Test
    void shutdownWakesBlockedPuttersAndLetsGetsDrainTheQueue(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Queue<String> q = new Queue<>(2);
            q.put("a");
            q.put("b");
            List<Task<Void>> putters = blockedPutters(q, 3);
            Tasks.settle();
            q.shutdown();
            assertTrue(q.isShutDown());
            Tasks.settle();
            putters.forEach(QueueShutdownTest::assertShutDown);
            assertThrows(QueueShutDownException.class, () -> q.put("c"));
            assertThrows(QueueShutDownException.class, () -> q.putNowait("c"));
            assertEquals("a", q.get());
            assertEquals("b", q.getNowait());
            assertThrows(QueueShutDownException.class, q::get);
            assertThrows(QueueShutDownException.class, q::getNowait);
            assertEquals(2, q.unfinishedTasks());
            q.shutdown();
            return null;
        });
    }

    /** A plain shutdown wakes getters blocked on an empty queue with QueueShutDownException. */
    @Test
    void shutdownWakesBlockedGetters(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Queue<String> q = new Queue<>();
            List<Task<String>> getters = blockedGetters(q, 3);
            Tasks.settle();
            q.shutdown(false);
            Tasks.settle();
            getters.forEach(QueueShutdownTest::assertShutDown);
            return null;
        });
    }

    /**
     * An immediate shutdown drops the queued items, counts them as done (which releases join), and wakes the
     * blocked putters with QueueShutDownException; a later get says the shutdown was immediate.
     */
    @Test
    void immediateShutdownDropsItemsAndReleasesJoin(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Queue<String> q = new Queue<>(3);
            q.put("a");
            q.put("b");
            q.put("c");
            List<Task<Void>> putters = blockedPutters(q, 2);
            Task<Void> joiner = Async.createTask(() -> {
                q.join();
                return null;
            });
            Tasks.settle();
            q.shutdown(true);
            assertEquals(0, q.qsize());
            assertEquals(0, q.unfinishedTasks());
            Tasks.settle();
            putters.forEach(QueueShutdownTest::assertShutDown);
            done(joiner);
            QueueShutDownException e = assertThrows(QueueShutDownException.class, q::get);
            assertTrue(e.getMessage().contains("immediately"), e.getMessage());
            return null;
        });
    }

    /**
     * An immediate shutdown wakes getters blocked on an empty queue with QueueShutDownException, and join
     * returns at once afterwards.
     */
    @Test
    void immediateShutdownWakesBlockedGetters(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Queue<String> q = new Queue<>();
            List<Task<String>> getters = blockedGetters(q, 2);
            Tasks.settle();
            q.shutdown(true);
            Tasks.settle();
            getters.forEach(QueueShutdownTest::assertShutDown);
            q.join();
            return null;
        });
    }

    /** An item promised to a woken getter: a plain shutdown lets it through, an immediate one drops it. */
    @Test
    void aPromisedItemSurvivesOnlyAPlainShutdown(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Queue<String> plain = new Queue<>();
            Task<String> g1 = Async.createTask(plain::get);
            Tasks.settle();
            plain.putNowait("x");
            plain.shutdown();
            Tasks.settle();
            assertEquals("x", done(g1));

            Queue<String> immediate = new Queue<>();
            Task<String> g2 = Async.createTask(immediate::get);
            Task<Void> joiner = Async.createTask(() -> {
                immediate.join();
                return null;
            });
            Tasks.settle();
            immediate.putNowait("y");
            immediate.shutdown(true);
            assertEquals(0, immediate.unfinishedTasks(), "the promised item is dropped too");
            Tasks.settle();
            assertShutDown(g2);
            done(joiner);
            return null;
        });
    }

    /** A getter promised an item and cancelled after a plain shutdown leaves the item to later gets. */
    @Test
    void anItemGivenBackAfterShutdownCanStillBeGot(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Queue<String> q = new Queue<>();
            Task<String> getter = Async.createTask(q::get);
            Tasks.settle();
            q.putNowait("x");
            q.shutdown();
            getter.cancel();
            Tasks.settle();
            assertTrue(getter.isCancelled());
            assertFalse(q.isEmpty());
            assertEquals("x", q.get());
            assertThrows(QueueShutDownException.class, q::get);
            return null;
        });
    }
}
