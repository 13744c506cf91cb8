package dev.jasyncio.conformance.queue;

import static dev.jasyncio.conformance.Tasks.assertCancelled;
import static dev.jasyncio.conformance.Tasks.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.Task;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.Tasks;
import dev.jasyncio.queue.LifoQueue;
import dev.jasyncio.queue.PriorityQueue;
import dev.jasyncio.queue.Queue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A waiter cancelled at each of its await points, at each place in line: nobody stranded, nothing lost. */
@Conformance
class QueueCancellationTest {

    enum Timing { WAITING, GRANTED }

    static final int WAITERS = 3;

    static Stream<Arguments> cancellations() {
        return IntStream.range(0, WAITERS).boxed()
            .flatMap(victim -> Stream.of(Timing.values()).map(t -> Arguments.of(victim, t)));
    }

    static Stream<Arguments> kinds() {
        return cancellations().flatMap(a -> Stream.of("fifo", "lifo", "priority").map(kind -> {
            Object[] args = a.get();
            return Arguments.of(args[0], args[1], kind);
        }));
    }

    private static Queue<String> newQueue(String kind, int maxsize) {
        return switch (kind) {
            case "fifo" -> new Queue<>(maxsize);
            case "lifo" -> new LifoQueue<>(maxsize);
            default -> new PriorityQueue<>(maxsize);
        };
    }

    /**
     * Three getters wait; one is cancelled while waiting, or right after a put promised it an
     * item (before it resumed). Three items are put in one step. The live getters take the first
     * two in arrival order, the third stays queued, and the victim takes none.
     */
    @ParameterizedTest(name = "victim={0} {1} {2}")
    @MethodSource("kinds")
    void aCancelledGetterGivesItsPromiseBack(int victim, Timing timing, String kind, LoopFactory factory) {
        Tasks.run(factory, () -> {
            Queue<String> q = newQueue(kind, 0);
            List<Task<String>> getters = new ArrayList<>();
            for (int i = 0; i < WAITERS; i++) {
                getters.add(Async.createTask(q::get, "G" + i));
            }
            Tasks.settle();
            if (timing == Timing.WAITING) {
                getters.get(victim).cancel();
            }
            List<String> put = List.of("a", "b", "c");
            for (int i = 0; i < put.size(); i++) {
                q.putNowait(put.get(i));
                if (timing == Timing.GRANTED && i == victim) {
                    getters.get(victim).cancel();
                }
            }
            assertEquals(timing == Timing.WAITING ? 1 : 0, q.qsize(), "items are promised to the pending getters");
            Tasks.settle();
            List<String> got = new ArrayList<>();
            for (int i = 0; i < WAITERS; i++) {
                if (i == victim) {
                    assertCancelled(getters.get(i));
                } else {
                    got.add(done(getters.get(i)));
                }
            }
            assertEquals(1, q.qsize(), "the victim's promise went back: one item is left");
            List<String> all = new ArrayList<>(got);
            all.add(q.getNowait());
            if (!kind.equals("lifo")) {
                assertEquals(put, all, "completed gets see the items in queue order");
            }
            all.sort(null);
            assertEquals(put, all, "every item put was got exactly once or is still queued");
            assertEquals(put.size(), q.unfinishedTasks());
            assertFalse(q.isFull());
            return null;
        });
    }

    /** A getter cancelled right after a put promised it an item: the next getter gets that item. */
    @ParameterizedTest(name = "victim={0}")
    @MethodSource("victims")
    void aPromiseGivenBackWakesTheNextGetter(int victim, LoopFactory factory) {
        Tasks.run(factory, () -> {
            Queue<String> q = new Queue<>(1);
            List<Task<String>> getters = new ArrayList<>();
            for (int i = 0; i < WAITERS; i++) {
                getters.add(Async.createTask(q::get, "G" + i));
            }
            Tasks.settle();
            for (int i = 0; i < victim; i++) {
                q.put("early" + i);
                Tasks.settle();
                assertEquals("early" + i, done(getters.get(i)));
            }
            q.put("x");
            getters.get(victim).cancel();
            Tasks.settle();
            assertCancelled(getters.get(victim));
            if (victim + 1 < WAITERS) {
                assertEquals("x", done(getters.get(victim + 1)), "the next getter got the victim's item");
                assertTrue(q.isEmpty());
                for (int i = victim + 2; i < WAITERS; i++) {
                    q.put("late" + i);
                    Tasks.settle();
                    assertEquals("late" + i, done(getters.get(i)));
                }
            } else {
                assertEquals("x", q.getNowait(), "no getter left: the item is there for the next get");
            }
            assertTrue(q.isEmpty());
            assertFalse(q.isFull());
            return null;
        });
    }

