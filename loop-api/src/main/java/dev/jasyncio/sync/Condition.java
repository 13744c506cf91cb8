package dev.jasyncio.sync;

import dev.jasyncio.Async;
import dev.jasyncio.CancelledError;
import dev.jasyncio.Future;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A place where tasks holding a {@link Lock} wait for shared state to change: {@link #await()}
 * releases the lock, sleeps until {@link #signal()}, and takes the lock back before it returns.
 *
 * {@snippet :
 * Condition changed = new Condition();
 * // consumer
 * try (var _ = changed.acquired()) {
 *     changed.awaitUntil(() -> !items.isEmpty());
 *     take(items);
 * }
 * // producer
 * try (var _ = changed.acquired()) {
 *     items.add(x);
 *     changed.signal();
 * }
 * }
 *
 * <p>Waiters are signalled in arrival order. {@link #await()} always returns or throws with the
 * lock held again, also when the task is cancelled while waiting. A waiter cancelled just after it
 * was signalled passes the signal on to the next waiter. Wake-ups may be spurious: check the state
 * again, which {@link #awaitUntil} does.
 *
 * <p>Loop thread only; the condition binds to the first loop that uses it. The lock is checked as
 * held, not as held by the caller: a lock has no owner.
 *
 * @apiNote asyncio: {@code asyncio.Condition}. {@link Object} owns the final methods
 *     {@code wait()}, {@code notify()} and {@code notifyAll()}, so asyncio's {@code wait},
 *     {@code wait_for}, {@code notify(n)} and {@code notify_all} are named {@link #await()},
 *     {@link #awaitUntil}, {@link #signal(int)} and {@link #signalAll()} here, as in
 *     {@link java.util.concurrent.locks.Condition}. Misuse without the lock throws
 *     {@link IllegalStateException} where asyncio raises {@code RuntimeError}.
 */
public final class Condition {

    private final Lock lock;
    private final Waiters<Void> waiters = new Waiters<>(this);

    /**
     * A condition with a lock of its own.
     *
     * @apiNote asyncio: {@code asyncio.Condition()}.
     */
    public Condition() {
        this(new Lock());
    }

    /**
     * A condition over {@code lock}, which other conditions may share.
     *
     * @apiNote asyncio: {@code asyncio.Condition(lock)}.
     */
    public Condition(Lock lock) {
        this.lock = Objects.requireNonNull(lock, "lock");
    }

    /**
     * The lock this condition waits with.
     *
     * @apiNote asyncio: the private {@code condition._lock}.
     */
    public Lock lock() {
        return lock;
    }

    /**
     * Acquires the underlying lock; see {@link Lock#acquire()}.
     *
     * @apiNote asyncio: {@code await condition.acquire()}.
     */
    public void acquire() {
        lock.acquire();
    }

    /**
     * Acquires the underlying lock and returns the handle that releases it, for
     * try-with-resources.
     *
     * @apiNote asyncio: {@code async with condition:}.
     */
    public Held acquired() {
        return lock.acquired();
    }

    /**
     * Releases the underlying lock; see {@link Lock#release()}.
     *
     * @apiNote asyncio: {@code condition.release()}.
     */
    public void release() {
        lock.release();
    }

    /**
     * Whether the underlying lock is held.
     *
     * @apiNote asyncio: {@code condition.locked()}.
     */
    public boolean isLocked() {
        return lock.isLocked();
    }

    /**
     * Releases the lock, suspends the current task until it is signalled, then re-acquires the
     * lock and returns true. The lock is held again when this returns or throws, even when the
     * task is cancelled while it waits (the re-acquiring is not interrupted by cancellation; the
     * {@link CancelledError} is thrown once the lock is back).
     *
     * @return true
     * @throws IllegalStateException if the lock is not held, or the condition belongs to another
     *     loop
     * @throws CancelledError if the task was cancelled meanwhile
     * @apiNote asyncio: {@code await condition.wait()}.
     */
    public boolean await() {
        requireLocked("await()");
        Future<Void> signalled = waiters.add();
        lock.release();
        Throwable failure = null;
        try {
            Async.await(signalled);
        } catch (Throwable t) {
            failure = t;
            if (waiters.abandon(signalled)) {
                wake(1);
            }
        }
        failure = reacquire(failure);
        if (failure != null) {
            throw unchecked(failure);
        }
        return true;
    }

    /**
     * Awaits (see {@link #await()}) until {@code predicate} is true, checking it first; returns
     * its last value, which is true. Call it with the lock held; the predicate runs with the lock
     * held.
     *
     * @throws IllegalStateException if the lock is not held when it has to wait
     * @throws CancelledError if the task is cancelled while it waits (the lock is held again)
     * @apiNote asyncio: {@code await condition.wait_for(predicate)}.
     */
    public boolean awaitUntil(BooleanSupplier predicate) {
        Objects.requireNonNull(predicate, "predicate");
        boolean result = predicate.getAsBoolean();
        while (!result) {
            await();
            result = predicate.getAsBoolean();
        }
        return result;
    }

    /**
     * Wakes the first waiting task, if any. Call it with the lock held: the woken task runs once
     * the lock is released.
     *
     * @throws IllegalStateException if the lock is not held
     * @apiNote asyncio: {@code condition.notify()}.
     */
    public void signal() {
        signal(1);
    }

    /**
     * Wakes up to {@code n} waiting tasks, first come first; none if {@code n <= 0}.
     *
     * @throws IllegalStateException if the lock is not held
     * @apiNote asyncio: {@code condition.notify(n)}.
     */
    public void signal(int n) {
        requireLocked("signal()");
        wake(n);
    }

    /**
     * Wakes every waiting task.
     *
     * @throws IllegalStateException if the lock is not held
     * @apiNote asyncio: {@code condition.notify_all()}.
     */
    public void signalAll() {
        requireLocked("signalAll()");
        waiters.wakeAll(null);
    }

    private void wake(int n) {
        int woken = 0;
        while (woken < n && waiters.wakeFirst(null)) {
            woken++;
        }
    }

    /**
     * Takes the lock back after the wait, however the wait ended. Further cancellations are
     * absorbed until the lock is held, then the first failure is the one thrown; later ones ride
     * along as suppressed.
     */
    private Throwable reacquire(Throwable failure) {
        while (true) {
            try {
                lock.acquire();
                return failure;
            } catch (CancelledError c) {
                if (failure == null) {
                    failure = c;
                } else if (failure != c) {
                    failure.addSuppressed(c);
                }
            }
        }
    }

    private void requireLocked(String operation) {
        waiters.checkLoop();
        if (!lock.isLocked()) {
            throw new IllegalStateException("Condition." + operation + " needs the condition's lock held: acquire it first"
                + " (try (var _ = condition.acquired()) { ... })");
        }
    }

    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    @Override
    public String toString() {
        return "Condition[" + lock + ", waiters=" + waiters.countPending() + "]";
    }
}
