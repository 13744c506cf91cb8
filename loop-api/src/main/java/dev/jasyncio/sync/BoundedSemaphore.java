package dev.jasyncio.sync;

/**
 * A {@link Semaphore} that refuses to hold more permits than it started with: a release without a
 * matching acquire is a bug, and it is reported at once.
 *
 * <p>Loop thread only; the semaphore binds to the first loop that uses it.
 *
 * @apiNote asyncio: {@code asyncio.BoundedSemaphore}. A release above the initial value throws
 *     {@link IllegalStateException} where asyncio raises {@code ValueError}: it reports a misuse of
 *     the semaphore's state, not a bad argument.
 */
public final class BoundedSemaphore extends Semaphore {

    /**
     * A bounded semaphore with {@code value} free permits, which is also the most it may hold.
     *
     * @throws IllegalArgumentException if {@code value} is negative
     * @apiNote asyncio: {@code asyncio.BoundedSemaphore(value)}.
     */
    public BoundedSemaphore(int value) {
        super(value, value);
    }
}
