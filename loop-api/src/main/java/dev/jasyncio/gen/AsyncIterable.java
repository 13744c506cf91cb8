package dev.jasyncio.gen;

/**
 * Something that makes {@link AsyncIterator}s, so that a for-each loop inside a task can iterate
 * it and await as it goes.
 *
 * @param <T> the type of the items
 * @apiNote python: {@code collections.abc.AsyncIterable}; {@link #iterator()} is {@code __aiter__}.
 */
@FunctionalInterface
public interface AsyncIterable<T> extends Iterable<T> {

    /**
     * An iterator over the items; its methods may suspend the current task.
     *
     * @apiNote python: {@code aiter(obj)}.
     */
    @Override
    AsyncIterator<T> iterator();
}
