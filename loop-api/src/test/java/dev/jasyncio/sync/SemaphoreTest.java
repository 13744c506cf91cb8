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
import java.util.function.IntFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SemaphoreTest {

    private static LockTest.Mutex mutexOf(Semaphore s) {
        return new LockTest.Mutex() {
            @Override
            public void acquire() {
                s.acquire();
            }

            @Override
            public void release() {
                s.release();
            }

            @Override
            public boolean isFree() {
                return s.value() == 1;
            }
        };
    }

    @ParameterizedTest(name = "{0} victim={1} {2}")
    @MethodSource("dev.jasyncio.sync.LockTest#cancellations")
    void aCancelledWaiterNeverStrandsTheOthers(String engine, int victim, LockTest.Timing timing) {
        OnLoop.run(engine, () -> {
            LockTest.aCancelledWaiterNeverStrandsTheOthers(mutexOf(new Semaphore(1)), victim, timing);
            return null;
        });
    }

    @ParameterizedTest(name = "{0} victim={1} {2}")
    @MethodSource("dev.jasyncio.sync.LockTest#cancellations")
    void aCancelledWaiterNeverStrandsTheOthersBounded(String engine, int victim, LockTest.Timing timing) {
        OnLoop.run(engine, () -> {
            LockTest.aCancelledWaiterNeverStrandsTheOthers(mutexOf(new BoundedSemaphore(1)), victim, timing);
            return null;
        });
    }

    /**
     * Two permits released at once go to the first two waiters; the second is cancelled before it
     * resumes, so its permit goes to the third; every permit comes back.
     */
    @OnLoop.BothEngines
    void aPermitGrantedToACancelledWaiterGoesToTheNext(String engine) {
        List<Integer> order = OnLoop.run(engine, () -> {
            Semaphore s = new BoundedSemaphore(2);
            s.acquire();
            s.acquire();
            List<Integer> log = new ArrayList<>();
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int me = i;
                tasks.add(Async.createTask(() -> {
                    try (var _ = s.acquired()) {
                        log.add(me);
                        Async.sleep(Duration.ZERO);
                    }
                    return null;
                }));
            }
            OnLoop.settle();
            s.release();
            s.release();
            assertEquals(0, s.value(), "both permits handed to waiters");
            tasks.get(1).cancel();
            OnLoop.settle();
            assertCancelled(tasks.get(1));
            for (int i : new int[] {0, 2, 3, 4}) {
                done(tasks.get(i));
            }
            assertEquals(2, s.value());
            return log;
        });
        assertEquals(List.of(0, 2, 3, 4), order);
    }

    /** A newcomer queues behind the waiters even right after a permit was released. */
    @OnLoop.BothEngines
    void aNewcomerQueuesBehindWaiters(String engine) {
        List<String> order = OnLoop.run(engine, () -> {
            Semaphore s = new Semaphore(0);
            List<String> log = new ArrayList<>();
            IntFunction<Task<Void>> waiter = i -> Async.createTask(() -> {
                s.acquire();
                log.add("waiter " + i);
                s.release();
                return null;
            });
            Task<Void> w0 = waiter.apply(0);
            Task<Void> w1 = waiter.apply(1);
            OnLoop.settle();
            s.release();
            assertTrue(s.isLocked(), "the permit went to the first waiter");
            s.acquire();
            log.add("newcomer");
            Async.await(w0);
            Async.await(w1);
            s.release();
            assertEquals(1, s.value());
            return log;
        });
        assertEquals(List.of("waiter 0", "waiter 1", "newcomer"), order);
    }

    @OnLoop.BothEngines
    void aSemaphoreLimitsConcurrency(String engine) {
        int peak = OnLoop.run(engine, () -> {
            Semaphore s = new Semaphore(3);
            int[] inside = {0, 0};
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                tasks.add(Async.createTask(() -> {
                    try (var _ = s.acquired()) {
                        inside[0]++;
                        inside[1] = Math.max(inside[1], inside[0]);
                        Async.sleep(Duration.ZERO);
                        Async.sleep(Duration.ZERO);
                        inside[0]--;
                    }
                    return null;
                }));
            }
            for (Task<Void> t : tasks) {
                Async.await(t);
            }
            assertEquals(3, s.value());
            assertFalse(s.isLocked());
            return inside[1];
        });
        assertEquals(3, peak);
    }

    @OnLoop.BothEngines
    void misuseIsReported(String engine) {
        OnLoop.run(engine, () -> {
            assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
            BoundedSemaphore b = new BoundedSemaphore(2);
            IllegalStateException e = assertThrows(IllegalStateException.class, b::release);
            assertTrue(e.getMessage().contains("released too many times"), e.getMessage());
            b.acquire();
            b.release();
            assertThrows(IllegalStateException.class, b::release);
            assertEquals(2, b.value());
            Semaphore plain = new Semaphore(0);
            plain.release();
            plain.release();
            assertEquals(2, plain.value());
            assertTrue(new Semaphore(0).isLocked());
            return null;
        });
    }

    @OnLoop.BothEngines
    void aSemaphoreBelongsToTheFirstLoopThatUsesIt(String engine) {
        Semaphore s = new Semaphore(1);
        OnLoop.run(engine, () -> {
            s.acquire();
            return null;
        });
        OnLoop.run(engine, () -> assertThrows(IllegalStateException.class, s::release));
    }
}
