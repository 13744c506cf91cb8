package dev.jasyncio.queue;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.sync.OnLoop;
import org.junit.jupiter.api.Test;

/** Putting and getting with nobody waiting allocate nothing once the buffer has grown. */
class UncontendedAllocationTest {

    @Test
    void putAndGetWithoutWaitersAllocateNothing() {
        long bytes = OnLoop.run("continuation", () -> {
            Object item = new Object();
            Queue<Object> fifo = new Queue<>(4);
            LifoQueue<Object> lifo = new LifoQueue<>();
            return OnLoop.bytesAllocatedBy(() -> {
                for (int i = 0; i < 100_000; i++) {
                    fifo.put(item);
                    fifo.putNowait(item);
                    fifo.get();
                    fifo.getNowait();
                    lifo.put(item);
                    lifo.get();
                    fifo.taskDone();
                    fifo.taskDone();
                    fifo.join();
                }
            });
        });
        assertTrue(bytes < 1024, "allocated " + bytes + " bytes over 100,000 rounds");
    }
}
