package dev.jasyncio.queue;

import java.util.Comparator;
import java.util.Objects;

/**
 * A {@link Queue} that hands out the lowest item first: by natural order, or by a
 * {@link Comparator}. Items of equal rank come out in no particular order; add a sequence
 * number to the rank to keep them first-in first-out.
 *
 * {@snippet :
 * PriorityQueue<Job> jobs = new PriorityQueue<>(0, Comparator.comparingInt(Job::priority));
 * }
 *
 * <p>Everything else (waiting, fairness between waiters, shutdown, join) is as in {@link Queue}.
 *
 * @param <T> the item type
 * @apiNote asyncio: {@code asyncio.PriorityQueue}, where items are usually
 *     {@code (priority, data)} tuples; here the order is the comparator's.
 */
public class PriorityQueue<T> extends Queue<T> {

    /**
     * An unbounded queue in the items' natural order (they must be {@link Comparable}).
     *
     * @apiNote asyncio: {@code asyncio.PriorityQueue()}.
     */
    public PriorityQueue() {
        this(0);
    }

    /**
     * A queue of at most {@code maxsize} items ({@code <= 0}: unbounded) in the items' natural
     * order; a put of an item that is not {@link Comparable} throws {@link ClassCastException}.
     *
     * @apiNote asyncio: {@code asyncio.PriorityQueue(maxsize)}.
     */
    public PriorityQueue(int maxsize) {
        super(maxsize, new Buffer.Priority<>(null));
    }

    /**
     * A queue of at most {@code maxsize} items ({@code <= 0}: unbounded), lowest by
     * {@code order} first.
     *
     * @apiNote asyncio: {@code asyncio.PriorityQueue(maxsize)} with the order of the items.
     */
    public PriorityQueue(int maxsize, Comparator<? super T> order) {
        super(maxsize, new Buffer.Priority<>(Objects.requireNonNull(order, "order")));
    }
}
