package dev.jasyncio.gen;

import dev.jasyncio.Async;
import dev.jasyncio.Task;
import dev.jasyncio.internal.coro.CoroutineEngine;
import dev.jasyncio.internal.coro.Engines;
import dev.jasyncio.internal.coro.Fiber;
import dev.jasyncio.internal.coro.FiberKind;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CompletionException;

/**
 * A body that produces values lazily, one per resume: each {@link #next()} or {@link #send} runs
 * the body up to its next {@link Yielder#yield}, whose value it returns.
 *
 * {@snippet :
 * Generator<Integer, Void, Void> naturals = Generator.of(g -> {
 *     for (int i = 0; ; i++) {
 *         g.yield(i);                 // runs only when the consumer asks for a value
 *     }
 * });
 * naturals.next();                    // 0
 * naturals.next();                    // 1
 * naturals.close();                   // runs the body's finally blocks, if any
 * }
 *
 * <p><b>Consumer side.</b> {@link #next()} resumes the body; {@link #send} resumes it and makes
 * the pending {@code yield} return the value sent (the first resume must be {@code next()} or
 * {@code send(null)}, which runs the body to its first yield); {@link #throwInto} makes the
 * pending yield throw; {@link #close()} makes it throw {@link GeneratorExit}. When the body
 * returns, these calls throw {@link StopIteration} (a {@link NoSuchElementException}) carrying the
 * return value, also available from {@link #returnValue()}. An exception that escapes the body
 * propagates out of the call that resumed it, and the generator is finished afterwards.
 *
 * <p><b>Iteration.</b> A generator is its own {@link Iterator} and {@link Iterable} (like a Python
 * generator, {@link #iterator()} returns {@code this}), so it works in a for-each loop. Because
 * {@link #hasNext()} must know whether a value follows, it runs the body to its next yield and
 * keeps the value for the next {@code next()}: it does not lose values, but the body runs one
 * step earlier than with {@code next()} alone.
 *
 * <p><b>Aliasing pitfall.</b> A yield hands out a reference, not a copy. A body that yields one
 * mutable object (a reused buffer, a growing list) and changes it between yields shows every
 * change to the consumer: all the items a consumer kept are then the same object in its last
 * state. Copy what you keep, or yield fresh objects.
 *
 * <p><b>Inside tasks.</b> The body runs as a fiber on the task's stack, so a generator can run
 * inside a task, a task can iterate a generator, and an await in the body (for example
 * {@code Async.sleep}) suspends the task that resumed the generator, not just the generator;
 * the generator is executing until the await returns and the body yields. {@link AsyncGenerator}
 * makes that use explicit.
 *
 * <p><b>Lifetime.</b> A generator that is dropped while suspended is never resumed again: no
 * finalizer or cleaner closes it, so its {@code finally} blocks do not run (unlike CPython, which
 * closes a generator when it is collected). Close it, for example with try-with-resources, to run
 * them. Under the continuation engine a dropped generator is garbage-collected; under the
 * hand-off engine its virtual thread stays parked for the life of the JVM, so close generators
 * you do not exhaust.
 *
 * <p>Not thread-safe: one thread at a time uses a generator (in practice, the loop thread).
 *
 * @param <Y> the type of the values yielded
 * @param <S> the type of the values sent in
 * @param <R> the type of the body's return value
 * @apiNote python: a generator object ({@code collections.abc.Generator[Y, S, R]}).
 */
