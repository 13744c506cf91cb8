package dev.jasyncio;

/**
 * Mirrors context variables into thread-local state (a logging MDC, a tracing span) while a task
 * step or callback runs: installed before it runs, restored after, and refreshed when a variable
 * changes. Register with {@link Context#addBridge}.
 *
 * <p>Bridges run on the loop thread around every callback and task step once any is registered,
 * so keep them cheap; with none registered the loop pays one array-length check.
 *
 * @apiNote asyncio: no counterpart; Kotlin's {@code ThreadContextElement} and
 *     {@code MDCContext} play this role.
 */
public interface ThreadContextBridge {

    /**
     * Installs thread-local state from {@code context}; returns what {@link #restore} needs to
     * put the thread back (may be null).
     */
    Object install(ContextView context);

    /** Puts the thread-local state back to what {@link #install} found. */
    void restore(Object previous);
}
