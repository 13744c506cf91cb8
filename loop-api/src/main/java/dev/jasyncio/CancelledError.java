package dev.jasyncio;

/**
 * Raised when a future or task was cancelled; carries the message given to {@code cancel(msg)}.
 *
 * <p>It extends {@link Error}, not {@link Exception}, on purpose: a {@code catch (Exception e)}
 * around an await must not swallow cancellation (asyncio moved {@code CancelledError} out of
 * {@code Exception} in 3.8 for the same reason). Clean up in {@code finally}, or catch it,
 * clean up, and rethrow:
 * {@snippet :
 * try {
 *     work();
 * } catch (CancelledError e) {
 *     undoPartialWork();
 *     throw e;
 * }
 * }
 *
 * @apiNote asyncio: {@code asyncio.CancelledError} (a {@code BaseException}).
 */
public class CancelledError extends Error {
    private static final long serialVersionUID = 1L;

    /** A cancellation with the given message, which may be null. */
    public CancelledError(String message) {
        super(message);
    }

    /** A cancellation with no message. */
    public CancelledError() {
        super();
    }
}
