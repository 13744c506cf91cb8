package dev.jasyncio.jobs;

import dev.jasyncio.Async;
import dev.jasyncio.AsyncTimeoutException;
import dev.jasyncio.CancelledError;
import dev.jasyncio.Context;
import dev.jasyncio.Coroutine;
import dev.jasyncio.ExceptionContext;
import dev.jasyncio.Future;
import dev.jasyncio.ReturnWhen;
import dev.jasyncio.Task;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A coroutine that a {@link Scheduler} runs as a task once one of its active slots is free: it is
 * pending until then, active while its task runs, and closed once the task has ended or someone
 * closed the job. Made by {@link Scheduler#spawn}.
 *
 * <p>An exception the job ends with goes to the callers waiting for it at that moment
 * ({@link #waitFor}, {@link #close}); when nobody waits, it is reported once through the
 * scheduler's {@linkplain Scheduler#callExceptionHandler exception handler}. Either way the loop
 * never reports it as "never retrieved".
 *
 * <p>Loop thread only: every method must be called on the loop the scheduler is bound to.
 *
 * @param <T> the coroutine's value
 * @apiNote aiojobs: {@code aiojobs.Job}.
 */
public final class Job<T> {
    /*
     * Lifecycle (state):
     *
     *   PENDING --a slot is free--> ACTIVE --the task ends--> CLOSED
     *   PENDING --close, scheduler close, cancelled spawn--> CLOSED   (never started: outcome cancelled)
     *   ACTIVE  --close, scheduler close--> CLOSED                    (task cancelled, may still run)
     *
     * | state   | task              | outcome       | in scheduler.jobs       |
     * | PENDING | null              | pending       | yes (and in the line)   |
     * | ACTIVE  | running           | pending       | yes, holds a slot       |
     * | CLOSED  | null/running/done | pending/done  | until the task has ended|
     *
     * As in aiojobs a job being closed is CLOSED at once but keeps its slot until its task ends.
     *
     * outcome is a plain loop future that mirrors the task once taskDone() has run (or is
     * cancelled if the job never started). Callers wait on it with Async.wait, which never cancels
     * what it waits on: a cancelled waiter leaves the job alone (aiojobs shields the wait).
     *
     * Error routing: taskDone() always retrieves the task's exception (so the loop never reports
     * it) and hands it to the callers waiting at that moment (waiters > 0), else reports it.
     * A waiter cancelled before it could take the error reports it if it was the last one.
     * errorHandled makes the report happen at most once.
     */

    private static final AtomicLong COUNTER = new AtomicLong();

    private enum State { PENDING, ACTIVE, CLOSED }

    /** The scheduler that runs this job; its loop is the job's loop. */
    private final Scheduler scheduler;
    /** The body, run by the task once the job starts. */
    private final Coroutine<T> coroutine;
    /** The spawner's context for a job that starts later; null: the context current at start. */
    private final Context context;
    /** Mirrors the task's outcome; cancelled if the job never started. */
    private final Future<T> outcome;
    /** The job's name, given to its task. */
    private String name;
    private State state = State.PENDING;
    /** The task running the body; null until the job starts. */
    private Task<T> task;
    /** Callers inside waitFor or close that will take the job's error. */
    private int waiters;
    /** The job's error was reported or handed to a caller. */
    private boolean errorHandled;

    Job(Scheduler scheduler, Coroutine<T> coroutine, String name, Context context) {
        this.scheduler = scheduler;
        this.coroutine = coroutine;
        this.context = context;
        this.name = name != null ? name : "Job-" + COUNTER.incrementAndGet();
        this.outcome = scheduler.getLoop().createFuture();
    }

    // ---- state

    /**
     * Whether the job's task runs and nobody has closed the job yet.
     *
     * @apiNote aiojobs: {@code Job.active}.
     */
    public boolean isActive() {
        return state == State.ACTIVE;
    }

    /**
     * Whether the job waits for a free slot of its scheduler and has not started.
     *
     * @apiNote aiojobs: {@code Job.pending}.
     */
    public boolean isPending() {
        return state == State.PENDING;
    }

    /**
     * Whether the job has ended or was closed; a closed job may still be finishing its cleanup
     * after the cancellation.
     *
     * @apiNote aiojobs: {@code Job.closed}.
     */
    public boolean isClosed() {
        return state == State.CLOSED;
    }

    /**
     * The job's name, which its task carries too: the one given to {@link Scheduler#spawn}, or a
     * generated {@code Job-<n>}.
     *
     * @apiNote aiojobs: {@code Job.get_name()}, which returns None for an unnamed pending job.
     */
    public String getName() {
        return name;
    }

    /**
     * Renames the job and its task, if it has started.
     *
     * @apiNote aiojobs: {@code Job.set_name(name)}.
     */
    public void setName(String name) {
        this.name = String.valueOf(name);
        if (task != null) {
            task.setName(this.name);
        }
    }

    // ---- waiting and closing

    /**
     * Waits, without a time limit, until the job has ended and returns its value or throws its
     * exception; see {@link #waitFor(Duration)}.
     *
     * @throws CancelledError if the waiting task was cancelled (the job keeps running), or if the
     *     job ended cancelled
     * @throws IllegalStateException outside a task of the scheduler's loop
     * @apiNote aiojobs: {@code await job.wait()}.
     */
    public T waitFor() {
        return waitFor(null);
    }

    /**
     * Suspends the current task until the job has ended, for at most {@code timeout}
     * ({@code null}: no limit), and returns its value or throws its exception, which is then not
     * reported to the exception handler. When the time is up the job is closed (as by
     * {@link #close()}) and {@link AsyncTimeoutException} is thrown, with any error of that close
     * added as suppressed. Cancelling the waiting task leaves the job running; its error then goes
     * to the exception handler unless another caller still waits. Waits for a pending job too.
     *
     * @throws AsyncTimeoutException if the job did not end within {@code timeout}
     * @throws CancelledError if the waiting task was cancelled, or if the job ended cancelled
     * @throws java.util.concurrent.CompletionException wrapping a checked exception of the job
     * @throws IllegalStateException outside a task of the scheduler's loop, or from the job's own task
     * @apiNote aiojobs: {@code await job.wait(timeout=timeout)}. Difference: aiojobs keeps treating
     *     the job as waited for after its waiter was cancelled, and drops its error silently.
     */
    public T waitFor(Duration timeout) {
        Task<?> caller = scheduler.requireTask("Job.waitFor");
        if (caller == task) {
            throw new IllegalStateException("job '" + name + "' cannot wait for itself: waitFor would never return");
        }
        if (!outcome.isDone()) {
            awaitOutcome(timeout);
            if (!outcome.isDone()) {
                throw timedOut(timeout);
            }
        }
        return take();
    }

    /**
     * Closes the job and waits up to the scheduler's {@link Scheduler#closeTimeout()}; see
     * {@link #close(Duration)}.
     *
     * @apiNote aiojobs: {@code await job.close()}.
     */
    public void close() {
        close(scheduler.closeTimeout());
    }

    /**
     * Cancels the job and suspends the current task until its task has ended, for at most
     * {@code timeout} ({@code null}: no limit). A pending job is closed at once and never starts;
     * a job already closed is left alone. An exception the job ends with is thrown here and not
     * reported. If the time runs out the job's task is cancelled once more, left to finish on its
     * own, and {@link AsyncTimeoutException} is thrown. Called outside a task (from a plain
     * callback), it cancels and returns without waiting.
     *
     * @throws AsyncTimeoutException if the job's task did not end within {@code timeout}
     * @throws CancelledError if the closing task was cancelled while it waited (the job stays
     *     cancelled)
     * @throws java.util.concurrent.CompletionException wrapping a checked exception the job ended with
     * @throws IllegalStateException on a thread other than the scheduler's loop's
     * @apiNote aiojobs: {@code await job.close(timeout=timeout)}; like aiojobs after #612, the
     *     closer's own cancellation propagates. Difference: the wait never exceeds the timeout,
     *     where aiojobs waits again for a job that ignores its second cancellation.
     */
    public void close(Duration timeout) {
        scheduler.checkLoop("Job.close");
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        if (task == null) {
            closeUnstarted("job closed before it started");
            return;
        }
        task.cancel();
        Task<?> caller = Async.currentTask();
        if (caller == null || caller == task) {
            return;
        }
        awaitOutcome(timeout);
        if (!outcome.isDone()) {
            task.cancel();
            throw new AsyncTimeoutException("job '" + name + "' was cancelled and did not finish within "
                + timeout + ": it was cancelled again and left to finish on its own");
        }
        if (!outcome.isCancelled() && outcome.exception() != null) {
            take();
        }
    }

    // ---- package-private: the scheduler's side

    /** Starts the task: the job takes an active slot. */
    void start() {
        assert state == State.PENDING;
        state = State.ACTIVE;
        Task<T> t = scheduler.getLoop().createTask(coroutine, name, context);
        task = t;
        t.addDoneCallback(this::taskDone);
    }

    /**
     * Marks the job closed for the scheduler's close: a pending job is dropped at once, a
     * running task is cancelled.
     *
     * @return whether the scheduler must wait for the job's task to end
     */
    boolean closeForScheduler(String message) {
        state = State.CLOSED;
        if (task == null) {
            cancelOutcome(message);
            return false;
        }
        task.cancel(message);
        return !outcome.isDone();
    }

    /** Closes the job without waiting: used when the spawn that made it was cancelled. */
    void closeWithoutWaiting(String message) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        if (task == null) {
            closeUnstarted(message);
        } else {
            task.cancel(message);
        }
    }

    /** Closes a job that never entered the scheduler (its spawn failed while waiting for room). */
    void discard(String message) {
        state = State.CLOSED;
        cancelOutcome(message);
    }

    Future<T> outcome() {
        return outcome;
    }

    /** A close by the scheduler ran out of time: report it, and cancel the task once more. */
    void reportCloseTimedOut(Duration timeout) {
        task.cancel();
        AsyncTimeoutException e = new AsyncTimeoutException("job '" + name + "' was cancelled and did not finish within "
            + timeout + " (the scheduler's closeTimeout)");
        scheduler.callExceptionHandler(ExceptionContext.of("Job closing timed out: job '" + name
            + "' ignored its cancellation; it was cancelled again and left to finish on its own", e)
            .with(Scheduler.JOB, this));
    }

    // ---- internals

    private void closeUnstarted(String message) {
        scheduler.pendingJobClosed(this);
        cancelOutcome(message);
    }

    private void cancelOutcome(String message) {
        if (!outcome.isDone()) {
            outcome.cancel(message);
        }
    }

    /** The task's done callback: frees the slot, settles the outcome, routes the error. */
    private void taskDone(Future<T> t) {
        state = State.CLOSED;
        scheduler.jobEnded(this);
        if (t.isCancelled()) {
            cancelOutcome(Shields.cancelMessage(t));
            return;
        }
        Throwable error = t.exception();
        if (error == null) {
            outcome.setResult(t.result());
            return;
        }
        outcome.setException(error);
        if (waiters == 0) {
            report(error);
        }
    }

    /** Suspends the caller until the outcome is settled or {@code timeout} passes, counted as a waiter. */
    private void awaitOutcome(Duration timeout) {
        waiters++;
        boolean returned = false;
        try {
            Async.wait(List.of(outcome), timeout, ReturnWhen.ALL_COMPLETED);
            returned = true;
        } finally {
            waiters--;
            if (!returned) {
                reportUnclaimedError();
            }
        }
    }

    /** The outcome's value or exception, for a caller that takes the error (so it is not reported). */
    private T take() {
        if (!outcome.isCancelled() && outcome.exception() != null) {
            errorHandled = true;
        }
        return outcome.result();
    }

    /** A waiter gave up (cancelled): if it was the last, the error it would have taken is reported. */
    private void reportUnclaimedError() {
        if (waiters == 0 && outcome.isDone() && !outcome.isCancelled()) {
            Throwable error = outcome.exception();
            if (error != null) {
                report(error);
            }
        }
    }

    private void report(Throwable error) {
        if (errorHandled) {
            return;
        }
        errorHandled = true;
        scheduler.callExceptionHandler(ExceptionContext.of("Job processing failed: job '" + name
            + "' ended with an exception that nobody waited for (use job.waitFor() to handle it)", error)
            .with(Scheduler.JOB, this));
    }

    private AsyncTimeoutException timedOut(Duration timeout) {
        AsyncTimeoutException timedOut = new AsyncTimeoutException("job '" + name + "' did not finish within "
            + timeout + ": it was closed");
        if (state != State.CLOSED) {
            try {
                close(scheduler.closeTimeout());
            } catch (CancelledError c) {
                throw c;
            } catch (Throwable closeFailure) {
                timedOut.addSuppressed(closeFailure);
            }
        }
        return timedOut;
    }

    @Override
    public String toString() {
        return "Job[" + name + ", " + state.name().toLowerCase(java.util.Locale.ROOT) + "]";
    }
}
