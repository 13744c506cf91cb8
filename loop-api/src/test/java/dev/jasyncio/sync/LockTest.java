package dev.jasyncio.sync;

import static dev.jasyncio.sync.OnLoop.assertCancelled;
import static dev.jasyncio.sync.OnLoop.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LockTest {

    /** When the victim is cancelled: while it waits, or right after it was handed the lock. */
    enum Timing { WAITING, GRANTED }

    static final int WAITERS = 4;

    static Stream<Arguments> cancellations() {
        return Stream.of("continuation", "handoff").flatMap(engine -> IntStream.range(0, WAITERS).boxed()
            .flatMap(victim -> Stream.of(Timing.values()).map(t -> Arguments.of(engine, victim, t))));
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
        OnLoop.settle();
        assertTrue(log.isEmpty());
        if (timing == Timing.WAITING) {
            tasks.get(victim).cancel("while waiting");
        }
        mutex.release();
        if (timing == Timing.GRANTED && victim == 0) {
            tasks.get(0).cancel("after grant");
        }
        OnLoop.settle();
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

    @ParameterizedTest(name = "{0} victim={1} {2}")
    @MethodSource("cancellations")
    void aCancelledWaiterNeverStrandsTheOthers(String engine, int victim, Timing timing) {
        OnLoop.run(engine, () -> {
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

    @OnLoop.BothEngines
    void waitersGetTheLockInArrivalOrder(String engine) {
        List<Integer> order = OnLoop.run(engine, () -> {
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
    @OnLoop.BothEngines
    void aNewcomerCannotOvertakeAWokenWaiter(String engine) {
        List<String> order = OnLoop.run(engine, () -> {
            Lock lock = new Lock();
            List<String> log = new ArrayList<>();
            lock.acquire();
            Task<Void> waiter = Async.createTask(() -> {
                lock.acquire();
                log.add("waiter");
                lock.release();
                return null;
            });
            OnLoop.settle();
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

    @OnLoop.BothEngines
    void uncontendedAcquireDoesNotSuspend(String engine) {
        OnLoop.run(engine, () -> {
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

    @OnLoop.BothEngines
    void releasingAnUnlockedLockFails(String engine) {
        OnLoop.run(engine, () -> {
            Lock lock = new Lock();
            IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
            assertTrue(e.getMessage().contains("not acquired"), e.getMessage());
            Held held = lock.acquired();
            held.close();
            assertThrows(IllegalStateException.class, held::close);
            return null;
        });
    }

    @OnLoop.BothEngines
    void tryWithResourcesReleasesOnException(String engine) {
        OnLoop.run(engine, () -> {
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

    @OnLoop.BothEngines
    void waitingOutsideATaskFailsAndLeavesNoWaiter(String engine) {
        OnLoop.run(engine, () -> {
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
            OnLoop.settle();
            assertEquals(1, failures.size());
            lock.release();
            assertFalse(lock.isLocked(), "the failed acquire left no waiter behind");
            return null;
        });
    }

    @OnLoop.BothEngines
    void aLockBelongsToTheFirstLoopThatUsesIt(String engine) {
        Lock lock = new Lock();
        OnLoop.run(engine, () -> {
            lock.acquire();
            lock.release();
            return null;
        });
        IllegalStateException e = OnLoop.run(engine, () -> assertThrows(IllegalStateException.class, lock::acquire));
        assertTrue(e.getMessage().contains("different event loop"), e.getMessage());
    }
}
