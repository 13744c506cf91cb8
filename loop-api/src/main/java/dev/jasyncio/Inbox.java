package dev.jasyncio;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The loop's cross-thread inbox: many producers ({@link EventLoop#callSoonThreadsafe}), one
 * consumer (the loop thread). Intrusive, so an offer allocates nothing beyond the handle itself.
 */
final class Inbox {
    /*
     * Implementation overview.
     *
     * A linked queue after Dmitry Vyukov's non-intrusive MPSC design, with the handles themselves
     * as nodes (Handle.inboxNext) and one permanent stub node.
     *
     * State: `tail` is the last node offered (producers swap it); `head` is the last node
     * consumed, read and written by the consumer only. The queue holds head.next … tail.
     *
     * Invariants: (1) head is never null; (2) a node is in the inbox at most once, because a
     * handle is offered once, by the call that made it; (3) only the consumer advances head.
     *
     * Non-invariants: between a producer's swap of `tail` (the linearization point of offer)
     * and its store of prev.next, the consumer sees the queue as ending early. drainTo then
     * stops at the gap, and the producer's wakeup makes the loop come back for the rest.
     */

    private static final VarHandle TAIL;
    private static final VarHandle NEXT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            TAIL = l.findVarHandle(Inbox.class, "tail", Handle.class);
            NEXT = l.findVarHandle(Handle.class, "inboxNext", Handle.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Consumer only. */
    private Handle head;
    /** Producers swap it with TAIL.getAndSet. */
    @SuppressWarnings("unused")
    private volatile Handle tail;

    Inbox() {
        Handle stub = new Handle(null, PersistentMap.EMPTY);
        head = stub;
        tail = stub;
    }

    /** Any thread. */
    void offer(Handle h) {
        Handle prev = (Handle) TAIL.getAndSet(this, h);
        NEXT.setRelease(prev, h);
    }

    /**
     * Consumer only: whether nothing was offered since the last drain. An offer still in flight
     * counts as present, so the loop does not block on it.
     */
    boolean isEmpty() {
        return (Handle) TAIL.getVolatile(this) == head;
    }

    /** Consumer only: moves every fully linked handle to the ready queue, oldest first. */
    int drainTo(ReadyQueue ready) {
        int n = 0;
        Handle h = head;
        Handle next;
        while ((next = (Handle) NEXT.getAcquire(h)) != null) {
            NEXT.setOpaque(h, null);
            ready.addLast(next);
            h = next;
            n++;
        }
        // Stored only when it moved: the loop drains every iteration, the inbox is old, and a
        // reference store into an old object runs G1's write-barrier slow path even unchanged.
        if (n > 0) {
            head = h;
        }
        return n;
    }
}
