package dev.jasyncio.queue;

/**
 * Thrown by {@link Queue#putNowait} when the queue has no free slot.
 *
 * @apiNote asyncio: {@code asyncio.QueueFull}. An {@link IllegalStateException}, as
 *     {@link java.util.Queue#add} throws on a full queue.
 */
public class QueueFullException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** An exception with the given message. */
    public QueueFullException(String message) {
        super(message);
    }
}
