package dev.jasyncio.internal.coro;

/**
 * One suspendable body: a task's or a generator's. The loop (or the generator's caller) calls
 * {@link #resume()}; the body runs until it calls {@link CoroutineEngine#suspend} or ends.
 *
 * <p>Not thread-safe: one thread at a time resumes a fiber, and never a fiber from inside itself.
 */
public interface Fiber {

    /** Runs the body until it suspends or ends. An exception the body throws escapes from here. */
    void resume();

    /** Whether the body has ended (normally or by an exception). */
    boolean isDone();

    /** The body's stack while it is suspended (empty when it runs or has ended). */
    StackTraceElement[] suspendedStack();

    /**
     * The thread on which the body runs while resumed: the resuming thread for continuations,
     * the fiber's own virtual thread for the hand-off engine.
     */
    Thread bodyThread();

    /** The object the fiber was made for (its task or generator), as given to {@link CoroutineEngine#newFiber}. */
    Object owner();
}
