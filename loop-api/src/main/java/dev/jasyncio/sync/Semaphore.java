package dev.jasyncio.sync;

import dev.jasyncio.Async;
import dev.jasyncio.CancelledError;
import dev.jasyncio.Future;

/**
 * A counter of permits for tasks: {@link #acquire()} takes one, waiting while there is none;
 * {@link #release()} gives one back. Limits how many tasks do something at once.
 *
 * {@snippet :
 * Semaphore connections = new Semaphore(10);
 * try (var _ = connections.acquired()) {
 *     fetch(url);   // at most 10 tasks here at a time
 * }
 * }
 *
 * <p>Strictly first come, first served: a newcomer queues behind the waiters even if a permit is
 * free at that moment, and {@link #release()} hands a permit straight to the first waiter. A
 * waiter cancelled just after it was handed a permit passes it on.
 *
 * <p>Loop thread only; the semaphore binds to the first loop that uses it.
 *
 * @apiNote asyncio: {@code asyncio.Semaphore}. {@link #acquired()} stands for
 *     {@code async with semaphore}.
 */
public class Semaphore {
    /*
     * Invariant: value > 0 implies the line of waiters is empty, because release() hands a permit
     * to the first pending waiter instead of counting it when there is one (CPython's
     * _wake_up_next does the same bookkeeping). So the fast path needs only `value`.
     */

    private final Waiters<Void> waiters = new Waiters<>(this);
    private final Held held = this::release;
    /** The highest value release() may reach: the initial value for a BoundedSemaphore. */
    private final int bound;
    private int value;

    /**
     * A semaphore with {@code value} free permits.
     *
     * @throws IllegalArgumentException if {@code value} is negative
     * @apiNote asyncio: {@code asyncio.Semaphore(value)} (raises {@code ValueError}).
     */
    public Semaphore(int value) {
        this(value, Integer.MAX_VALUE);
    }

    Semaphore(int value, int bound) {
        if (value < 0) {
            throw new IllegalArgumentException("Semaphore initial value must be >= 0, got " + value);
        }
        this.value = value;
        this.bound = bound;
    }

    /**
     * Takes a permit, suspending the current task until one is free and every earlier waiter has
     * been served. Returns at once, without suspending, when a permit is free and nobody waits.
     *
     * @throws CancelledError if the task is cancelled while it waits; it then holds no permit (a
     *     permit granted at that moment goes to the next waiter)
     * @throws IllegalStateException if it has to wait outside a task, or the semaphore belongs to
     *     another loop
     * @apiNote asyncio: {@code await semaphore.acquire()} (which returns {@code True}).
     */
    public final void acquire() {
        waiters.checkLoop();
        if (value > 0) {
            value--;
            return;
        }
        Future<Void> turn = waiters.add();
        try {
            Async.await(turn);
        } catch (Throwable t) {
            if (waiters.abandon(turn)) {
                release();
            }
            throw t;
        }
    }

    /**
     * Takes a permit like {@link #acquire()} and returns the handle that gives it back, for
     * try-with-resources.
     *
     * @apiNote asyncio: {@code async with semaphore:}.
     */
    public final Held acquired() {
        acquire();
        return held;
    }

    /**
     * Gives a permit back: to the first waiter if there is one, else to the free count.
     *
     * @throws IllegalStateException if that would raise the value above its bound (the initial
     *     value of a {@link BoundedSemaphore}; {@link Integer#MAX_VALUE} otherwise)
     * @apiNote asyncio: {@code semaphore.release()}.
     */
    public final void release() {
        waiters.checkLoop();
        if (waiters.wakeFirst(null)) {
            return;
        }
        if (value >= bound) {
            throw new IllegalStateException(getClass().getSimpleName() + " released too many times: its value is already "
                + value + ", the most it may hold (release() must pair with acquire())");
        }
        value++;
    }

    /**
     * Whether {@link #acquire()} would wait: no permit is free.
     *
     * @apiNote asyncio: {@code semaphore.locked()}.
     */
    public final boolean isLocked() {
        return value == 0;
    }

    /**
     * The number of free permits.
     *
     * @apiNote asyncio: the private {@code semaphore._value}.
     */
    public final int value() {
        return value;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[value=" + value + ", waiters=" + waiters.countPending() + "]";
    }
}
