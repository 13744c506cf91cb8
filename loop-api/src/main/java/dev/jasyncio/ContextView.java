package dev.jasyncio;

/**
 * Read access to the context variables of the context being installed, for
 * {@link ThreadContextBridge}s.
 *
 * @apiNote asyncio: no counterpart (contextvars has no thread-local bridging).
 */
public interface ContextView {
    /** The variable's value in this context, its default if unset, or null if it has neither. */
    <T> T get(ContextVar<T> variable);
}
