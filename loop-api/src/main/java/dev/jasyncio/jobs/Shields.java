package dev.jasyncio.jobs;

import dev.jasyncio.CancelledError;
import dev.jasyncio.ExceptionContext;
import dev.jasyncio.Future;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The work a scheduler shields ({@link Scheduler#shield}): each inner future is tracked until it
 * is done, and callers get an outer future that follows it but whose cancellation leaves it alone.
 */
final class Shields {
    /*
     * Links: inner --done callback--> outer. The callback always retrieves the inner's exception,
     * so a failed inner task is never reported by the loop as "never retrieved"; if the outer was
     * cancelled by then (its caller gave up) the error goes to the scheduler's handler instead.
     */

    private final Scheduler scheduler;
    /** The inner futures not done yet, in the order they were shielded. */
    private final Set<Future<?>> inner = new LinkedHashSet<>();

    Shields(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Tracks {@code work}, which is not done, and returns its shield. */
    <T> Future<T> track(Future<T> work) {
        inner.add(work);
        Future<T> outer = scheduler.getLoop().createFuture();
        work.addDoneCallback(f -> {
            inner.remove(f);
            if (outer.isCancelled()) {
                Throwable error = f.isCancelled() ? null : f.exception();
                if (error != null) {
                    scheduler.callExceptionHandler(ExceptionContext.of("Shielded work failed after its shield was "
                        + "cancelled: nobody awaited this error", error).with(ExceptionContext.FUTURE, f));
                }
            } else if (!outer.isDone()) {
                copyOutcome(f, outer);
            }
        });
        return outer;
    }

    boolean isEmpty() {
        return inner.isEmpty();
    }

    int size() {
        return inner.size();
    }

    /** Adds the tracked futures to {@code into}. */
    void addPendingTo(Collection<? super Future<?>> into) {
        into.addAll(inner);
    }

    /** Cancels every tracked future and adds those not done yet (tasks still ending) to {@code running}. */
    void cancelAll(String message, Collection<? super Future<?>> running) {
        for (Future<?> f : List.copyOf(inner)) {
            f.cancel(message);
            if (!f.isDone()) {
                running.add(f);
            }
        }
    }

    /** Stops tracking: after the scheduler's close. */
    void clear() {
        inner.clear();
    }

    /** Copies the outcome of a done future into a pending one. */
    static <T> void copyOutcome(Future<T> from, Future<T> to) {
        if (from.isCancelled()) {
            to.cancel(cancelMessage(from));
            return;
        }
        Throwable error = from.exception();
        if (error != null) {
            to.setException(error);
        } else {
            to.setResult(from.result());
        }
    }

    /** The message a cancelled future was cancelled with, or null. */
    static String cancelMessage(Future<?> cancelled) {
        try {
            cancelled.result();
            return null;
        } catch (CancelledError c) {
            return c.getMessage();
        }
    }
}
