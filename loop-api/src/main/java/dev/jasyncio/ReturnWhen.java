package dev.jasyncio;

/**
 * When {@link Async#wait(java.util.Collection, java.time.Duration, ReturnWhen) Async.wait} returns.
 *
 * @apiNote asyncio: the constants {@code FIRST_COMPLETED}, {@code FIRST_EXCEPTION} and
 *     {@code ALL_COMPLETED} of {@code asyncio}.
 */
public enum ReturnWhen {
    /** As soon as any future is done (finished or cancelled). */
    FIRST_COMPLETED,
    /**
     * As soon as any future finishes with an exception (a cancelled one does not count), else
     * when all are done.
     */
    FIRST_EXCEPTION,
    /** When all futures are done. */
    ALL_COMPLETED
}
