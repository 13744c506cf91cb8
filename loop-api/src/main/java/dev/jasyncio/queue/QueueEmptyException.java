package dev.jasyncio.queue;

import java.util.NoSuchElementException;

/**
 * Thrown by {@link Queue#getNowait} when the queue holds no item.
 *
 * @apiNote asyncio: {@code asyncio.QueueEmpty}. A {@link NoSuchElementException}, as
 *     {@link java.util.Queue#remove} throws on an empty queue.
 */
public class QueueEmptyException extends NoSuchElementException {
    private static final long serialVersionUID = 1L;

    /** An exception with the given message. */
    public QueueEmptyException(String message) {
        super(message);
    }
}
