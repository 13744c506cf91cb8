package dev.jasyncio.sync;

import dev.jasyncio.Async;
import dev.jasyncio.CancelledError;
import dev.jasyncio.Future;

/**
 * A mutual-exclusion lock for tasks: at most one holder, the others wait their turn in arrival
 * order. Not reentrant and without an owner: any task or callback may release it, and a holder
 * that acquires again waits for itself forever.
 *
 * {@snippet :
 * Lock lock = new Lock();
 * try (var _ = lock.acquired()) {
 *     balance += amount;   // no other task runs this block meanwhile
 * }
 * }
 *
 * <p>Strictly first come, first served: {@link #release()} hands the lock straight to the first
 * waiter, so a task that arrives later cannot take it even before that waiter resumes. A waiter
 * cancelled just after it was handed the lock passes the lock on to the next one.
 *
 * <p>Loop thread only; the lock binds to the first loop that uses it.
 *
 * @apiNote asyncio: {@code asyncio.Lock}. Releasing an unlocked lock throws
 *     {@link IllegalStateException} where asyncio raises {@code RuntimeError}. {@link #isLocked()}
 *     stays true while the lock is handed to a waiter that has not resumed yet (asyncio reports
 *     it unlocked then, although a newcomer would still wait). The try-with-resources form
 *     {@link #acquired()} stands for {@code async with lock}.
 */
public final class Lock {
    /*
     * Invariant: !locked implies the line of waiters is empty, because release() hands the lock
     * to the first pending waiter instead of unlocking when there is one. So the fast path needs
     * only `locked`, and a newcomer never overtakes a waiter (CPython checks every waiter for
     * cancellation instead; bpo-27585 / PR 1031 is the stranding bug this rules out).
     */

    private final Waiters<Void> waiters = new Waiters<>(this);
    private final Held held = this::release;
    private boolean locked;

    /**
     * A new, unlocked lock.
     *
     * @apiNote asyncio: {@code asyncio.Lock()}.
     */
    public Lock() {}

    /**
     * Acquires the lock, suspending the current task until it is this task's turn. Returns at
     * once, without suspending, when the lock is free and nobody waits.
     *
     * @throws CancelledError if the task is cancelled while it waits; it then does not hold the
     *     lock (a lock granted at that moment goes to the next waiter)
     * @throws IllegalStateException if it has to wait outside a task, or the lock belongs to
     *     another loop
     * @apiNote asyncio: {@code await lock.acquire()} (which returns {@code True}).
     */
    public void acquire() {
        waiters.checkLoop();
        if (!locked) {
            locked = true;
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
     * Acquires the lock like {@link #acquire()} and returns the handle that releases it, for
     * try-with-resources.
     *
     * @apiNote asyncio: {@code async with lock:}.
     */
    public Held acquired() {
        acquire();
        return held;
    }

    /**
     * Releases the lock: the first waiter, if any, gets it next; otherwise it becomes free.
     *
     * @throws IllegalStateException if the lock is not held
     * @apiNote asyncio: {@code lock.release()} (raises {@code RuntimeError} when unlocked).
     */
    public void release() {
        waiters.checkLoop();
        if (!locked) {
            throw new IllegalStateException("Lock is not acquired: release() must pair with a completed acquire()");
        }
        if (!waiters.wakeFirst(null)) {
            locked = false;
        }
    }

    /**
     * Whether the lock is held (or handed to a waiter that has not resumed yet), so that
     * {@link #acquire()} would wait.
     *
     * @apiNote asyncio: {@code lock.locked()}.
     */
    public boolean isLocked() {
        return locked;
    }

    @Override
    public String toString() {
        return "Lock[" + (locked ? "locked" : "unlocked") + ", waiters=" + waiters.countPending() + "]";
    }
}
