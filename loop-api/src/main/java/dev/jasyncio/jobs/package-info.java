/**
 * Background jobs with a concurrency limit, after aiojobs: a {@link dev.jasyncio.jobs.Scheduler}
 * runs each {@link dev.jasyncio.jobs.Job} as a task on its loop, keeps at most
 * {@code limit} of them active and the rest pending in a bounded first-in first-out line, reports
 * the errors nobody waits for, and cancels everything on close.
 *
 * <p>Rules common to the package:
 * <ul>
 *   <li><b>Loop thread only, one loop.</b> A scheduler binds to the loop it is created on; its
 *       jobs run there, and every method must be called there.</li>
 *   <li><b>Waiting suspends the task.</b> {@code spawn} (when the line is full),
 *       {@code Job.waitFor}, {@code Job.close}, {@code Scheduler.waitAndClose} and
 *       {@code Scheduler.close} suspend the current task, never the thread; a cancelled waiter
 *       gets {@link dev.jasyncio.CancelledError} and leaves the job as it was (except a cancelled
 *       spawn, whose job is closed).</li>
 *   <li><b>Every error is seen once.</b> A job's exception goes to the callers waiting for the
 *       job when it ends, or else to the scheduler's exception handler, exactly once; the loop
 *       never reports it as "never retrieved".</li>
 *   <li><b>Timeouts</b> are {@link java.time.Duration}s, {@code null} meaning no limit, and expire
 *       with {@link dev.jasyncio.AsyncTimeoutException}.</li>
 * </ul>
 *
 * <p>Depends only on the public types of {@code dev.jasyncio}; nothing in the loop depends on it.
 *
 * @apiNote aiojobs 1.4: {@code aiojobs.Scheduler} and {@code aiojobs.Job}; the aiohttp helpers
 *     have no counterpart.
 */
package dev.jasyncio.jobs;
