package dev.jasyncio.conformance.queue;

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
import dev.jasyncio.queue.LifoQueue;
import dev.jasyncio.queue.PriorityQueue;
import dev.jasyncio.queue.Queue;
import dev.jasyncio.queue.QueueEmptyException;
import dev.jasyncio.queue.QueueFullException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Queue, PriorityQueue and LifoQueue (asyncio.Queue): the no-wait operations, waiters served in arrival
 * order, promised items and reserved slots, join and taskDone.
 */
@Conformance
class QueueTest {

    /**
     * The no-wait operations and the counts: getNowait on an empty queue and putNowait on a full one fail
     * with QueueEmptyException and QueueFullException, put and get return at once when they can, null items
     * are refused, maxsize 0 or less means unbounded, and every item got stays unfinished until taskDone.
     */
    @Test
    void nowaitOperationsAndCounts(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Queue<String> q = new Queue<>(2);
            assertEquals(2, q.maxsize());
            assertTrue(q.isEmpty());
            assertThrows(QueueEmptyException.class, q::getNowait);
            q.putNowait("a");
            q.put("b");
            assertTrue(q.isFull());
            assertEquals(2, q.qsize());
            QueueFullException full = assertThrows(QueueFullException.class, () -> q.putNowait("c"));
            assertTrue(full.getMessage().contains("full"), full.getMessage());
            assertEquals("a", q.getNowait());
            assertEquals("b", q.get());
            assertTrue(q.isEmpty());
            assertFalse(q.isFull());
            assertEquals(2, q.unfinishedTasks());
            assertThrows(NullPointerException.class, () -> q.putNowait(null));
            Queue<Integer> unbounded = new Queue<>(-1);
            for (int i = 0; i < 1000; i++) {
                unbounded.putNowait(i);
            }
            assertFalse(unbounded.isFull());
            assertEquals(1000, unbounded.qsize());
            assertEquals(0, new Queue<>().maxsize());
            return null;
        });
    }

    /** Getters waiting on an empty queue are served in the order they arrived. */
    @Test
    void waitingGettersAreServedInArrivalOrder(LoopFactory factory) {
        List<String> got = Tasks.run(factory, () -> {
            Queue<String> q = new Queue<>();
            List<Task<String>> getters = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                getters.add(Async.createTask(q::get));
            }
            Tasks.settle();
            for (String s : List.of("a", "b", "c", "d")) {
                q.putNowait(s);
            }
            List<String> out = new ArrayList<>();
            for (Task<String> g : getters) {
                out.add(Async.await(g));
            }
            return out;
        });
        assertEquals(List.of("a", "b", "c", "d"), got);
    }

    /**
     * Putters waiting on a full queue are served in the order they arrived, after the items already queued.
     */
    @Test
    void waitingPuttersAreServedInArrivalOrder(LoopFactory factory) {
        List<String> got = Tasks.run(factory, () -> {
            Queue<String> q = new Queue<>(1);
            q.putNowait("first");
            List<Task<Void>> putters = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String item = "p" + i;
                putters.add(Async.createTask(() -> {
                    q.put(item);
                    return null;
                }));
            }
            Tasks.settle();
            List<String> out = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                out.add(q.get());
            }
            for (Task<Void> p : putters) {
                done(p);
            }
            return out;
        });
        assertEquals(List.of("first", "p0", "p1", "p2", "p3"), got);
    }

    /** An item put while a getter waits is promised to it: a caller arriving later cannot take it. */
    @Test
    void anItemPutWhileAGetterWaitsIsPromisedToIt(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Queue<String> q = new Queue<>(1);
            Task<String> getter = Async.createTask(q::get);
            Tasks.settle();
            q.putNowait("x");
            assertEquals(0, q.qsize(), "promised to the waiting getter");
            assertTrue(q.isEmpty());
            assertTrue(q.isFull(), "the item keeps its slot until the getter takes it");
            assertThrows(QueueEmptyException.class, q::getNowait);
            assertThrows(QueueFullException.class, () -> q.putNowait("y"));
            Tasks.settle();
            assertEquals("x", done(getter));
            assertFalse(q.isFull());
            return null;
        });
    }

    /** A slot freed while a putter waits is that putter's: a caller arriving later cannot fill it. */
    @Test
    void aSlotFreedForAWokenPutterIsReservedForIt(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Queue<String> q = new Queue<>(1);
            q.putNowait("a");
            Task<Void> putter = Async.createTask(() -> {
                q.put("b");
                return null;
            });
            Tasks.settle();
            assertEquals("a", q.getNowait());
            assertTrue(q.isFull(), "the freed slot is reserved for the waiting putter");
            assertThrows(QueueFullException.class, () -> q.putNowait("newcomer"));
            Tasks.settle();
            done(putter);
            assertEquals("b", q.getNowait());
            return null;
        });
    }

    /**
     * join returns once every item put has been marked done with taskDone (at once for a queue with none),
     * for every joiner; taskDone more times than items fails with IllegalStateException.
     */
    @Test
    void joinWaitsUntilEveryItemIsDone(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Queue<Integer> q = new Queue<>();
            q.join();
            IllegalStateException e = assertThrows(IllegalStateException.class, q::taskDone);
            assertTrue(e.getMessage().contains("more times"), e.getMessage());
            for (int i = 0; i < 3; i++) {
                q.put(i);
            }
            List<Task<Void>> joiners = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                joiners.add(Async.createTask(() -> {
                    q.join();
                    return null;
                }));
            }
            Task<Void> worker = Async.createTask(() -> {
                for (int i = 0; i < 3; i++) {
                    q.get();
                    Async.sleep(java.time.Duration.ZERO);
                    q.taskDone();
                }
                return null;
            });
            q.join();
            assertEquals(0, q.unfinishedTasks());
            Tasks.settle();
            done(worker);
            for (Task<Void> j : joiners) {
                done(j);
            }
            assertThrows(IllegalStateException.class, q::taskDone);
            return null;
        });
    }

    /**
     * A PriorityQueue hands out the lowest item first, by natural order or by its comparator; an item that is
     * not Comparable is refused with ClassCastException.
     */
    @Test
    void priorityQueueHandsOutTheLowestFirst(LoopFactory factory) {
        Tasks.run(factory, () -> {
            PriorityQueue<Integer> natural = new PriorityQueue<>();
            for (int i : new int[] {5, 1, 4, 2, 3}) {
                natural.put(i);
            }
            List<Integer> out = new ArrayList<>();
            while (!natural.isEmpty()) {
                out.add(natural.get());
            }
            assertEquals(List.of(1, 2, 3, 4, 5), out);

            PriorityQueue<String> byLength = new PriorityQueue<>(3, Comparator.comparingInt(String::length).reversed());
            byLength.put("aa");
            byLength.put("a");
            byLength.put("aaa");
            assertTrue(byLength.isFull());
            assertEquals("aaa", byLength.get());
            assertEquals("aa", byLength.get());
            assertEquals("a", byLength.get());

            PriorityQueue<Object> notComparable = new PriorityQueue<>();
            assertThrows(ClassCastException.class, () -> notComparable.put(new Object()));
            return null;
        });
    }

    /**
     * A LifoQueue hands out the newest item first, and a putter blocked on it while full puts once a slot
     * frees.
     */
    @Test
    void lifoQueueHandsOutTheNewestFirst(LoopFactory factory) {
        Tasks.run(factory, () -> {
            LifoQueue<Integer> q = new LifoQueue<>(3);
            q.put(1);
            q.put(2);
            q.put(3);
            assertTrue(q.isFull());
            Task<Void> blocked = Async.createTask(() -> {
                q.put(4);
                return null;
            });
            Tasks.settle();
            assertEquals(3, q.get());
            Tasks.settle();
            done(blocked);
            assertEquals(4, q.get());
            assertEquals(2, q.get());
            assertEquals(1, q.getNowait());
            return null;
        });
    }

    /** Benchmark W5's shape: 10,000 round trips between two tasks over two Queue(1). */
    @Test
    void pingPongOverTwoBoundedQueues(LoopFactory factory) {
        int rounds = 10_000;
        long[] result = Tasks.run(factory, () -> {
            Queue<Integer> ping = new Queue<>(1);
            Queue<Integer> pong = new Queue<>(1);
            Task<Integer> echo = Async.createTask(() -> {
                int n = 0;
                while (true) {
                    int v = ping.get();
                    if (v < 0) {
                        return n;
                    }
                    n++;
                    pong.put(v + 1);
                }
            });
            long sum = 0;
            for (int i = 0; i < rounds; i++) {
                ping.put(i);
                sum += pong.get();
            }
            ping.put(-1);
            return new long[] {Async.await(echo), sum};
        });
        assertEquals(rounds, result[0]);
        assertEquals((long) rounds * (rounds + 1) / 2, result[1]);
    }

    /**
     * A queue belongs to the first loop that uses it: using it from another loop fails with
     * IllegalStateException.
     */
    @Test
    void aQueueBelongsToTheFirstLoopThatUsesIt(LoopFactory factory) {
        Queue<String> q = new Queue<>();
        Tasks.run(factory, () -> {
            q.putNowait("x");
            return null;
        });
        IllegalStateException e = Tasks.run(factory, () -> assertThrows(IllegalStateException.class, q::getNowait));
        assertTrue(e.getMessage().contains("different event loop"), e.getMessage());
    }
}
