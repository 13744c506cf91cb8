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
        // One object per round would be 1.6 MB; the bound leaves room for the JVM's one-offs
        // (2.7 KB seen once under load, cause not pinned; a deoptimization rematerializing
        // scalar-replaced objects on this thread would do it).
        assertTrue(bytes < 16_384, "allocated " + bytes + " bytes over 100,000 rounds");
    }
}
