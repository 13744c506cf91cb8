package dev.jasyncio.sync;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.Task;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * A first-in first-out line of tasks waiting on a primitive, each parked on a future of the loop
 * the primitive is bound to: the building block of every type in this package and of
 * {@link dev.jasyncio.queue}.
 *
 * <p>The primitive binds to the first loop that uses it ({@link #checkLoop()} or {@link #add()});
 * a later use from another loop throws {@link IllegalStateException}. Siblings made with
 * {@link #Waiters(Waiters)} share one binding, so a primitive with several lines (a queue's
 * getters and putters) belongs to one loop.
 *
 * <p>The protocol of a waiting operation:
 * {@snippet :
 * Future<Void> f = waiters.add();          // join the line
 * try {
 *     Async.await(f);                      // woken: f got a value from wakeFirst / wakeAll
 * } catch (Throwable t) {                  // cancelled, or could not wait
 *     if (waiters.abandon(f)) {
 *         passTheGrantOn();                // woken just before the failure: nobody may be stranded
 *     }
 *     throw t;
 * }
 * }
 *
 * <p>Loop thread only. The deque is allocated the first time someone waits: uncontended use of a
 * primitive allocates nothing.
 *
 * @param <T> the value a woken waiter receives
 * @apiNote asyncio: the {@code collections.deque} of futures each primitive keeps, together with
 *     {@code mixins._LoopBoundMixin}. Trio calls the same idea a {@code ParkingLot}.
 */
public final class Waiters<T> {
    /*
     * Invariants: the deque holds, in arrival order, futures that are pending or that were
     * cancelled (by Task.cancel) but whose task has not resumed yet to remove itself. A future
     * completed by wakeFirst / wakeAll is removed at that moment, so a woken waiter is never
     * woken twice and the line's head is always the next one to serve.
     */

    private final Binding binding;
    private ArrayDeque<Future<T>> line;

    /**
     * An empty line of its own, for the primitive {@code owner} (named in error messages).
     */
    public Waiters(Object owner) {
        this.binding = new Binding(Objects.requireNonNull(owner, "owner"));
    }

    /**
     * An empty line that shares {@code sibling}'s loop binding.
     */
    public Waiters(Waiters<?> sibling) {
        this.binding = sibling.binding;
    }

    /**
     * Binds the primitive to the running task's loop if it is not bound yet; call it on paths
     * that do not wait. Outside a task (a plain callback) it checks nothing.
     *
     * @throws IllegalStateException if the primitive is bound to another loop
     */
    public void checkLoop() {
        Task<?> task = Async.currentTask();
        if (task != null) {
            binding.bind(task.getLoop());
        }
    }

    /**
     * Joins the end of the line: a new pending future of the running loop, which the caller
     * then awaits.
     *
     * @throws IllegalStateException outside a running loop, or if the primitive is bound to
     *     another loop
     */
    public Future<T> add() {
        EventLoop running = Async.getRunningLoop();
        binding.bind(running);
        Future<T> f = running.createFuture();
        ArrayDeque<Future<T>> l = line;
        if (l == null) {
            l = new ArrayDeque<>();
            line = l;
        }
        l.addLast(f);
        return f;
    }

    /**
     * Whether nobody is in line (a cancelled waiter that has not resumed yet still counts).
     */
    public boolean isEmpty() {
        return line == null || line.isEmpty();
    }

    /**
     * The number in line, counting cancelled waiters that have not resumed yet to leave: an upper
     * bound of {@link #countPending()} in constant time.
     */
    public int size() {
        return line == null ? 0 : line.size();
    }

    /**
     * The number of waiters still pending (not cancelled).
     */
    public int countPending() {
        if (line == null) {
            return 0;
        }
        int n = 0;
        for (Future<T> f : line) {
            if (!f.isDone()) {
                n++;
            }
        }
        return n;
    }

    /**
     * Takes the first pending waiter out of the line, dropping cancelled ones on the way, without
     * waking it; null if nobody is pending. The caller completes it.
     */
    public Future<T> pollPending() {
        ArrayDeque<Future<T>> l = line;
        if (l == null) {
            return null;
        }
        Future<T> f;
        while ((f = l.pollFirst()) != null) {
            if (!f.isDone()) {
                return f;
            }
        }
        return null;
    }

    /**
     * Wakes the first pending waiter with {@code value} and takes it out of the line.
     *
     * @return false if nobody was pending
     */
    public boolean wakeFirst(T value) {
        Future<T> f = pollPending();
        if (f == null) {
            return false;
        }
        f.setResult(value);
        return true;
    }

    /**
     * Wakes every pending waiter with {@code value}, in line order, and empties the line.
     *
     * @return how many were woken
     */
    public int wakeAll(T value) {
        int n = 0;
        Future<T> f;
        while ((f = pollPending()) != null) {
            f.setResult(value);
            n++;
        }
        return n;
    }

    /**
     * Leaves the line after awaiting {@code f} failed (cancellation, or a task that could not
     * suspend). A pending {@code f} is cancelled and removed.
     *
     * @return true if {@code f} had been woken with a value before the failure: the caller then
     *     holds what the wake-up granted and must pass it on, or the next waiter is stranded
     */
    public boolean abandon(Future<T> f) {
        if (f.isDone() && !f.isCancelled()) {
            return true;
        }
        f.cancel();
        if (line != null) {
            line.remove(f);
        }
        return false;
    }

    /** The loop a primitive belongs to: the first one that used it. */
    private static final class Binding {
        private final Object owner;
        private EventLoop loop;

        Binding(Object owner) {
            this.owner = owner;
        }

        void bind(EventLoop running) {
            EventLoop bound = loop;
            if (bound == running) {
                return;
            }
            if (bound == null) {
                loop = running;
                return;
            }
            throw new IllegalStateException(owner + " is bound to a different event loop (" + bound
                + ") than the running one (" + running + "): a primitive belongs to the first loop that uses it;"
                + " make one per loop");
        }
    }
}