public final class Generator<Y, S, R> implements Iterator<Y>, Iterable<Y>, AutoCloseable {
    /*
     * Implementation overview.
     *
     * State (Python's inspect.getgeneratorstate): CREATED --first step--> RUNNING <--> SUSPENDED,
     * and any --return / exception / close--> CLOSED. The fiber is made at the first step, with
     * the engine of the task that runs it, else of the enclosing generator body, else the one
     * chosen when the generator was made: fibers of two engines do not nest.
     *
     * One step: the consumer writes the hand-over slots (input, inputIsThrow), sets RUNNING and
     * resumes the fiber; the body writes the outcome (event plus yielded / returned / failure)
     * and suspends or ends; the consumer reads the outcome. The two sides never run at once
     * (the engine's invariant), so the slots need no synchronization. The body catches
     * everything it throws, so fiber.resume() throws only when the engine itself fails.
     *
     * event == NONE after a step means the fiber was suspended by a yield that was not its
     * own (a body used the handle of an enclosing generator): the engine suspends the innermost
     * generator fiber, and it has no query for "the current fiber" that would let yield check
     * this before suspending.
     *
     * peeked: hasNext() stepped the body and the yielded value waits in `yielded` for next().
     *
     * Under the hand-off engine the body runs on its own virtual thread; the engine itself
     * carries the consumer's thread state (running loop, context slot) to it on every resume.
     */

    /**
     * A generator's body: runs with the handle it yields through, and returns the generator's
     * return value.
     *
     * @param <Y> the type of the values yielded
     * @param <S> the type of the values sent in
     * @param <R> the type of the return value
     * @apiNote python: the code of a generator function.
     */
    @FunctionalInterface
    public interface Body<Y, S, R> {
        /** Runs the body; what it returns becomes the generator's {@link #returnValue()}. */
        R run(Yielder<Y, S> g) throws Exception;
    }

    /**
     * Where a generator is in its life.
     *
     * @apiNote python: the values of {@code inspect.getgeneratorstate()}.
     */
    public enum State {
        /** Made, not started: the body has not run yet. Python: {@code GEN_CREATED}. */
        CREATED,
        /** The body is running, or waits in an await of the task that resumed it. Python: {@code GEN_RUNNING}. */
        RUNNING,
        /** The body waits at a yield. Python: {@code GEN_SUSPENDED}. */
        SUSPENDED,
        /** The body returned, threw, or was closed. Python: {@code GEN_CLOSED}. */
        CLOSED
    }

    private enum Event { NONE, YIELDED, RETURNED, FAILED }

    private final Body<Y, S, R> body;
    private final Handle handle = new Handle();
    private CoroutineEngine engine;
    private Fiber fiber;
    private State state = State.CREATED;
    private boolean peeked;
    private Event event = Event.NONE;
    private Object input;
    private boolean inputIsThrow;
    private Y yielded;
    private R returned;
    private Throwable failure;

    private Generator(Body<Y, S, R> body, CoroutineEngine engine) {
        this.body = body;
        this.engine = engine;
    }

    /**
     * A new generator that will run {@code body}; nothing runs until the first {@link #next()}.
     * Its engine is the running task's loop's engine, else the engine of the generator body
     * that makes it, else {@link Engines#selected()} now (the {@code jasyncio.engine} property);
     * the same rule applies again when it is first resumed, so a generator made outside a loop
     * and first resumed inside a task uses that task's engine.
     *
     * @apiNote python: calling a generator function.
     */
    public static <Y, S, R> Generator<Y, S, R> of(Body<Y, S, R> body) {
        Objects.requireNonNull(body, "body");
        return new Generator<>(body, currentEngine(null));
    }

    // ---- consumer side

    /**
     * Whether the body yields another value; runs it to that yield if needed and keeps the
     * value for the next {@link #next()}, so a second call does not run it again.
     *
     * @throws IllegalStateException if the generator is executing
     * @throws CompletionException wrapping a checked exception that ended the body; an
     *     unchecked one is thrown as it is
     * @apiNote python: no counterpart (Python iterators have no look-ahead); a for loop's
     *     implicit {@code next()} that may raise {@code StopIteration}.
     */
    @Override
    public boolean hasNext() {
        if (peeked) {
            return true;
        }
        if (state == State.CLOSED) {
            return false;
        }
        if (publicStep(false, null)) {
            peeked = true;
            return true;
        }
        return false;
    }

