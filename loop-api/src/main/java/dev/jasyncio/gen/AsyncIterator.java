package dev.jasyncio.gen;

import java.util.Iterator;

/**
 * An iterator whose {@link #hasNext()}, {@link #next()} and {@link #close()} may suspend the
 * current task while the next item is produced (or the producer cleans up): use it inside a task.
 *
 * <p>Because tasks are stackful, "may suspend" needs no special syntax: an async iterator is an
 * ordinary {@link Iterator}, a for-each loop over it inside a task awaits as it goes, and
 * try-with-resources closes it early. Called outside a task, a method that has to await fails
 * with {@link IllegalStateException}.
 *
 * {@snippet :
 * try (AsyncIterator<String> lines = readLines(stream)) {   // closed even if the loop breaks
 *     while (lines.hasNext()) {                             // may await the next line
 *         String line = lines.next();
 *         if (line.isEmpty()) {
 *             break;
 *         }
 *         handle(line);
 *     }
 * }
 * }
 *
 * @param <T> the type of the items
 * @apiNote python: {@code collections.abc.AsyncIterator}: {@code __anext__} is {@link #next()}
 *     (with {@link #hasNext()} to look ahead), {@code StopAsyncIteration} is
 *     {@link java.util.NoSuchElementException}, and {@code aclose()} of async generators is
 *     {@link #close()}.
 */
public interface AsyncIterator<T> extends Iterator<T>, AutoCloseable {

    /**
     * Whether another item follows; may suspend the current task while it is produced, and
     * keeps it for the next {@link #next()}.
     *
     * @throws IllegalStateException if it has to await outside a task
     * @apiNote python: an {@code async for} loop's implicit {@code await anext(it)}, minus the item.
     */
    @Override
    boolean hasNext();

    /**
     * The next item; may suspend the current task while it is produced.
     *
     * @throws java.util.NoSuchElementException when there are no more items
     * @throws IllegalStateException if it has to await outside a task
     * @apiNote python: {@code await anext(it)}.
     */
    @Override
    T next();

    /**
     * Ends the iteration early and lets the producer clean up, which may suspend the current
     * task; does nothing once the iteration has ended. The default does nothing.
     *
     * @apiNote python: {@code await agen.aclose()} ({@code contextlib.aclosing}).
     */
    @Override
    default void close() {
    }
}
