package dev.jasyncio.sync;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Uncontended use allocates nothing: the waiter machinery is touched only when someone waits. */
class UncontendedAllocationTest {

    @Test
    void uncontendedUseOfThePrimitivesAllocatesNothing() {
        long bytes = OnLoop.run("continuation", () -> {
            Lock lock = new Lock();
            Semaphore semaphore = new BoundedSemaphore(2);
            Event event = new Event();
            Condition condition = new Condition(lock);
            Barrier single = new Barrier(1);
            return OnLoop.bytesAllocatedBy(() -> {
                for (int i = 0; i < 100_000; i++) {
                    try (var _ = lock.acquired()) {
                        condition.signalAll();
                    }
                    semaphore.acquire();
                    semaphore.release();
                    event.set();
                    event.await();
                    event.clear();
                    single.await();
                }
            });
        });
        assertTrue(bytes < 1024, "allocated " + bytes + " bytes over 100,000 rounds");
    }
}
