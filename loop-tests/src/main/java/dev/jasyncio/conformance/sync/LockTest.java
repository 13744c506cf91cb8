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
import dev.jasyncio.sync.Held;
import dev.jasyncio.sync.Lock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Lock (asyncio.Lock): FIFO hand-over, cancellation of waiters at every point, misuse. */
@Conformance
class LockTest {

    /** When the victim is cancelled: while it waits, or right after it was handed the lock. */
    enum Timing { WAITING, GRANTED }

    static final int WAITERS = 4;

    static Stream<Arguments> cancellations() {
        return IntStream.range(0, WAITERS).boxed()
            .flatMap(victim -> Stream.of(Timing.values()).map(t -> Arguments.of(victim, t)));
    }

    /** The operations of a one-permit primitive under test; the test first holds the permit. */
    interface Mutex {
        void acquire();

        void release();

        boolean isFree();
    }

    /**
     * Four tasks wait for a mutex the test holds; one of them is cancelled, while it waits or
     * just after the previous holder handed it the mutex (before it could resume). The others
     * must get it in arrival order, the victim never, and the mutex must end free.
     */
    static void aCancelledWaiterNeverStrandsTheOthers(Mutex mutex, int victim, Timing timing) {
        List<String> log = new ArrayList<>();
        List<Task<Void>> tasks = new ArrayList<>();
        mutex.acquire();
        for (int i = 0; i < WAITERS; i++) {
            int me = i;
            tasks.add(Async.createTask(() -> {
                mutex.acquire();
                log.add("got " + me);
                Async.sleep(Duration.ZERO);
                mutex.release();
                if (timing == Timing.GRANTED && victim == me + 1) {
                    tasks.get(victim).cancel("after grant");
                }
                return null;
            }, "W" + i));
        }
        Tasks.settle();
        assertTrue(log.isEmpty());
        if (timing == Timing.WAITING) {
            tasks.get(victim).cancel("while waiting");
        }
        mutex.release();
        if (timing == Timing.GRANTED && victim == 0) {
            tasks.get(0).cancel("after grant");
        }
        Tasks.settle();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < WAITERS; i++) {
            if (i == victim) {
                assertCancelled(tasks.get(i));
            } else {
                done(tasks.get(i));
                expected.add("got " + i);
            }
        }
        assertEquals(expected, log);
        assertTrue(mutex.isFree(), "the mutex ends free");
        mutex.acquire();
        mutex.release();
    }

    /**
     * Four tasks wait for a lock the test holds; one is cancelled while it waits or just after the lock was
     * handed to it. The others get the lock in arrival order, the victim never, and the lock ends free.
     */
    @ParameterizedTest(name = "victim={0} {1}")
    @MethodSource("cancellations")
    void aCancelledWaiterNeverStrandsTheOthers(int victim, Timing timing, LoopFactory factory) {
        Tasks.run(factory, () -> {
            Lock lock = new Lock();
            aCancelledWaiterNeverStrandsTheOthers(new Mutex() {
                @Override
                public void acquire() {
                    lock.acquire();
                }

                @Override
                public void release() {
                    lock.release();
                }

                @Override
                public boolean isFree() {
                    return !lock.isLocked();
                }
            }, victim, timing);
            return null;
        });
    }

    /** Tasks waiting for a lock get it in the order they arrived (FIFO), and the lock ends free. */
    @Test
    void waitersGetTheLockInArrivalOrder(LoopFactory factory) {
        List<Integer> order = Tasks.run(factory, () -> {
            Lock lock = new Lock();
            List<Integer> log = new ArrayList<>();
            List<Task<Void>> tasks = new ArrayList<>();
            try (var _ = lock.acquired()) {
                for (int i = 0; i < 5; i++) {
                    int me = i;
                    tasks.add(Async.createTask(() -> {
                        try (var _ = lock.acquired()) {
                            log.add(me);
                            Async.sleep(Duration.ZERO);
                        }
                        return null;
                    }));
                    Async.sleep(Duration.ZERO);
                }
            }
            for (Task<Void> t : tasks) {
                Async.await(t);
            }
            assertFalse(lock.isLocked());
            return log;
        });
        assertEquals(List.of(0, 1, 2, 3, 4), order);
    }

    /** Release hands the lock over: a newcomer queues behind the woken waiter, even before it runs. */
    @Test
    void aNewcomerCannotOvertakeAWokenWaiter(LoopFactory factory) {
        List<String> order = Tasks.run(factory, () -> {
            Lock lock = new Lock();
            List<String> log = new ArrayList<>();
            lock.acquire();
            Task<Void> waiter = Async.createTask(() -> {
                lock.acquire();
                log.add("waiter");
                lock.release();
                return null;
            });
            Tasks.settle();
            lock.release();
            assertTrue(lock.isLocked(), "handed to the waiter, which has not resumed yet");
            Task<Void> newcomer = Async.createTask(() -> {
                lock.acquire();
                log.add("newcomer");
                lock.release();
                return null;
            });
            Async.await(newcomer);
            Async.await(waiter);
            return log;
        });
        assertEquals(List.of("waiter", "newcomer"), order);
    }

    /**
     * Acquiring a free lock does not suspend, so a pending cancellation is not delivered there (as in
     * asyncio).
     */
    @Test
    void uncontendedAcquireDoesNotSuspend(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Lock lock = new Lock();
            Task<?> self = Async.currentTask();
            self.cancel("pending");
            // No await happens, so the pending cancellation is not delivered (as in asyncio).
            lock.acquire();
            assertTrue(lock.isLocked());
            lock.release();
            self.uncancel();
            return null;
        });
    }

    /**
     * Releasing a lock that is not held fails with IllegalStateException, and so does closing the same Held
     * twice.
     */
    @Test
    void releasingAnUnlockedLockFails(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Lock lock = new Lock();
            IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
            assertTrue(e.getMessage().contains("not acquired"), e.getMessage());
            Held held = lock.acquired();
            held.close();
            assertThrows(IllegalStateException.class, held::close);
            return null;
        });
    }

    /**
     * The Held of lock.acquired() releases the lock when the try-with-resources block ends with an exception.
     */
    @Test
    void tryWithResourcesReleasesOnException(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Lock lock = new Lock();
            assertThrows(ArithmeticException.class, () -> {
                try (var _ = lock.acquired()) {
                    throw new ArithmeticException("boom");
                }
            });
            assertFalse(lock.isLocked());
            return null;
        });
    }

    /**
     * Waiting for a lock outside a task (in a plain callback) fails with IllegalStateException and leaves no
     * waiter behind: the next release frees the lock.
     */
    @Test
    void waitingOutsideATaskFailsAndLeavesNoWaiter(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Lock lock = new Lock();
            lock.acquire();
            List<Throwable> failures = new ArrayList<>();
            Async.getRunningLoop().callSoon(() -> {
                try {
                    lock.acquire();
                } catch (IllegalStateException e) {
                    failures.add(e);
                }
            });
            Tasks.settle();
            assertEquals(1, failures.size());
            lock.release();
            assertFalse(lock.isLocked(), "the failed acquire left no waiter behind");
            return null;
        });
    }

    /**
     * A lock belongs to the first loop that uses it: acquiring it on another loop fails with
     * IllegalStateException.
     */
    @Test
    void aLockBelongsToTheFirstLoopThatUsesIt(LoopFactory factory) {
        Lock lock = new Lock();
        Tasks.run(factory, () -> {
            lock.acquire();
            lock.release();
            return null;
        });
        IllegalStateException e = Tasks.run(factory, () -> assertThrows(IllegalStateException.class, lock::acquire));
        assertTrue(e.getMessage().contains("different event loop"), e.getMessage());
    }
}
