package dev.jasyncio.internal.coro;

/**
 * Makes fibers and suspends the current one. Two implementations: {@link ContinuationEngine}
 * (the default: {@code jdk.internal.vm.Continuation} on the resuming thread) and
 * {@link HandoffEngine} (portable: one virtual thread per fiber with a strict hand-off).
 */
public interface CoroutineEngine {

    /** {@code "continuation"} or {@code "handoff"}. */
    String name();

    /**
     * A new fiber of the given kind, made for {@code owner}, that will run {@code body} on its
     * first resume.
     */
    Fiber newFiber(FiberKind kind, Object owner, Runnable body);

    /**
     * Suspends the innermost running fiber of {@code kind}, returning to the thread that resumed
     * it; returns when that fiber is resumed again.
     *
     * @throws IllegalStateException if no fiber of that kind is running here, or the fiber is
     *     pinned (a native frame, a class initializer, a critical section) and cannot suspend
     */
    void suspend(FiberKind kind);

    /**
     * The innermost fiber of {@code kind} made by this engine that runs in the current thread, or
     * null. This is how the loop knows its running task: it stores nothing per step (a reference
     * stored into a long-lived object costs G1's write-barrier slow path).
     */
    Fiber current(FiberKind kind);

    /** Whether a fiber of {@code kind} made by this engine is running in the current thread. */
    default boolean inFiber(FiberKind kind) {
        return current(kind) != null;
    }
}
