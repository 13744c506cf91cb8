package dev.jasyncio;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The future of {@link Async#gather}: the results of its children in argument order.
 */
final class GatheringFuture<T> extends Future<List<T>> {
    /*
     * Overview (asyncio's _GatheringFuture and gather's _done_callback).
     *
     * children keeps the arguments in order, duplicates included; each distinct child gets one
     * done callback, and `finished` counts distinct children done.
     *
     * Outcome:
     * - returnExceptions false: the first child that ends with an exception or cancelled ends the
     *   gather (a cancelled child is an error, CancelledError, not a cancellation of the gather);
     *   otherwise the gather ends when all children are done.
     * - returnExceptions true: the gather ends when all children are done; errors take the
     *   place of values in the list.
     * - cancel(): cancels every child not done; if any accepted, cancelRequested is set and the
     *   gather ends CANCELLED whenever it ends (asyncio: "always ends in CancelledError").
     *
     * After the gather is done, later child errors are retrieved here, as asyncio does, so that
     * tasks the caller gave away report nothing; except when the gather ended cancelled: then
     * nobody else can see them, and they go to the exception handler (never drop an error).
     */

    /** The arguments, in order, duplicates included. */
    private final List<Future<? extends T>> children;
    /** The distinct children, in first-seen order: the same list as children when no child repeats. */
    private List<Future<? extends T>> distinct;
    /** Whether errors become list elements instead of ending the gather. */
    private final boolean returnExceptions;
    /** Distinct children done so far. */
    private int finished;
    /** Set by a cancel() that reached at least one child: the gather will end cancelled. */
    private boolean cancelRequested;
    /** The message of that cancel(). */
    private String requestedMessage;

    private GatheringFuture(LoopCore loop, List<Future<? extends T>> children, boolean returnExceptions) {
        super(loop);
        this.children = children;
        this.distinct = children;
        this.returnExceptions = returnExceptions;
    }

    /** See {@link Async#gather(List, boolean)}; the caller gives T = Object when returnExceptions is true. */
    static <T> Future<List<T>> of(List<? extends Future<? extends T>> futures, boolean returnExceptions) {
        Objects.requireNonNull(futures, "futures");
        if (futures.isEmpty()) {
            Future<List<T>> empty = Async.getRunningLoop().createFuture();
            empty.setResult(new ArrayList<>());
            return empty;
        }
        List<Future<? extends T>> children = new ArrayList<>(futures.size());
        LoopCore loop = null;
        for (Future<? extends T> f : futures) {
            Objects.requireNonNull(f, "gather got a null future");
            if (loop == null) {
                loop = f.loopCore();
            } else if (f.loopCore() != loop) {
                throw new IllegalArgumentException("gather: " + f + " belongs to a different loop than " + children.get(0)
                    + "; all futures of one gather must belong to one loop");
            }
            children.add(f);
        }
        GatheringFuture<T> g = new GatheringFuture<>(loop, children, returnExceptions);
        g.attach();
        return g;
    }

    /**
     * One done callback and one awaited-by link per distinct child. A repeated child is told by
     * its newest awaited-by link being this gather (no identity map for the common case without
     * repeats); only a repeat makes a separate list of distinct children.
     */
    private void attach() {
        Consumer<Future<? extends T>> onChildDone = this::childDone;
        for (int i = 0; i < children.size(); i++) {
            Future<? extends T> f = children.get(i);
            if (f.lastAwaitedBy(this)) {
                if (distinct == children) {
                    distinct = new ArrayList<>(children.subList(0, i));
                }
                continue;
            }
            if (distinct != children) {
                distinct.add(f);
            }
            f.addDoneCallback(onChildDone);
            f.addAwaitedBy(this);
        }
    }

    /**
     * Cancels every child that is not done; the gather then ends cancelled once its children let
     * it end. Does nothing if the gather is done.
     *
     * @return true if at least one child accepted the cancellation
     */
    @Override
    public boolean cancel(String message) {
        loopCore().checkThread("cancel");
        if (isDone()) {
            return false;
        }
        boolean any = false;
        for (Future<? extends T> f : distinct) {
            if (f.cancel(message)) {
                any = true;
            }
        }
        if (any) {
            cancelRequested = true;
            requestedMessage = message;
        }
        return any;
    }

    private void childDone(Future<? extends T> child) {
        child.removeAwaitedBy(this);
        finished++;
        if (isDone()) {
            afterTheEnd(child);
            return;
        }
        if (!returnExceptions) {
            Throwable error = Outcomes.errorOf(child);
            if (error != null) {
                if (cancelRequested) {
                    reportIfReal(error, child);
                    finishCancelled(requestedMessage);
                } else {
                    finishWithException(error);
                }
                return;
            }
        }
        if (finished < distinct.size()) {
            return;
        }
        if (cancelRequested) {
            for (Future<? extends T> f : distinct) {
                reportIfReal(Outcomes.errorOf(f), f);
            }
            finishCancelled(requestedMessage);
            return;
        }
        List<Object> results = new ArrayList<>(children.size());
        for (Future<? extends T> f : children) {
            Throwable error = Outcomes.errorOf(f);
            results.add(error != null ? error : f.result());
        }
        @SuppressWarnings("unchecked")
        List<T> typed = (List<T>) (List<?>) Collections.unmodifiableList(results);
        finishWithValue(typed);
    }

    /** A child that ends after the gather did. */
    private void afterTheEnd(Future<? extends T> child) {
        Throwable error = Outcomes.errorOf(child);
        if (isCancelled()) {
            reportIfReal(error, child);
        }
    }

    private void reportIfReal(Throwable error, Future<?> child) {
        if (error != null && !(error instanceof CancelledError)) {
            loopCore().callExceptionHandler(ExceptionContext.of(
                "gather child failed after the gather was cancelled; nobody else will see this error", error)
                .with(ExceptionContext.FUTURE, child));
        }
    }

    @Override
    public String toString() {
        String s = super.toString();
        return s.substring(0, s.length() - 1) + ", " + finished + "/" + distinct.size() + " children done]";
    }
}
