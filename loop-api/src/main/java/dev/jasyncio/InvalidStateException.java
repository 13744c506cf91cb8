package dev.jasyncio;

/**
 * An operation was not allowed in the current state of a future or task: a result read before
 * it is done, a result set twice.
 *
 * @apiNote asyncio: {@code asyncio.InvalidStateError}.
 */
public class InvalidStateException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** An invalid-state error with the given message. */
    public InvalidStateException(String message) {
        super(message);
    }
}