    /**
     * Runs the body to its next yield and returns the value yielded (or the value
     * {@link #hasNext()} already fetched); the pending yield returns {@code null}.
     *
     * @throws StopIteration when the body has returned (also on every later call)
     * @throws IllegalStateException if the generator is executing
     * @throws CompletionException wrapping a checked exception that ended the body; an
     *     unchecked one is thrown as it is
     * @apiNote python: {@code next(gen)}.
     */
    @Override
    public Y next() {
        if (peeked) {
            peeked = false;
            return takeYielded();
        }
        if (publicStep(false, null)) {
            return takeYielded();
        }
        throw new StopIteration(returned);
    }

    /**
     * Resumes the body with {@code value} as the result of its pending yield, and returns the
     * next value it yields; {@code send(null)} is {@link #next()}.
     *
     * @throws IllegalStateException if {@code value} is not null and the generator has not
     *     started (prime it with {@code next()} first), or if {@link #hasNext()} fetched a value
     *     that {@code next()} has not taken yet, or if the generator is executing
     * @throws StopIteration when the body returns (also on every later call)
     * @throws CompletionException wrapping a checked exception that ended the body; an
     *     unchecked one is thrown as it is
     * @apiNote python: {@code gen.send(value)}; a non-null value to a just-started generator
     *     raises {@code TypeError} there.
     */
    public Y send(S value) {
        if (peeked) {
            if (value != null) {
                throw new IllegalStateException("cannot send " + value + ": hasNext() already ran the generator to its"
                    + " next yield and the value it fetched has not been taken; call next() first");
            }
            peeked = false;
            return takeYielded();
        }
        if (value != null && state == State.CREATED) {
            throw new IllegalStateException("can't send non-null value " + value + " to a just-started generator:"
                + " call next() (or send(null)) first to run it to its first yield");
        }
        if (publicStep(false, value)) {
            return takeYielded();
        }
        throw new StopIteration(returned);
    }

    /**
     * Throws {@code error} at the body's pending yield and returns the next value the body yields
     * if it catches it. On a generator that has not started, or has finished, {@code error} is
     * thrown right here and the generator is finished. A value fetched by {@link #hasNext()} and
     * not yet taken is dropped.
     *
     * @throws StopIteration if the body catches {@code error} and returns
     * @throws IllegalStateException if the generator is executing
     * @throws CompletionException wrapping {@code error} or another exception that ended the body
     *     if it is checked; an unchecked one is thrown as it is
     * @apiNote python: {@code gen.throw(error)}.
     */
    public Y throwInto(Throwable error) {
        Objects.requireNonNull(error, "error");
        dropPeeked();
        if (publicStep(true, error)) {
            return takeYielded();
        }
        throw new StopIteration(returned);
    }

    /**
     * Finishes the generator: throws {@link GeneratorExit} at the pending yield so that the body
     * unwinds and runs its {@code finally} blocks. Does nothing if the generator has finished; a
     * generator that has not started is finished without running the body. If the body returns
     * while closing, its value becomes {@link #returnValue()}.
     *
     * @throws IllegalStateException if the body catches {@link GeneratorExit} and yields again
     *     ("generator ignored GeneratorExit"; the generator then stays suspended at that yield),
     *     or if the generator is executing
     * @throws CompletionException wrapping a checked exception the body throws while closing;
     *     an unchecked one is thrown as it is
     * @apiNote python: {@code gen.close()}; ignoring the close signal raises {@code RuntimeError}
     *     there.
     */
    @Override
    public void close() {
        switch (state) {
            case CREATED -> {
                state = State.CLOSED;
                return;
            }
            case CLOSED -> {
                return;
            }
            case RUNNING -> throw alreadyExecuting();
            case SUSPENDED -> { }
        }
        dropPeeked();
        boolean yieldedAgain;
        try {
            yieldedAgain = step(true, new GeneratorExit());
        } catch (GeneratorExit expected) {
            return;
        } catch (Throwable t) {
            throw rethrowable(t);
        }
        if (yieldedAgain) {
            Y ignored = takeYielded();
            throw new IllegalStateException("generator ignored GeneratorExit: its body caught the close signal and"
                + " yielded " + ignored + "; let GeneratorExit propagate and clean up in finally (catch (Exception e)"
                + " does not catch it)");
        }
    }

