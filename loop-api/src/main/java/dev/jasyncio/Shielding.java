package dev.jasyncio;

import java.util.function.Consumer;

/**
 * {@link Async#shield}: an outer future that follows an inner one, except that cancelling the
 * outer leaves the inner alone.
 */
final class Shielding<T> {
    /*
     * Links: inner --innerDone--> outer while the outer is pending. Once the outer is cancelled,
     * `outer` is dropped so that a long-lived inner does not keep the caller reachable
     * (cpython#155143), and an error the inner ends with goes to the exception handler instead.
     * The awaited-by link inner -> outer (task dumps) lasts exactly while the outer is pending.
     */

    private final Future<T> inner;
    /** The shield; null once it was cancelled. */
    private Future<T> outer;

    private Shielding(Future<T> inner, Future<T> outer) {
        this.inner = inner;
        this.outer = outer;
    }

    /** See {@link Async#shield}. */
    static <T> Future<T> shield(Future<T> inner) {
        if (inner.isDone()) {
            return inner;
        }
        Future<T> outer = inner.loopCore().createFuture();
        Shielding<T> link = new Shielding<>(inner, outer);
        Consumer<Future<T>> innerDone = f -> link.innerDone();
        inner.addDoneCallback(innerDone);
        inner.addAwaitedBy(outer);
        outer.addDoneCallback(o -> {
            inner.removeAwaitedBy(o);
            if (o.isCancelled()) {
                link.outer = null;
            }
        });
        return outer;
    }

    private void innerDone() {
        Future<T> o = outer;
        if (o == null || o.isCancelled()) {
            if (!inner.isCancelled()) {
                Throwable e = inner.exception();
                if (e != null) {
                    inner.loopCore().callExceptionHandler(ExceptionContext.of(
                        "shielded future failed after its shield was cancelled; nobody awaited this error", e)
                        .with(ExceptionContext.FUTURE, inner));
                }
            }
            return;
        }
        if (!o.isDone()) {
            Outcomes.copy(inner, o);
        }
    }
}
