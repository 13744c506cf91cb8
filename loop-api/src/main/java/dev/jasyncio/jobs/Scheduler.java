package dev.jasyncio.jobs;

import dev.jasyncio.Async;
import dev.jasyncio.AsyncCloseable;
import dev.jasyncio.CancelledError;
import dev.jasyncio.Context;
import dev.jasyncio.Coroutine;
import dev.jasyncio.EventLoop;
import dev.jasyncio.ExceptionContext;
import dev.jasyncio.Future;
import dev.jasyncio.ReturnWhen;
import dev.jasyncio.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Runs background jobs on one loop with at most {@link #limit()} of them active at once: a job
 * spawned beyond the limit waits, pending, in a first-in first-out line of at most
 * {@link #pendingLimit()} jobs, and starts as soon as an active one ends. Errors of jobs nobody
 * waits for go to the scheduler's exception handler, once each. Closing the scheduler cancels
 * every job and refuses new ones.
 *
 * {@snippet :
 * try (Scheduler scheduler = Scheduler.builder().limit(10).create()) {
 *     for (String url : urls) {
 *         scheduler.spawn(() -> fetch(url));   // suspends only while the pending line is full
 *     }
 *     scheduler.waitAndClose();                // wait for them all (up to waitTimeout)
 * }                                            // close(): cancels whatever is left
 * }
 *
 * <p>Loop thread only. A scheduler is bound to the loop it was created on; using it from
 * another loop throws {@link IllegalStateException}. Methods that may wait ({@link #spawn} when
 * the line is full, {@link #waitAndClose}, {@link #close} with running jobs) suspend the current
 * task, so they belong inside a task.
 *
 * @apiNote aiojobs: {@code aiojobs.Scheduler}. Differences: try-with-resources calls
 *     {@link #close()}, which cancels the jobs, where {@code async with} calls
 *     {@code wait_and_close()}: call {@link #waitAndClose()} at the end of the block to wait for
 *     them; {@link #shield} refuses work once closed; a job that starts after waiting in the line
 *     runs in the context of its spawn, not of the job whose end freed its slot.
 */
public final class Scheduler implements AsyncCloseable {
    /*
     * Overview: jobs holds every job the scheduler answers for: the pending ones (also in the
     * line) and the started ones whose task has not ended, closing ones included. So
     * activeCount = jobs - line, as aiojobs counts, and a job being closed keeps its slot until
     * its task ends.
     *
     * Invariants: (1) the line is non-empty only while every slot is taken, and spawns wait for
     * room only while the line is full: rebalance() restores both whenever a job ends or a pending
     * job is closed; (2) jobs leave `jobs` in Job.taskDone() before their outcome is settled, so a
     * waiter woken by an outcome sees the job gone; (3) once closed, nothing starts: the line is
     * empty, waiting spawns were turned away, spawn and shield throw.
     *
     * Threading: loop thread only; checkLoop() guards every public entry.
     */

    /** Key of the {@link Job} in the error reports of this package. */
    public static final String JOB = "job";
    /** The default {@link #limit()}: 100 active jobs. */
    public static final int DEFAULT_LIMIT = 100;
    /** The default {@link #pendingLimit()}: 10,000 pending jobs. */
    public static final int DEFAULT_PENDING_LIMIT = 10_000;
    /** The default {@link #closeTimeout()}: 100 ms. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofMillis(100);
    /** The default {@link #waitTimeout()}: 60 s. */
    public static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Receives the error reports of a scheduler's jobs.
     *
     * @apiNote aiojobs: the {@code exception_handler(scheduler, context)} callable.
     */
    @FunctionalInterface
    public interface ExceptionHandler {
        /**
         * Handles one report of {@code scheduler}; the context holds {@code message},
         * {@code exception} and {@link #JOB} (or {@code future} for a shield). Runs on the loop
         * thread; an exception it throws is reported to the loop's exception handler.
         */
        void handle(Scheduler scheduler, ExceptionContext context);
    }

    /** The loop every job runs on. */
    private final EventLoop loop;
    /** Most active jobs at once; 0: no limit. */
    private final int limit;
    /** How long {@link #close()} waits for the cancelled jobs; null: no limit. */
    private final Duration closeTimeout;
    /** The default timeout of {@link #waitAndClose()}; null: no limit. */
    private final Duration waitTimeout;
    /** The handler of job errors; null: the loop's. */
    private final ExceptionHandler exceptionHandler;
    /** Pending jobs and the spawns waiting for room. */
    private final PendingLine pending;
    /** Pending jobs and started jobs whose task has not ended, in spawn order. */
    private final Set<Job<?>> jobs = new LinkedHashSet<>();
    private final Set<Job<?>> jobsView = Collections.unmodifiableSet(jobs);
    /** The shielded futures that are not done yet. */
    private final Shields shields = new Shields(this);
    private boolean closed;

    private Scheduler(Builder b, EventLoop loop) {
        this.loop = loop;
        this.limit = b.limit;
        this.closeTimeout = b.closeTimeout;
        this.waitTimeout = b.waitTimeout;
        this.exceptionHandler = b.exceptionHandler;
        this.pending = new PendingLine(b.pendingLimit);
    }

    /**
     * A scheduler with the default settings, bound to the running loop.
     *
     * @throws IllegalStateException outside a running loop
     * @apiNote aiojobs: {@code aiojobs.Scheduler()}.
     */
    public static Scheduler create() {
        return builder().create();
    }

    /**
     * A builder of a scheduler with other settings.
     *
     * @apiNote aiojobs: the keyword arguments of {@code aiojobs.Scheduler(...)}.
     */
    public static Builder builder() {
        return new Builder();
    }

    // ---- spawning

    /**
     * Spawns {@code coroutine} as a job with a generated name; see {@link #spawn(Coroutine, String)}.
     *
     * @apiNote aiojobs: {@code await scheduler.spawn(coro)}.
     */
    public <T> Job<T> spawn(Coroutine<T> coroutine) {
        return spawn(coroutine, null);
    }

    /**
     * Makes {@code coroutine} a job named {@code name} ({@code null}: generated): it starts as a
     * task at once if fewer than {@link #limit()} jobs are active, else it joins the pending line.
     * If the line is full, the current task is suspended until there is room; if that task is
     * cancelled meanwhile, the job is closed without ever starting and {@link CancelledError} is
     * thrown.
     *
     * @throws IllegalStateException if the scheduler is closed (also when it closes while this
     *     spawn waits), on another loop, or when the line is full outside a task
     * @throws CancelledError if the task was cancelled while it waited for room
     * @apiNote aiojobs: {@code await scheduler.spawn(coro, name)}.
     */
    public <T> Job<T> spawn(Coroutine<T> coroutine, String name) {
        Objects.requireNonNull(coroutine, "coroutine");
        checkLoop("spawn");
        checkOpen("spawn a job");
        if (pending.isEmpty() && hasFreeSlot()) {
            Job<T> job = new Job<>(this, coroutine, name, null);
            jobs.add(job);
            job.start();
            return job;
        }
        Job<T> job = new Job<>(this, coroutine, name, Context.copy());
        if (pending.hasRoom() && !pending.hasWaitingSpawns()) {
            pending.add(job);
            jobs.add(job);
        } else {
            awaitRoom(job);
        }
        return job;
    }

    private void awaitRoom(Job<?> job) {
        if (Async.currentTask() == null) {
            job.discard("spawn could not wait for room");
            throw new IllegalStateException("spawn: the pending line of " + this + " is full (pendingLimit="
                + pending.capacity() + ") and only a task can wait for room: call spawn inside a task");
        }
        Future<Boolean> gate = loop.createFuture();
        PendingLine.Waiter waiter = pending.waitForRoom(job, gate);
        boolean admitted;
        try {
            admitted = Async.await(gate);
        } catch (Throwable t) {
            pending.abandon(waiter);
            if (gate.isDone() && !gate.isCancelled() && gate.result()) {
                job.closeWithoutWaiting("the spawn of this job was cancelled");
            } else {
                job.discard("the spawn of this job was cancelled");
            }
            throw t;
        }
        if (!admitted) {
            job.discard("the scheduler closed before the job was admitted");
            throw new IllegalStateException("spawn: " + this + " was closed while this spawn waited for room in "
                + "the pending line; job '" + job.getName() + "' never started");
        }
    }

    /**
     * Runs {@code coroutine} as a task that the scheduler tracks and returns a future of its
     * value that shields it: cancelling that future, or the task awaiting it, leaves the task
     * running. {@link #waitAndClose} waits for it and {@link #close} cancels it. It does not count
     * towards {@link #limit()}.
     *
     * @throws IllegalStateException if the scheduler is closed, or on another loop
     * @apiNote aiojobs: {@code scheduler.shield(coro)}. Difference: an error the task ends with
     *     after its shield was cancelled goes to the scheduler's exception handler (aiojobs drops
     *     it).
     */
    public <T> Future<T> shield(Coroutine<T> coroutine) {
        Objects.requireNonNull(coroutine, "coroutine");
        checkLoop("shield");
        checkOpen("shield a coroutine");
        return shields.track(loop.createTask(coroutine));
    }

    /**
     * {@link #shield(Coroutine)} for a future or task already running: returns a future that
     * follows {@code inner} and whose cancellation leaves {@code inner} alone, and tracks
     * {@code inner} until it is done. Returns {@code inner} itself if it is done already.
     *
     * @throws IllegalArgumentException if {@code inner} belongs to another loop
     * @throws IllegalStateException if the scheduler is closed, or on another loop
     * @apiNote aiojobs: {@code scheduler.shield(future)}.
     */
    public <T> Future<T> shield(Future<T> inner) {
        Objects.requireNonNull(inner, "inner");
        checkLoop("shield");
        checkOpen("shield a future");
        if (inner.getLoop() != loop) {
            throw new IllegalArgumentException("shield: " + inner + " belongs to another loop than " + this);
        }
        return inner.isDone() ? inner : shields.track(inner);
    }

    // ---- closing

    /**
     * Waits for every job (pending ones included, and jobs spawned meanwhile) and every shielded
     * task, for at most {@link #waitTimeout()}; see {@link #waitAndClose(Duration)}.
     *
     * @apiNote aiojobs: {@code await scheduler.wait_and_close()}.
     */
    public void waitAndClose() {
        waitAndClose(waitTimeout);
    }

    /**
     * Suspends the current task until every job (pending ones included, and jobs spawned
     * meanwhile) and every shielded task has ended, or {@code timeout} ({@code null}: no limit)
     * has passed, then {@linkplain #close() closes} the scheduler, which cancels what is left.
     * Job errors go to the exception handler as usual. If the waiting task is cancelled, the jobs
     * keep running, the scheduler stays open and {@link CancelledError} is thrown.
     *
     * @throws CancelledError if the waiting task was cancelled
     * @throws IllegalStateException on another loop, or outside a task while there is work to wait for
     * @apiNote aiojobs: {@code await scheduler.wait_and_close(timeout)}.
     */
    public void waitAndClose(Duration timeout) {
        checkLoop("waitAndClose");
        if (!closed && (!jobs.isEmpty() || !shields.isEmpty())) {
            requireTask("waitAndClose");
            long deadlineNanos = timeout == null ? Long.MAX_VALUE : saturatedAdd(loop.time(), timeout);
            while (!jobs.isEmpty() || !shields.isEmpty()) {
                Duration left = null;
                if (timeout != null) {
                    long leftNanos = deadlineNanos - loop.time();
                    if (leftNanos <= 0) {
                        break;
                    }
                    left = Duration.ofNanos(leftNanos);
                }
                List<Future<?>> all = new ArrayList<>(jobs.size() + shields.size());
                for (Job<?> job : jobs) {
                    all.add(job.outcome());
                }
                shields.addPendingTo(all);
                if (!Async.wait(all, left, ReturnWhen.ALL_COMPLETED).pending().isEmpty()) {
                    break;
                }
            }
        }
        close();
    }

    /**
     * Closes the scheduler: refuses new jobs from now on, drops the pending ones (they never
     * start), turns away spawns waiting for room, cancels the active jobs and the shielded
     * tasks, then suspends the current task until they have ended, for at most
     * {@link #closeTimeout()}. A job still running then is reported to the exception handler
     * ("Job closing timed out"), cancelled once more and left to finish on its own. Idempotent.
     * Called outside a task (from a plain callback) it cancels and returns without waiting.
     *
     * @throws CancelledError if the closing task was cancelled while it waited (the jobs stay
     *     cancelled)
     * @throws IllegalStateException on another loop
     * @apiNote aiojobs: {@code await scheduler.close()}. Here it is also what try-with-resources
     *     calls.
     */
    @Override
    public void close() {
        checkLoop("close");
        if (closed) {
            return;
        }
        closed = true;
        String message = "the job scheduler was closed";
        for (Job<?> job : pending.snapshot()) {
            job.closeForScheduler(message);
            jobs.remove(job);
        }
        pending.clear();
        List<Future<?>> running = new ArrayList<>();
        List<Job<?>> closing = new ArrayList<>();
        for (Job<?> job : List.copyOf(jobs)) {
            if (job.closeForScheduler(message)) {
                closing.add(job);
                running.add(job.outcome());
            }
        }
        shields.cancelAll(message, running);
        try {
            if (!running.isEmpty() && Async.currentTask() != null) {
                Async.wait(running, closeTimeout, ReturnWhen.ALL_COMPLETED);
                for (Job<?> job : closing) {
                    if (!job.outcome().isDone()) {
                        job.reportCloseTimedOut(closeTimeout);
                    }
                }
            }
        } finally {
            jobs.clear();
            shields.clear();
        }
    }

    // ---- state and settings

    /**
     * Whether {@link #close()} was called; a closed scheduler refuses new jobs.
     *
     * @apiNote aiojobs: {@code Scheduler.closed}.
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * The number of started jobs whose task has not ended, counting jobs being closed.
     *
     * @apiNote aiojobs: {@code Scheduler.active_count}.
     */
    public int activeCount() {
        return jobs.size() - pending.size();
    }

    /**
     * The number of jobs waiting in the line for an active slot (not counting spawns waiting for
     * room in the line).
     *
     * @apiNote aiojobs: {@code Scheduler.pending_count}.
     */
    public int pendingCount() {
        return pending.size();
    }

    /**
     * The jobs the scheduler answers for, pending and active (those being closed included), in
     * spawn order: a read-only live view, loop thread only.
     *
     * @apiNote aiojobs: the scheduler itself as a collection ({@code len}, {@code iter},
     *     {@code in}).
     */
    public Set<Job<?>> jobs() {
        return jobsView;
    }

    /**
     * The most jobs active at once; 0 means no limit.
     *
     * @apiNote aiojobs: {@code Scheduler.limit} (None for no limit).
     */
    public int limit() {
        return limit;
    }

    /**
     * The most jobs the pending line holds before {@link #spawn} waits; 0 means no limit.
     *
     * @apiNote aiojobs: {@code Scheduler.pending_limit}.
     */
    public int pendingLimit() {
        return pending.capacity();
    }

    /**
     * How long {@link #close()} and {@link Job#close()} wait for cancelled jobs; null means no
     * limit.
     *
     * @apiNote aiojobs: {@code Scheduler.close_timeout}.
     */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /**
     * How long {@link #waitAndClose()} waits before closing; null means no limit.
     *
     * @apiNote aiojobs: the {@code wait_timeout} argument.
     */
    public Duration waitTimeout() {
        return waitTimeout;
    }

    /**
     * The handler given to the builder, or null when reports go to the loop's exception handler.
     *
     * @apiNote aiojobs: {@code Scheduler.exception_handler}.
     */
    public ExceptionHandler exceptionHandler() {
        return exceptionHandler;
    }

    /**
     * The loop the scheduler is bound to.
     *
     * @apiNote aiojobs: no counterpart (aiojobs binds to the loop of its first spawn).
     */
    public EventLoop getLoop() {
        return loop;
    }

    /**
     * Reports an error of a job: to the scheduler's handler if it has one, else to the loop's
     * {@link EventLoop#callExceptionHandler}. Never throws: a failing handler is reported to the
     * loop's handler.
     *
     * @apiNote aiojobs: {@code Scheduler.call_exception_handler(context)}.
     */
    public void callExceptionHandler(ExceptionContext context) {
        Objects.requireNonNull(context, "context");
        ExceptionHandler h = exceptionHandler;
        if (h == null) {
            loop.callExceptionHandler(context);
            return;
        }
        try {
            h.handle(this, context);
        } catch (Throwable failure) {
            loop.callExceptionHandler(ExceptionContext.of("the exception handler of " + this + " failed while "
                + "handling: " + context.message(), failure).with("context", context));
        }
    }

    @Override
    public String toString() {
        return "Scheduler[" + (closed ? "closed, " : "") + "active=" + activeCount() + ", pending=" + pendingCount()
            + ", limit=" + (limit == 0 ? "none" : limit) + "]";
    }

    // ---- package-private: the jobs' side

    /** A started job's task has ended: it leaves the scheduler and frees its slot. */
    void jobEnded(Job<?> job) {
        if (jobs.remove(job)) {
            rebalance();
        }
    }

    /** A pending job was closed: it leaves the line, making room for a waiting spawn. */
    void pendingJobClosed(Job<?> job) {
        if (pending.remove(job)) {
            jobs.remove(job);
            rebalance();
        }
    }

    /** Checks that the caller runs on this scheduler's loop. */
    void checkLoop(String operation) {
        EventLoop running = Async.getRunningLoop();
        if (running != loop) {
            throw new IllegalStateException(operation + ": " + this + " is bound to another event loop; "
                + "use a scheduler only on the loop it was created on");
        }
    }

    /** Checks the loop and returns the current task. */
    Task<?> requireTask(String operation) {
        checkLoop(operation);
        Task<?> task = Async.currentTask();
        if (task == null) {
            throw new IllegalStateException(operation + " waits, and only a task can wait: call it inside a task "
                + "(thread '" + Thread.currentThread().getName() + "')");
        }
        return task;
    }

    // ---- internals

    private boolean hasFreeSlot() {
        return limit == 0 || activeCount() < limit;
    }

    /** Starts pending jobs while slots are free, then admits waiting spawns while the line has room. */
    private void rebalance() {
        while (!closed) {
            if (!pending.isEmpty() && hasFreeSlot()) {
                pending.pollFirst().start();
            } else if (pending.hasRoom() && pending.hasWaitingSpawns()) {
                Job<?> admitted = pending.admitNext();
                if (admitted == null) {
                    return;
                }
                jobs.add(admitted);
            } else {
                return;
            }
        }
    }

    private void checkOpen(String operation) {
        if (closed) {
            throw new IllegalStateException("cannot " + operation + ": " + this + " is closed and accepts no new "
                + "work; create a new Scheduler");
        }
    }

    private static long saturatedAdd(long nowNanos, Duration timeout) {
        try {
            return Math.addExact(nowNanos, timeout.toNanos());
        } catch (ArithmeticException tooFar) {
            return timeout.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /**
     * The settings of a new {@link Scheduler}; each has aiojobs' default.
     *
     * @apiNote aiojobs: the keyword arguments of {@code aiojobs.Scheduler(...)}.
     */
    public static final class Builder {
        private int limit = DEFAULT_LIMIT;
        private int pendingLimit = DEFAULT_PENDING_LIMIT;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private Duration waitTimeout = DEFAULT_WAIT_TIMEOUT;
        private ExceptionHandler exceptionHandler;

        private Builder() {}

        /**
         * Sets the most jobs active at once ({@value Scheduler#DEFAULT_LIMIT} by default); 0 means
         * no limit.
         *
         * @throws IllegalArgumentException if {@code limit} is negative
         * @apiNote aiojobs: {@code limit} (None for no limit).
         */
        public Builder limit(int limit) {
            if (limit < 0) {
                throw new IllegalArgumentException("limit must be 0 (no limit) or positive, got " + limit);
            }
            this.limit = limit;
            return this;
        }

        /**
         * Sets the most pending jobs before {@link Scheduler#spawn} waits
         * ({@value Scheduler#DEFAULT_PENDING_LIMIT} by default); 0 means no limit.
         *
         * @throws IllegalArgumentException if {@code pendingLimit} is negative
         * @apiNote aiojobs: {@code pending_limit} (0 for no limit).
         */
        public Builder pendingLimit(int pendingLimit) {
            if (pendingLimit < 0) {
                throw new IllegalArgumentException("pendingLimit must be 0 (no limit) or positive, got " + pendingLimit);
            }
            this.pendingLimit = pendingLimit;
            return this;
        }

        /**
         * Sets how long closing waits for cancelled jobs (100 ms by default); null means no limit.
         *
         * @throws IllegalArgumentException if {@code closeTimeout} is negative
         * @apiNote aiojobs: {@code close_timeout}.
         */
        public Builder closeTimeout(Duration closeTimeout) {
            this.closeTimeout = checkTimeout("closeTimeout", closeTimeout);
            return this;
        }

        /**
         * Sets how long {@link Scheduler#waitAndClose()} waits (60 s by default); null means no
         * limit.
         *
         * @throws IllegalArgumentException if {@code waitTimeout} is negative
         * @apiNote aiojobs: {@code wait_timeout} (since aiojobs 1.3).
         */
        public Builder waitTimeout(Duration waitTimeout) {
            this.waitTimeout = checkTimeout("waitTimeout", waitTimeout);
            return this;
        }

        /**
         * Sets the handler of job errors; null (the default) sends them to the loop's exception
         * handler.
         *
         * @apiNote aiojobs: {@code exception_handler}.
         */
        public Builder exceptionHandler(ExceptionHandler exceptionHandler) {
            this.exceptionHandler = exceptionHandler;
            return this;
        }

        /**
         * A scheduler with these settings, bound to the running loop.
         *
         * @throws IllegalStateException outside a running loop
         * @apiNote aiojobs: {@code aiojobs.Scheduler(...)}, created inside a coroutine.
         */
        public Scheduler create() {
            return new Scheduler(this, Async.getRunningLoop());
        }

        private static Duration checkTimeout(String what, Duration timeout) {
            if (timeout != null && timeout.isNegative()) {
                throw new IllegalArgumentException(what + " must be null (no limit), zero or positive, got " + timeout);
            }
            return timeout;
        }
    }
}