    /**
     * The value the body returned; {@code null} if it ended by an exception or was closed
     * before it returned.
     *
     * @throws IllegalStateException if the generator has not finished
     * @apiNote python: {@code StopIteration.value} of the call that finished the generator.
     */
    public R returnValue() {
        if (state != State.CLOSED) {
            throw new IllegalStateException("the generator has not finished (" + state + "): its return value is"
                + " known only once its body has returned");
        }
        return returned;
    }

    /**
     * Whether the generator has finished: its body returned, threw, or it was closed.
     *
     * @apiNote python: {@code inspect.getgeneratorstate(gen) == GEN_CLOSED}.
     */
    public boolean isDone() {
        return state == State.CLOSED;
    }

    /**
     * Where the generator is in its life.
     *
     * @apiNote python: {@code inspect.getgeneratorstate(gen)}.
     */
    public State state() {
        return state;
    }

    /**
     * This generator: a generator is its own iterator, so it can be iterated once.
     *
     * @apiNote python: {@code iter(gen) is gen}.
     */
    @Override
    public Iterator<Y> iterator() {
        return this;
    }

    @Override
    public String toString() {
        return "Generator[" + state + (peeked ? ", value fetched by hasNext()" : "") + "]";
    }

    // ---- stepping

    /** A step for a public method: the body's checked exceptions are wrapped. */
    private boolean publicStep(boolean isThrow, Object in) {
        try {
            return step(isThrow, in);
        } catch (Throwable t) {
            throw rethrowable(t);
        }
    }

    /**
     * Resumes the body with a value, or with an exception to throw at its yield. Returns true if
     * it yielded (the value is in {@code yielded}), false if it returned; rethrows unchanged what
     * ended it.
     */
    private boolean step(boolean isThrow, Object in) {
        switch (state) {
            case RUNNING -> throw alreadyExecuting();
            case CLOSED -> {
                if (isThrow) {
                    throw sneaky((Throwable) in);
                }
                return false;
            }
            case CREATED -> {
                if (isThrow) {
                    state = State.CLOSED;
                    throw sneaky((Throwable) in);
                }
                start();
            }
            case SUSPENDED -> { }
        }
        input = in;
        inputIsThrow = isThrow;
        event = Event.NONE;
        state = State.RUNNING;
        runFiber();
        switch (event) {
            case YIELDED -> {
                state = State.SUSPENDED;
                return true;
            }
            case RETURNED -> {
                finish();
                return false;
            }
            case FAILED -> {
                finish();
                Throwable t = failure;
                failure = null;
                throw sneaky(t);
            }
            default -> {
                finish();
                throw new IllegalStateException("a generator was suspended by a yield that is not its own: a body"
                    + " called the Yielder of an enclosing generator; yield only through the handle passed to your"
                    + " own body, and pass values out with yieldFrom");
            }
        }
    }

    private void start() {
        engine = currentEngine(engine);
        fiber = engine.newFiber(FiberKind.GENERATOR, this, this::runBody);
    }

    private void runFiber() {
        try {
            fiber.resume();
        } catch (Throwable engineFailure) {
            // The body catches everything it throws: this is the engine failing to run it.
            event = Event.FAILED;
            failure = engineFailure;
        }
    }

    private void finish() {
        state = State.CLOSED;
        fiber = null;
        yielded = null;
        input = null;
    }

    // ---- body side, inside the fiber

    private void runBody() {
        try {
            returned = body.run(handle);
            event = Event.RETURNED;
        } catch (NoSuchElementException stray) {
            // The end-of-iteration signal must not leak out of a body and end the consumer's
            // loop silently (PEP 479): an unguarded next() on an exhausted iterator is a bug.
            failure = new IllegalStateException("generator body threw " + stray + "; a body must end by returning,"
                + " not by letting NoSuchElementException escape (check hasNext() or catch it)", stray);
            event = Event.FAILED;
        } catch (Throwable t) {
            failure = t;
            event = Event.FAILED;
        }
    }

