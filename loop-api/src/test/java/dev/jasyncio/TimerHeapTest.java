package dev.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.internal.core.CoreLoopProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** White-box tests of the heap's invariants (TimerHeap's overview block). */
class TimerHeapTest {
    private final LoopCore loop = new LoopCore(new CoreLoopProvider(), dev.jasyncio.internal.coro.Engines.best());
    private final TimerHeap heap = new TimerHeap();
    private long seq;

    @AfterEach
    void close() {
        loop.close();
    }

    private TimerHandle timer(long when) {
        return new TimerHandle(loop, when, seq++, () -> {}, PersistentMap.EMPTY);
    }

    /** Timers come out by deadline, then by scheduling order, after random adds and removals. */
    @Test
    void pollsInDeadlineThenSequenceOrderAfterRandomRemovals() {
        Random rnd = new Random(42);
        List<TimerHandle> live = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            TimerHandle t = timer(rnd.nextInt(500));
            heap.add(t);
            live.add(t);
            if (rnd.nextInt(3) == 0) {
                TimerHandle victim = live.remove(rnd.nextInt(live.size()));
                heap.remove(victim);
                assertEquals(-1, victim.heapIndex, "a removed timer has index -1 (invariant 2)");
            }
        }
        live.sort(Comparator.<TimerHandle>comparingLong(t -> t.whenNanos).thenComparingLong(t -> t.sequence));
        assertEquals(live.size(), heap.size());
        for (TimerHandle expected : live) {
            assertTrue(heap.peek() == expected, "heap head is the earliest live timer");
            assertTrue(heap.poll() == expected);
        }
        assertTrue(heap.isEmpty());
        assertNull(heap.peek());
    }

    /** Removing a timer that is not in the heap changes nothing. */
    @Test
    void removingAnAbsentTimerIsANoOp() {
        TimerHandle a = timer(1);
        TimerHandle b = timer(2);
        heap.add(a);
        heap.remove(b);
        heap.remove(a);
        heap.remove(a);
        assertTrue(heap.isEmpty());
    }

    /** Deadlines are compared by difference, so timers straddling a nanoTime wrap keep their order. */
    @Test
    void orderSurvivesClockWrapAround() {
        TimerHandle late = timer(Long.MIN_VALUE + 10);
        TimerHandle early = timer(Long.MAX_VALUE - 10);
        heap.add(late);
        heap.add(early);
        assertTrue(heap.poll() == early);
        assertTrue(heap.poll() == late);
    }
}
