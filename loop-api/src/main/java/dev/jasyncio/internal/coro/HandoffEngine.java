package dev.jasyncio.internal.coro;

import java.util.concurrent.locks.LockSupport;

/**
 * The portable engine, on public APIs only: each fiber runs on its own virtual thread, and a
 * strict hand-off makes sure that of a fiber and the thread that resumed it exactly one runs at
 * any moment. About 200 times slower per suspension than {@link ContinuationEngine} (a thread
 * hand-off costs ~20 µs here); used when {@code jdk.internal.vm} is not exported to us.
 */
final class HandoffEngine implements CoroutineEngine {
    /*
     * Implementation overview.
     *
     * State per fiber: `turn` says who may run: BODY (the fiber's body) or RESUMER (the thread
     * blocked in resume()). `resumer` is that thread; `runner` is the thread that runs the body
     * when it is the body's turn: normally the fiber's virtual thread, but a nested generator's
     * thread when the generator suspended its enclosing task (suspend(TASK) from inside a
     * generator suspends both, as with continuations).
     *
     * Invariants: (1) `turn` is written only by the side that gives the turn away, right before
     * it unparks the other side (the write is the linearization point of the hand-off);
     * (2) each side parks only while it does not have the turn, so a spurious or early unpark
     * costs a loop, never a lost hand-off; (3) a fiber's body never runs while its resumer runs.
     */

    private static final ThreadLocal<HandoffFiber> CURRENT = new ThreadLocal<>();

    @Override
    public String name() {
        return "handoff";
    }

    @Override
    public Fiber newFiber(FiberKind kind, Object owner, Runnable body) {
        return new HandoffFiber(kind, owner, body);
    }

    @Override
    public void suspend(FiberKind kind) {
        HandoffFiber f = find(kind);
        if (f == null) {
            throw new IllegalStateException("no " + kind.name().toLowerCase() + " is running in thread "
                + Thread.currentThread().getName() + " to suspend");
        }
        f.suspendFromBody();
    }

    @Override
    public Fiber current(FiberKind kind) {
        return find(kind);
    }

    /** The innermost fiber of {@code kind} that the current thread runs on behalf of. */
    private static HandoffFiber find(FiberKind kind) {
        for (HandoffFiber f = CURRENT.get(); f != null; f = f.parent) {
            if (f.kind == kind) {
                return f;
            }
        }
        return null;
    }

    private static final class HandoffFiber implements Fiber {
        private final FiberKind kind;
        private final Object owner;
        private final Thread vthread;
        /** True while the body has the turn; see the overview. */
        private volatile boolean bodyTurn;
        private volatile boolean done;
        private volatile Thread resumer;
        private volatile Thread runner;
        /** The fiber the resumer was running in, if any: the chain suspend(kind) walks. */
        private volatile HandoffFiber parent;
        /** The fiber this one's body is resuming now (a nested generator), if any: for bodyThread(). */
        private volatile HandoffFiber resuming;
        private Throwable failure;
        private boolean started;
        /** The resumer's thread state (ThreadStateCarrier), written before the turn is given. */
        private Object carried;

        HandoffFiber(FiberKind kind, Object owner, Runnable body) {
            this.kind = kind;
            this.owner = owner;
            this.vthread = Thread.ofVirtual().name("jasyncio-" + kind.name().toLowerCase()).unstarted(() -> {
                CURRENT.set(this);
                installCarried();
                try {
                    body.run();
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    done = true;
                    giveTurnToResumer();
                }
            });
            this.runner = vthread;
        }

        @Override
        public void resume() {
            if (done) {
                throw new IllegalStateException("fiber has ended");
            }
            Thread self = Thread.currentThread();
            resumer = self;
            HandoffFiber outer = CURRENT.get();
            parent = outer;
            if (outer != null) {
                outer.resuming = this;
            }
            ThreadStateCarrier c = Engines.carrier();
            carried = c == null ? null : c.capture();
            bodyTurn = true;
            if (!started) {
                started = true;
                vthread.start();
            } else {
                LockSupport.unpark(runner);
            }
            while (bodyTurn) {
                LockSupport.park(this);
            }
            if (outer != null) {
                outer.resuming = null;
            }
            Throwable t = failure;
            if (t != null) {
                failure = null;
                sneakyThrow(t);
            }
        }

        void suspendFromBody() {
            Thread self = Thread.currentThread();
            runner = self;
            giveTurnToResumer();
            while (!bodyTurn) {
                LockSupport.park(this);
            }
            installCarried();
        }

        private void installCarried() {
            ThreadStateCarrier c = Engines.carrier();
            if (c != null) {
                c.install(carried);
            }
        }

        private void giveTurnToResumer() {
            Thread r = resumer;
            bodyTurn = false;
            LockSupport.unpark(r);
        }

        @Override
        public boolean isDone() {
            return done;
        }

        @Override
        public Object owner() {
            return owner;
        }

        @Override
        public StackTraceElement[] suspendedStack() {
            return done ? new StackTraceElement[0] : runner.getStackTrace();
        }

        /**
         * The thread running this body's code now: its runner, or, while the body resumes a
         * nested generator, the thread running that one (the watchdog samples it).
         */
        @Override
        public Thread bodyThread() {
            HandoffFiber f = this;
            for (HandoffFiber inner = f.resuming; inner != null; inner = f.resuming) {
                f = inner;
            }
            return f.runner;
        }

        @SuppressWarnings("unchecked")
        private static <E extends Throwable> void sneakyThrow(Throwable t) throws E {
            throw (E) t;
        }
    }
}