    @SuppressWarnings("unchecked")
    private S yieldValue(Y value) {
        if (state != State.RUNNING) {
            throw new IllegalStateException("yield called while the generator is " + state + ": a Yielder may only"
                + " be used by the body it was passed to, while that body runs");
        }
        yielded = value;
        event = Event.YIELDED;
        try {
            engine.suspend(FiberKind.GENERATOR);
        } catch (RuntimeException | Error cannotSuspend) {
            event = Event.NONE;
            yielded = null;
            throw cannotSuspend;
        }
        Object in = input;
        input = null;
        if (inputIsThrow) {
            inputIsThrow = false;
            throw sneaky((Throwable) in);
        }
        return (S) in;
    }

    /** PEP 380's expansion of {@code yield from}, without StopIteration objects. */
    private <T> T delegate(Generator<? extends Y, ? super S, ? extends T> sub) {
        Objects.requireNonNull(sub, "sub");
        boolean more = sub.peeked ? sub.takePeek() : sub.step(false, null);
        while (more) {
            Y y = sub.takeYielded();
            S sent;
            try {
                sent = yieldValue(y);
            } catch (GeneratorExit exit) {
                sub.close();
                throw exit;
            } catch (Throwable thrown) {
                more = sub.step(true, thrown);
                continue;
            }
            more = sub.step(false, sent);
        }
        return sub.returned;
    }

    // ---- helpers

    /** Whether next(), hasNext() or send() would run the body (used by AsyncGenerator). */
    boolean bodyRunsOnNext() {
        return !peeked && state != State.CLOSED;
    }

    private boolean takePeek() {
        peeked = false;
        return true;
    }

    private Y takeYielded() {
        Y y = yielded;
        yielded = null;
        return y;
    }

    private void dropPeeked() {
        if (peeked) {
            peeked = false;
            yielded = null;
        }
    }

    /**
     * The engine for a generator made or started here: the running task's, else the enclosing
     * generator body's (fibers of two engines do not nest), else {@code fallback}, else the
     * selected one.
     */
    private static CoroutineEngine currentEngine(CoroutineEngine fallback) {
        Task<?> task = Async.currentTask();
        if (task != null) {
            return Engines.byName(task.getLoop().engineName());
        }
        for (CoroutineEngine e : EngineList.ALL) {
            if (e.inFiber(FiberKind.GENERATOR)) {
                return e;
            }
        }
        return fallback != null ? fallback : Engines.selected();
    }

    /** The engines available in this JVM, innermost-capable first (a continuation runs on the current thread). */
    private static final class EngineList {
        static final CoroutineEngine[] ALL = Engines.continuationUnavailableReason().isEmpty()
            ? new CoroutineEngine[] {Engines.byName("continuation"), Engines.byName("handoff")}
            : new CoroutineEngine[] {Engines.byName("handoff")};
    }

    private static IllegalStateException alreadyExecuting() {
        return new IllegalStateException("generator already executing: it cannot be resumed from inside its own body,"
            + " nor while its body waits in an await of the task that resumed it");
    }

    private static RuntimeException rethrowable(Throwable t) {
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new CompletionException(t);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }

    /** The body's handle; a separate object so that the body cannot call consumer methods through it. */
    private final class Handle implements Yielder<Y, S> {
        @Override
        public S yield(Y value) {
            return yieldValue(value);
        }

        @Override
        public <T> T yieldFrom(Generator<? extends Y, ? super S, ? extends T> sub) {
            if (state != State.RUNNING) {
                throw new IllegalStateException("yieldFrom called while the generator is " + state + ": a Yielder may"
                    + " only be used by the body it was passed to, while that body runs");
            }
            return delegate(sub);
        }

        @Override
        public String toString() {
            return "Yielder of " + Generator.this;
        }
    }
}
