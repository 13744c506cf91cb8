package dev.jasyncio;

/** Reading and copying the outcome of a done future without tripping over its three shapes. */
final class Outcomes {
    private Outcomes() {}

    /**
     * Makes {@code to} end as {@code from} ended: same value, same exception, or cancelled with
     * the same message. Marks an exception of {@code from} retrieved, since it is handed on.
     */
    static <T> void copy(Future<? extends T> from, Future<T> to) {
        if (from.isCancelled()) {
            to.cancel(from.cancelMessage());
            return;
        }
        Throwable e = from.exception();
        if (e != null) {
            to.setException(e);
        } else {
            to.setResult(from.result());
        }
    }

    /**
     * The error a done future ended with: its exception, a {@link CancelledError} carrying its
     * cancel message if it was cancelled, or null if it has a value. Marks the exception retrieved.
     */
    static Throwable errorOf(Future<?> f) {
        if (f.isCancelled()) {
            return new CancelledError(f.cancelMessage());
        }
        return f.exception();
    }
}
