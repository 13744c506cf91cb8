package dev.jasyncio;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loop's pending tasks, held strongly so that a task nobody references still runs to its end
 * (asyncio keeps only weak references: cpython#91887). An intrusive doubly linked list through
 * {@code Task.prevLive/nextLive}: add and remove are O(1) and allocate nothing. Loop thread only.
 */
final class TaskRegistry {
    /** Frames kept of a creation site. */
    private static final int SITE_DEPTH = 32;

    private Task<?> head;
    private int size;
    /** Where tasks made in debug mode were created (for task dumps); null until the first. */
    private Map<Task<?>, StackTraceElement[]> creationSites;

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
        if (creationSites != null) {
            creationSites.remove(t);
        }
    }

    /**
     * Debug mode: remembers the caller's stack as {@code t}'s creation site, without the loop's
     * own frames on top and, for a task made by a task, without the loop's frames below that task's body.
     */
    void recordCreationSite(Task<?> t) {
        if (creationSites == null) {
            creationSites = new IdentityHashMap<>();
        }
        StackTraceElement[] site = StackWalker.getInstance().walk(frames -> frames
            .dropWhile(f -> f.getClassName().startsWith("dev.jasyncio.") && f.getClassName().lastIndexOf('.') == "dev.jasyncio".length())
            .takeWhile(f -> !(f.getClassName().equals("dev.jasyncio.Task") && f.getMethodName().equals("body")))
            .limit(SITE_DEPTH)
            .map(StackWalker.StackFrame::toStackTraceElement)
            .toArray(StackTraceElement[]::new));
        creationSites.put(t, site);
    }

    /** Where {@code t} was created, or null if it was not made in debug mode. */
    StackTraceElement[] creationSite(Task<?> t) {
        return creationSites == null ? null : creationSites.get(t);
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
