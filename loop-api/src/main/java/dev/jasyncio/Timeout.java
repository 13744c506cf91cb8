package dev.jasyncio;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A deadline over a block of code inside a task: when it passes, the task is cancelled, and the
 * {@link CancelledError} that this causes is turned into an {@link AsyncTimeoutException} where
 * the block ends. Opened by {@link Async#timeout(Duration, ScopedCoroutine)} and
 * {@link Async#timeoutAt(long, ScopedCoroutine)}, which hand it to the block so that the block
 * can move the deadline.
 *
 * {@snippet :
 * String page = Async.timeout(Duration.ofSeconds(5), t -> {
 *     String first = fetch(url);
 *     t.reschedule(Duration.ofSeconds(1));   // one more second for the rest
 *     return first + fetch(next);
 * });
 * }
 *
 * <p>Only the timeout's own cancellation is converted: on exit the scope withdraws its request
 * with {@link Task#uncancel()}, and converts only if that brings {@link Task#cancelling()} back to
 * its value at entry. A cancellation from outside (or from an enclosing timeout) that arrived
 * meanwhile keeps propagating as {@link CancelledError} (cpython#102780, cpython#86296).
 *
 * <p><b>Why a block and not try-with-resources.</b> When the body of a try-with-resources
 * statement throws, Java runs {@code close()} and adds whatever {@code close()} throws to the
 * body's exception as suppressed; the body's exception still propagates. A {@code close()} could
 * therefore never replace the {@link CancelledError} with the timeout exception, which is the
 * whole job of a timeout scope. So the scope is a method that runs the block and catches.
 *
 * <p>Loop thread only.
 *
 * @apiNote asyncio: {@code asyncio.Timeout}, as returned by {@code asyncio.timeout()}; times are
 *     nanoseconds of {@link EventLoop#time()} where asyncio uses float seconds, and
 *     {@code when()} is {@link #whenNanos()}.
 */
public final class Timeout {
    /*
     * Lifecycle (asyncio's timeouts._State):
     *
     *   ENTERED --deadline passes: task.cancel()--> EXPIRING --block ends--> EXPIRED
     *   ENTERED --block ends--> EXITED
     *
     * Invariants: (1) `timer` is non-null only while ENTERED with a deadline; every state change
     * cancels it; (2) a timeout cancels its task at most once, and withdraws exactly that request
     * on exit; (3) the block runs in `task`, so the task cannot end while the scope is open.
     */
    private enum State { ENTERED, EXPIRING, EXPIRED, EXITED }

    /** The task whose code the scope covers. */
    private final Task<?> task;
    /** task.cancelling() when the scope was entered: the count to come back to. */
    private final int cancellingAtEntry;
    /** The delay the scope was opened with, for messages; null once rescheduled or if opened with a time. */
    private Duration openedWith;
    private State state = State.ENTERED;
    /** Whether there is a deadline at all. */
    private boolean hasDeadline;
    /** The deadline on the loop's clock, if hasDeadline. */
    private long whenNanos;
    /** The scheduled expiry: a timer, or a callSoon handle for a deadline already past. */
    private Handle timer;
    /** The expiry callback, allocated once. */
    private final Runnable expiry = this::expire;

    private Timeout(Task<?> task) {
        this.task = task;
        this.cancellingAtEntry = task.cancelling();
    }

    /** Runs {@code body} in {@code task} under a deadline {@code delay} from now (null: none). */
    static <T> T run(Task<?> task, Duration delay, ScopedCoroutine<Timeout, T> body) {
        Timeout t = new Timeout(task);
        if (delay != null) {
            t.openedWith = delay;
            t.schedule(task.loopCore().time() + saturatedNanos(delay));
        }
        return t.runBody(body);
    }

    /** Runs {@code body} in {@code task} under the deadline {@code whenNanos}. */
    static <T> T runAt(Task<?> task, long whenNanos, ScopedCoroutine<Timeout, T> body) {
        Timeout t = new Timeout(task);
        t.schedule(whenNanos);
        return t.runBody(body);
    }

    private <T> T runBody(ScopedCoroutine<Timeout, T> body) {
        T value;
        try {
            value = body.call(this);
        } catch (Throwable e) {
            throw Future.rethrowable(exit(e));
        }
        exit(null);
        return value;
    }

    /**
     * Moves the deadline to {@code whenNanos} on the loop's clock; a time already past expires the
     * scope on the next iteration.
     *
     * @throws IllegalStateException if the scope has expired or ended
     * @apiNote asyncio: {@code Timeout.reschedule(when)}.
     */
    public void reschedule(long whenNanos) {
        checkEntered();
        openedWith = null;
        schedule(whenNanos);
    }

    /**
     * Moves the deadline to {@code delay} from now.
     *
     * @throws IllegalStateException if the scope has expired or ended
     * @apiNote asyncio: {@code Timeout.reschedule(loop.time() + delay)}.
     */
    public void reschedule(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        checkEntered();
        openedWith = delay;
        schedule(task.loopCore().time() + saturatedNanos(delay));
    }

    /**
     * Removes the deadline: the scope will not expire unless rescheduled.
     *
     * @throws IllegalStateException if the scope has expired or ended
     * @apiNote asyncio: {@code Timeout.reschedule(None)}.
     */
    public void removeDeadline() {
        checkEntered();
        cancelTimer();
        hasDeadline = false;
    }

    /**
     * The deadline in nanoseconds of {@link EventLoop#time()}, or empty if there is none.
     *
     * @apiNote asyncio: {@code Timeout.when()}, with {@code None} as empty.
     */
    public OptionalLong whenNanos() {
        return hasDeadline ? OptionalLong.of(whenNanos) : OptionalLong.empty();
    }

    /**
     * Whether the deadline passed while the scope was open (it cancelled its task).
     *
     * @apiNote asyncio: {@code Timeout.expired()}.
     */
    public boolean isExpired() {
        return state == State.EXPIRING || state == State.EXPIRED;
    }

    private void checkEntered() {
        task.loopCore().checkThread("Timeout.reschedule");
        if (state != State.ENTERED) {
            throw new IllegalStateException("Cannot change the deadline of a Timeout that is " + state.name().toLowerCase()
                + ": reschedule only inside its block and before it expires");
        }
    }

    private void schedule(long when) {
        cancelTimer();
        hasDeadline = true;
        whenNanos = when;
        LoopCore loop = task.loopCore();
        timer = when - loop.time() <= 0 ? loop.callSoon(expiry) : loop.callAt(when, expiry);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    /** The deadline passed: cancel the task (once); the block's exit decides what it becomes. */
    private void expire() {
        timer = null;
        if (state != State.ENTERED || task.isDone()) {
            return;
        }
        state = State.EXPIRING;
        task.cancel();
    }

    /**
     * Closes the scope after the block ended with {@code error} (null: normally), and returns what
     * the block should throw (null: nothing).
     */
    private Throwable exit(Throwable error) {
        cancelTimer();
        if (state == State.ENTERED) {
            state = State.EXITED;
            return error;
        }
        state = State.EXPIRED;
        // Withdraw our request first, always; convert only if no other request is left open.
        if (task.uncancel() <= cancellingAtEntry && error != null) {
            if (error instanceof CancelledError) {
                return new AsyncTimeoutException(message(), error);
            }
            // The block failed otherwise while being cancelled: record that a timeout was involved.
            error.addSuppressed(new AsyncTimeoutException(message()));
            if (error instanceof ExceptionGroup group) {
                for (Throwable member : group.getExceptions()) {
                    member.addSuppressed(new AsyncTimeoutException(message()));
                }
            }
        }
        return error;
    }

    private String message() {
        return openedWith != null
            ? "Timed out after " + openedWith
            : "Timed out: the loop's clock passed the deadline " + whenNanos + " ns";
    }

    static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException overflow) {
            return d.isNegative() ? Long.MIN_VALUE / 4 : Long.MAX_VALUE / 4;
        }
    }

    @Override
    public String toString() {
        return "Timeout[" + state.name().toLowerCase() + (hasDeadline ? ", when=" + whenNanos : ", no deadline") + "]";
    }
}