    static Stream<Arguments> victims() {
        return IntStream.range(0, WAITERS).mapToObj(victim -> Arguments.of(victim));
    }

    /**
     * Three putters wait on a full queue of one slot; one is cancelled while waiting, or right
     * after a get reserved the freed slot for it. The slot goes to the next putter; the victim's
     * item never enters the queue; the others' arrive in order (one at a time, whatever the kind).
     */
    @ParameterizedTest(name = "victim={0} {1} {2}")
    @MethodSource("kinds")
    void aCancelledPutterPassesItsSlotOn(int victim, Timing timing, String kind, LoopFactory factory) {
        Tasks.run(factory, () -> {
            Queue<String> q = newQueue(kind, 1);
            q.putNowait("init");
            IntFunction<Task<Void>> putter = i -> Async.createTask(() -> {
                q.put("p" + i);
                return null;
            }, "P" + i);
            List<Task<Void>> putters = new ArrayList<>();
            for (int i = 0; i < WAITERS; i++) {
                putters.add(putter.apply(i));
            }
            Tasks.settle();
            List<String> got = new ArrayList<>();
            if (timing == Timing.WAITING) {
                putters.get(victim).cancel();
                Tasks.settle();
            } else {
                for (int i = 0; i < victim; i++) {
                    got.add(q.getNowait());
                    Tasks.settle();
                }
                got.add(q.getNowait());
                assertTrue(q.isFull(), "the freed slot is reserved for the victim");
                putters.get(victim).cancel();
                Tasks.settle();
                assertCancelled(putters.get(victim));
                if (victim + 1 < WAITERS) {
                    done(putters.get(victim + 1));
                    assertEquals(1, q.qsize(), "the next putter got the slot");
                } else {
                    assertEquals(0, q.qsize(), "no putter left: the slot is free");
                }
            }
            while (!q.isEmpty()) {
                got.add(q.getNowait());
                Tasks.settle();
            }
            List<String> expected = new ArrayList<>(List.of("init"));
            for (int i = 0; i < WAITERS; i++) {
                if (i == victim) {
                    assertCancelled(putters.get(i));
                } else {
                    done(putters.get(i));
                    expected.add("p" + i);
                }
            }
            assertEquals(expected, got);
            assertEquals(WAITERS, q.unfinishedTasks(), "init and the two live putters' items");
            assertFalse(q.isFull());
            q.putNowait("free");
            return null;
        });
    }

    /** A joiner cancelled while waiting, or just after taskDone woke it, leaves the others waking. */
    @ParameterizedTest(name = "victim={0} {1} {2}")
    @MethodSource("kinds")
    void aCancelledJoinerDoesNotDisturbTheOthers(int victim, Timing timing, String kind, LoopFactory factory) {
        Tasks.run(factory, () -> {
            Queue<String> q = newQueue(kind, 0);
            q.putNowait("job");
            List<Task<Void>> joiners = new ArrayList<>();
            for (int i = 0; i < WAITERS; i++) {
                joiners.add(Async.createTask(() -> {
                    q.join();
                    return null;
                }));
            }
            Tasks.settle();
            if (timing == Timing.WAITING) {
                joiners.get(victim).cancel();
                Tasks.settle();
            }
            q.getNowait();
            q.taskDone();
            if (timing == Timing.GRANTED) {
                joiners.get(victim).cancel();
            }
            Tasks.settle();
            for (int i = 0; i < WAITERS; i++) {
                if (i == victim) {
                    assertCancelled(joiners.get(i));
                } else {
                    done(joiners.get(i));
                }
            }
            q.join();
            return null;
        });
    }
}
