package dev.jasyncio;

import java.util.Arrays;

/**
 * The loop's timers: a binary min-heap ordered by deadline, then by scheduling order.
 */
final class TimerHeap {
    /*
     * Implementation overview.
     *
     * An array heap whose elements record their own index (TimerHandle.heapIndex), so that a
     * cancelled timer is removed in O(log n) at once, without scanning and without leaving a
     * tombstone that would keep its callback reachable until its deadline (asyncio purges lazily;
     * we remove eagerly because the index makes it as cheap as a pop).
     *
     * Invariants: (1) for every i > 0, !queue[i].isBefore(queue[(i - 1) / 2]);
     * (2) queue[i].heapIndex == i for i < size, and a timer not in the heap has heapIndex -1;
     * (3) slots at and beyond size are null. Loop thread only.
     */

    private TimerHandle[] queue = new TimerHandle[64];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    TimerHandle peek() {
        return queue[0];
    }

    void add(TimerHandle t) {
        if (size == queue.length) {
            queue = Arrays.copyOf(queue, size * 2);
        }
        siftUp(size++, t);
    }

    TimerHandle poll() {
        TimerHandle first = queue[0];
        removeAt(0);
        return first;
    }

    /** Removes t if it is in this heap. */
    void remove(TimerHandle t) {
        int i = t.heapIndex;
        if (i >= 0 && i < size && queue[i] == t) {
            removeAt(i);
        }
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            queue[i].heapIndex = -1;
            queue[i] = null;
        }
        size = 0;
    }

    private void removeAt(int i) {
        TimerHandle removed = queue[i];
        removed.heapIndex = -1;
        int last = --size;
        if (i == last) {
            queue[last] = null;
            return;
        }
        TimerHandle moved = queue[last];
        queue[last] = null;
        siftDown(i, moved);
        if (queue[i] == moved) {
            siftUp(i, moved);
        }
    }

    private void siftUp(int i, TimerHandle t) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            TimerHandle p = queue[parent];
            if (!t.isBefore(p)) {
                break;
            }
            queue[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        queue[i] = t;
        t.heapIndex = i;
    }

    private void siftDown(int i, TimerHandle t) {
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            TimerHandle c = queue[child];
            int right = child + 1;
            if (right < size && queue[right].isBefore(c)) {
                child = right;
                c = queue[right];
            }
            if (!c.isBefore(t)) {
                break;
            }
            queue[i] = c;
            c.heapIndex = i;
            i = child;
        }
        queue[i] = t;
        t.heapIndex = i;
    }
}
