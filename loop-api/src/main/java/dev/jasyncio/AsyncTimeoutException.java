package dev.jasyncio;

/**
 * A deadline passed: thrown by {@link Async#timeout(java.time.Duration, Coroutine)},
 * {@link Async#waitFor(Future, java.time.Duration)} and the futures of
 * {@link Async#asCompleted}. When a timeout scope converted its own cancellation, the
 * {@link CancelledError} it caught is the cause.
 *
 * <p>Unchecked, like every error an await can raise: a timeout may surface from any await in the
 * body, so a checked exception would have to be declared everywhere.
 *
 * @apiNote asyncio: {@code TimeoutError} (the builtin that {@code asyncio.TimeoutError} aliases).
 *     Not {@link java.util.concurrent.TimeoutException}, which is checked, and named apart from it
 *     so that files importing both packages need no qualified names.
 */
public class AsyncTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A timeout with the given message. */
    public AsyncTimeoutException(String message) {
        super(message);
    }

    /** A timeout with the given message, caused by {@code cause} (usually a {@link CancelledError}). */
    public AsyncTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
