package dev.jasyncio.sync;

/**
 * Thrown by {@link Barrier#await()} when the barrier is aborted, or reset while the task waits.
 *
 * @apiNote asyncio: {@code asyncio.BrokenBarrierError}, a {@code RuntimeError}; hence an
 *     {@link IllegalStateException} here. Unlike {@link java.util.concurrent.BrokenBarrierException}
 *     it is unchecked.
 */
public class BrokenBarrierException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** An exception with the given message. */
    public BrokenBarrierException(String message) {
        super(message);
    }
}
