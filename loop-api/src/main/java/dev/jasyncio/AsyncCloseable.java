package dev.jasyncio;

/**
 * A resource whose {@link #close()} may await: inside a task, a try-with-resources block closes
 * it by suspending the task (not the thread) until the resource has shut down.
 *
 * {@snippet :
 * try (Connection c = Connection.open("db")) {   // open() awaits its set-up (async factory)
 *     c.query("select 1");
 * }                                              // close() awaits the goodbye; other tasks run meanwhile
 * }
 *
 * <p>Resources are closed explicitly, never by finalizers: an implementation may register a
 * {@link java.lang.ref.Cleaner} only to <em>warn</em> that a resource was leaked.
 *
 * @apiNote asyncio: an asynchronous context manager ({@code async with}) whose
 *     {@code __aexit__} awaits. Stackful coroutines make {@code close()} an ordinary method that
 *     may await, so Java's own try-with-resources serves.
 */
public interface AsyncCloseable extends AutoCloseable {

    /**
     * Closes the resource, suspending the current task while it shuts down. Idempotent.
     * Inside a task only when the implementation awaits.
     */
    @Override
    void close();
}
