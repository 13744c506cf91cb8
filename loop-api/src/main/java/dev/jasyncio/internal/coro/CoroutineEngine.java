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
     * A new fiber of the given kind that will run {@code body} on its first resume.
     */
    Fiber newFiber(FiberKind kind, Runnable body);

    /**
     * Suspends the innermost running fiber of {@code kind}, returning to the thread that resumed
     * it; returns when that fiber is resumed again.
     *
     * @throws IllegalStateException if no fiber of that kind is running here, or the fiber is
     *     pinned (a native frame, a class initializer, a critical section) and cannot suspend
     */
    void suspend(FiberKind kind);

    /** Whether a fiber of {@code kind} made by this engine is running in the current thread. */
    boolean inFiber(FiberKind kind);
}
