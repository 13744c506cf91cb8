package dev.jasyncio.queue;

import static dev.jasyncio.sync.OnLoop.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.Task;
import dev.jasyncio.sync.OnLoop;
import java.util.ArrayList;
import java.util.List;

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

    @OnLoop.BothEngines
    void shutdownWakesBlockedPuttersAndLetsGetsDrainTheQueue(String engine) {
        OnLoop.run(engine, () -> {
            Queue<String> q = new Queue<>(2);
            q.put("a");
            q.put("b");
            List<Task<Void>> putters = blockedPutters(q, 3);
            OnLoop.settle();
            q.shutdown();
            assertTrue(q.isShutDown());
            OnLoop.settle();
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

    @OnLoop.BothEngines
    void shutdownWakesBlockedGetters(String engine) {
        OnLoop.run(engine, () -> {
            Queue<String> q = new Queue<>();
            List<Task<String>> getters = blockedGetters(q, 3);
            OnLoop.settle();
            q.shutdown(false);
            OnLoop.settle();
            getters.forEach(QueueShutdownTest::assertShutDown);
            return null;
        });
    }

    @OnLoop.BothEngines
    void immediateShutdownDropsItemsAndReleasesJoin(String engine) {
        OnLoop.run(engine, () -> {
            Queue<String> q = new Queue<>(3);
            q.put("a");
            q.put("b");
            q.put("c");
            List<Task<Void>> putters = blockedPutters(q, 2);
            Task<Void> joiner = Async.createTask(() -> {
                q.join();
                return null;
            });
            OnLoop.settle();
            q.shutdown(true);
            assertEquals(0, q.qsize());
            assertEquals(0, q.unfinishedTasks());
            OnLoop.settle();
            putters.forEach(QueueShutdownTest::assertShutDown);
            done(joiner);
            QueueShutDownException e = assertThrows(QueueShutDownException.class, q::get);
            assertTrue(e.getMessage().contains("immediately"), e.getMessage());
            return null;
        });
    }

    @OnLoop.BothEngines
    void immediateShutdownWakesBlockedGetters(String engine) {
        OnLoop.run(engine, () -> {
            Queue<String> q = new Queue<>();
            List<Task<String>> getters = blockedGetters(q, 2);
            OnLoop.settle();
            q.shutdown(true);
            OnLoop.settle();
            getters.forEach(QueueShutdownTest::assertShutDown);
            q.join();
            return null;
        });
    }

    /** An item promised to a woken getter: a plain shutdown lets it through, an immediate one drops it. */
    @OnLoop.BothEngines
    void aPromisedItemSurvivesOnlyAPlainShutdown(String engine) {
        OnLoop.run(engine, () -> {
            Queue<String> plain = new Queue<>();
            Task<String> g1 = Async.createTask(plain::get);
            OnLoop.settle();
            plain.putNowait("x");
            plain.shutdown();
            OnLoop.settle();
            assertEquals("x", done(g1));

            Queue<String> immediate = new Queue<>();
            Task<String> g2 = Async.createTask(immediate::get);
            Task<Void> joiner = Async.createTask(() -> {
                immediate.join();
                return null;
            });
            OnLoop.settle();
            immediate.putNowait("y");
            immediate.shutdown(true);
            assertEquals(0, immediate.unfinishedTasks(), "the promised item is dropped too");
            OnLoop.settle();
            assertShutDown(g2);
            done(joiner);
            return null;
        });
    }

    /** A getter promised an item and cancelled after a plain shutdown leaves the item to later gets. */
    @OnLoop.BothEngines
    void anItemGivenBackAfterShutdownCanStillBeGot(String engine) {
        OnLoop.run(engine, () -> {
            Queue<String> q = new Queue<>();
            Task<String> getter = Async.createTask(q::get);
            OnLoop.settle();
            q.putNowait("x");
            q.shutdown();
            getter.cancel();
            OnLoop.settle();
            assertTrue(getter.isCancelled());
            assertFalse(q.isEmpty());
            assertEquals("x", q.get());
            assertThrows(QueueShutDownException.class, q::get);
            return null;
        });
    }
}
