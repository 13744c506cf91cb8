package dev.jasyncio;

import java.util.ArrayList;
import java.util.List;

/**
 * The loop's pending tasks, held strongly so that a task nobody references still runs to its end
 * (asyncio keeps only weak references: cpython#91887). An intrusive doubly linked list through
 * {@code Task.prevLive/nextLive}: add and remove are O(1) and allocate nothing. Loop thread only.
 */
final class TaskRegistry {
    private Task<?> head;
    private int size;

    void add(Task<?> t) {
        t.nextLive = head;
        if (head != null) {
            head.prevLive = t;
        }
        head = t;
        size++;
    }

    void remove(Task<?> t) {
        Task<?> prev = t.prevLive;
        Task<?> next = t.nextLive;
        if (prev == null && head != t) {
            return;
        }
        if (prev != null) {
            prev.nextLive = next;
        } else {
            head = next;
        }
        if (next != null) {
            next.prevLive = prev;
        }
        t.prevLive = null;
        t.nextLive = null;
        size--;
    }

    int size() {
        return size;
    }

    /** A copy of the pending tasks, oldest first. */
    List<Task<?>> snapshot() {
        List<Task<?>> list = new ArrayList<>(size);
        for (Task<?> t = head; t != null; t = t.nextLive) {
            list.add(t);
        }
        return list.reversed();
    }
}
