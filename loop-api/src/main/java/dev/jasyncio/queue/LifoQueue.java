package dev.jasyncio.queue;

/**
 * A {@link Queue} that hands out the most recently put item first (a stack).
 *
 * <p>Everything else (waiting, fairness between waiters, shutdown, join) is as in {@link Queue}.
 *
 * @param <T> the item type
 * @apiNote asyncio: {@code asyncio.LifoQueue}.
 */
public class LifoQueue<T> extends Queue<T> {

    /**
     * An unbounded stack.
     *
     * @apiNote asyncio: {@code asyncio.LifoQueue()}.
     */
    public LifoQueue() {
        this(0);
    }

    /**
     * A stack of at most {@code maxsize} items; {@code maxsize <= 0} means unbounded.
     *
     * @apiNote asyncio: {@code asyncio.LifoQueue(maxsize)}.
     */
    public LifoQueue(int maxsize) {
        super(maxsize, new Buffer.Lifo<>());
    }
}
