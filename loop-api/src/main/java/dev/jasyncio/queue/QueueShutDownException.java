package dev.jasyncio.queue;

/**
 * Thrown by a put on a queue that was shut down, and by a get once a shut-down queue is empty (at
 * once after an immediate shutdown).
 *
 * @apiNote asyncio: {@code asyncio.QueueShutDown} (3.13).
 */
public class QueueShutDownException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** An exception with the given message. */
    public QueueShutDownException(String message) {
        super(message);
    }
}
