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
import dev.jasyncio.sync.BoundedSemaphore;
import dev.jasyncio.sync.Semaphore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Semaphore and BoundedSemaphore (asyncio): FIFO hand-over of permits, cancellation of waiters, misuse. */
@Conformance
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

    /**
     * As for Lock: with a one-permit Semaphore, a waiter cancelled while waiting or just after being handed
     * the permit strands nobody, and the permit comes back.
     */
    @ParameterizedTest(name = "victim={0} {1}")
    @MethodSource("dev.jasyncio.conformance.sync.LockTest#cancellations")
    void aCancelledWaiterNeverStrandsTheOthers(int victim, LockTest.Timing timing, LoopFactory factory) {
        Tasks.run(factory, () -> {
            LockTest.aCancelledWaiterNeverStrandsTheOthers(mutexOf(new Semaphore(1)), victim, timing);
            return null;
        });
    }

    /** The same with a one-permit BoundedSemaphore. */
    @ParameterizedTest(name = "victim={0} {1}")
    @MethodSource("dev.jasyncio.conformance.sync.LockTest#cancellations")
    void aCancelledWaiterNeverStrandsTheOthersBounded(int victim, LockTest.Timing timing, LoopFactory factory) {
        Tasks.run(factory, () -> {
            LockTest.aCancelledWaiterNeverStrandsTheOthers(mutexOf(new BoundedSemaphore(1)), victim, timing);
            return null;
        });
    }

    /**
     * Two permits released at once go to the first two waiters; the second is cancelled before it
     * resumes, so its permit goes to the third; every permit comes back.
     */
    @Test
    void aPermitGrantedToACancelledWaiterGoesToTheNext(LoopFactory factory) {
        List<Integer> order = Tasks.run(factory, () -> {
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
            Tasks.settle();
            s.release();
            s.release();
            assertEquals(0, s.value(), "both permits handed to waiters");
            tasks.get(1).cancel();
            Tasks.settle();
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
    @Test
    void aNewcomerQueuesBehindWaiters(LoopFactory factory) {
        List<String> order = Tasks.run(factory, () -> {
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
            Tasks.settle();
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

    /** A Semaphore(3) lets at most three tasks hold a permit at once, and every permit comes back. */
    @Test
    void aSemaphoreLimitsConcurrency(LoopFactory factory) {
        int peak = Tasks.run(factory, () -> {
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

    /**
     * A negative initial value is refused; releasing a BoundedSemaphore above its initial value fails with
     * IllegalStateException, while a plain Semaphore may grow; a semaphore at 0 is locked.
     */
    @Test
    void misuseIsReported(LoopFactory factory) {
        Tasks.run(factory, () -> {
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

    /**
     * A semaphore belongs to the first loop that uses it: using it on another loop fails with
     * IllegalStateException.
     */
    @Test
    void aSemaphoreBelongsToTheFirstLoopThatUsesIt(LoopFactory factory) {
        Semaphore s = new Semaphore(1);
        Tasks.run(factory, () -> {
            s.acquire();
            return null;
        });
        IllegalStateException e = Tasks.run(factory, () -> assertThrows(IllegalStateException.class, s::release));
        assertTrue(e.getMessage().contains("different event loop"), e.getMessage());
    }
}
