package dev.jasyncio.internal.coro;

import jdk.internal.vm.Continuation;
import jdk.internal.vm.ContinuationScope;

/**
 * The fast engine: each fiber is a {@link Continuation} run on the resuming thread, so task code
 * runs on the loop thread itself and Netty sees it as "in the event loop".
 *
 * <p>Loaded only after {@link Engines} checked that {@code jdk.internal.vm} is exported to us;
 * touching this class first would fail with an {@link IllegalAccessError}.
 */
final class ContinuationEngine implements CoroutineEngine {
    /*
     * Facts this relies on (engine-facts.md §3.1, measured on JDK 25):
     * - a resume + yield round trip costs ~90 ns; a suspended fiber at depth 5 holds ~530 B;
     * - yield inside a native frame, a <clinit> or Continuation.pin() cannot suspend: the VM calls
     *   onPinned, which we turn into an IllegalStateException at the await site (never a hang);
     * - yield from a deep stack needs native stack: loop threads get 8 MiB (README);
     * - a continuation dropped while suspended never runs its finally blocks, so the loop never
     *   drops a suspended task: it cancels it and resumes it to completion.
     * One scope per FiberKind, so a generator's yield returns to its consumer even inside a task.
     */
    static final ContinuationScope TASK_SCOPE = new ContinuationScope("jasyncio-task");
    static final ContinuationScope GENERATOR_SCOPE = new ContinuationScope("jasyncio-generator");

    @Override
    public String name() {
        return "continuation";
    }

    @Override
    public Fiber newFiber(FiberKind kind, Object owner, Runnable body) {
        return new ContinuationFiber(scope(kind), owner, body);
    }

    @Override
    public void suspend(FiberKind kind) {
        ContinuationScope scope = scope(kind);
        try {
            // Continuation.yield looks the scope up itself; checking first would walk it twice per await.
            Continuation.yield(scope);
        } catch (IllegalStateException e) {
            if (Continuation.getCurrentContinuation(scope) == null) {
                throw new IllegalStateException("no " + kind.name().toLowerCase() + " is running in thread "
                    + Thread.currentThread().getName() + " to suspend");
            }
            throw e;
        }
    }

    @Override
    public Fiber current(FiberKind kind) {
        // Only our fibers run in our (private) scopes, so the cast cannot fail.
        return (ContinuationFiber) Continuation.getCurrentContinuation(scope(kind));
    }

    private static ContinuationScope scope(FiberKind kind) {
        return kind == FiberKind.TASK ? TASK_SCOPE : GENERATOR_SCOPE;
    }

    /**
     * The continuation is the fiber itself: one object per task less, and one reference less to
     * follow on every step.
     */
    private static final class ContinuationFiber extends Continuation implements Fiber {
        private final Object owner;

        ContinuationFiber(ContinuationScope scope, Object owner, Runnable body) {
            super(scope, body);
            this.owner = owner;
        }

        @Override
        public void resume() {
            run();
        }

        @Override
        public StackTraceElement[] suspendedStack() {
            return isDone() ? new StackTraceElement[0] : getStackTrace();
        }

        @Override
        public Thread bodyThread() {
            return Thread.currentThread();
        }

        @Override
        public Object owner() {
            return owner;
        }

        @Override
        protected void onPinned(Continuation.Pinned reason) {
            throw new IllegalStateException("cannot suspend here: the stack is pinned (" + reason
                + "). An await or yield must not run inside a native method, a class's static initializer,"
                + " or a callback called from native code; move it out of that frame");
        }
    }
}
