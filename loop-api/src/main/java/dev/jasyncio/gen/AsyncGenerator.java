package dev.jasyncio.gen;

import dev.jasyncio.Async;
import java.util.Objects;

/**
 * A generator whose body awaits between yields, driven from inside a task: each
 * {@link #next()} may suspend the calling task until the body yields.
 *
 * {@snippet :
 * AsyncGenerator<Integer, Void> ticks = AsyncGenerator.of(g -> {
 *     for (int i = 0; ; i++) {
 *         Async.sleep(Duration.ofMillis(10));    // suspends the task that called next()
 *         g.yield(i);
 *     }
 * });
 * try (ticks) {                                  // close() lets the body's finally blocks run
 *     for (int t : ticks) {                      // inside a task
 *         if (t == 3) {
 *             break;
 *         }
 *     }
 * }
 * }
 *
 * <p>It is a {@link Generator} with no return value whose methods must be called inside a task
 * whenever they run the body, so that a body that awaits fails fast, at the call, rather than
 * at its first await. While the body waits in an await the generator is executing: another
 * task that calls it then gets {@link IllegalStateException}. {@link #close()} runs the body's
 * {@code finally} blocks in the calling task, so cleanup may await too.
 *
 * <p>The aliasing pitfall and the lifetime rules of {@link Generator} apply: yielded objects are
 * not copied, and a dropped generator's {@code finally} blocks never run (the loop does not
 * close async generators at shutdown).
 *
 * @param <Y> the type of the values yielded
 * @param <S> the type of the values sent in
 * @apiNote python: an asynchronous generator ({@code collections.abc.AsyncGenerator[Y, S]},
 *     PEP 525). {@code asend}, {@code athrow} and {@code aclose} are {@link #send},
 *     {@link #throwInto} and {@link #close()}. Unlike Python, the body may use
 *     {@link Yielder#yieldFrom} (to a {@link Generator}, whose body may await as well), and the
 *     loop has no {@code shutdown_asyncgens()}: close async generators you do not exhaust.
 */
public final class AsyncGenerator<Y, S> implements AsyncIterator<Y>, AsyncIterable<Y> {

    /**
     * An async generator's body: yields through {@code g} and may await between yields.
     *
     * @param <Y> the type of the values yielded
     * @param <S> the type of the values sent in
     * @apiNote python: the code of an {@code async def} function that contains {@code yield}.
     */
    @FunctionalInterface
    public interface Body<Y, S> {
        /** Runs the body; an async generator returns no value. */
        void run(Yielder<Y, S> g) throws Exception;
    }

    private final Generator<Y, S, Void> generator;

    private AsyncGenerator(Generator<Y, S, Void> generator) {
        this.generator = generator;
    }

    /**
     * A new async generator that will run {@code body}; nothing runs until the first
     * {@link #next()}. Its engine is chosen as for {@link Generator#of}.
     *
     * @apiNote python: calling an asynchronous generator function.
     */
    public static <Y, S> AsyncGenerator<Y, S> of(Body<Y, S> body) {
        Objects.requireNonNull(body, "body");
        return new AsyncGenerator<>(Generator.of(g -> {
            body.run(g);
            return null;
        }));
    }

    /**
     * Whether the body yields another value; may suspend the calling task until it does, and
     * keeps the value for the next {@link #next()}.
     *
     * @throws IllegalStateException outside a task when the body has to run, or if the
     *     generator is executing
     * @apiNote python: an {@code async for} loop's implicit {@code await anext(agen)}, minus the value.
     */
    @Override
    public boolean hasNext() {
        if (generator.bodyRunsOnNext()) {
            requireTask("hasNext");
        }
        return generator.hasNext();
    }

    /**
     * The next value the body yields; may suspend the calling task until it does.
     *
     * @throws java.util.NoSuchElementException ({@link StopIteration}) when the body has ended
     * @throws IllegalStateException outside a task when the body has to run, or if the
     *     generator is executing
     * @apiNote python: {@code await anext(agen)}; the end is {@code StopAsyncIteration} there.
     */
    @Override
    public Y next() {
        if (generator.bodyRunsOnNext()) {
            requireTask("next");
        }
        return generator.next();
    }

    /**
     * Resumes the body with {@code value} as the result of its pending yield and returns the next
     * value it yields; may suspend the calling task. The rules of {@link Generator#send} apply.
     *
     * @throws java.util.NoSuchElementException ({@link StopIteration}) when the body ends
     * @throws IllegalStateException outside a task when the body has to run, or as for
     *     {@link Generator#send}
     * @apiNote python: {@code await agen.asend(value)}.
     */
    public Y send(S value) {
        if (generator.bodyRunsOnNext()) {
            requireTask("send");
        }
        return generator.send(value);
    }

    /**
     * Throws {@code error} at the body's pending yield and returns the next value it yields if it
     * catches it; may suspend the calling task. The rules of {@link Generator#throwInto} apply.
     *
     * @throws java.util.NoSuchElementException ({@link StopIteration}) if the body catches it and ends
     * @throws IllegalStateException outside a task when the body has to run, or if the
     *     generator is executing
     * @apiNote python: {@code await agen.athrow(error)}.
     */
    public Y throwInto(Throwable error) {
        if (generator.state() == Generator.State.SUSPENDED) {
            requireTask("throwInto");
        }
        return generator.throwInto(error);
    }

    /**
     * Finishes the async generator: throws {@link GeneratorExit} at the pending yield so that
     * the body runs its {@code finally} blocks, which may await (suspending the calling task).
     * Does nothing once it has finished; one that has not started finishes without running.
     *
     * @throws IllegalStateException outside a task when the body has to run, if the body ignores
     *     the close signal and yields again, or if the generator is executing
     * @apiNote python: {@code await agen.aclose()}.
     */
    @Override
    public void close() {
        if (generator.state() == Generator.State.SUSPENDED) {
            requireTask("close");
        }
        generator.close();
    }

    /**
     * Whether the async generator has finished: its body returned, threw, or it was closed.
     *
     * @apiNote python: {@code inspect.getasyncgenstate(agen) == AGEN_CLOSED}.
     */
    public boolean isDone() {
        return generator.isDone();
    }

    /**
     * Where the async generator is in its life; {@link Generator.State#RUNNING} includes waiting
     * in an await.
     *
     * @apiNote python: {@code inspect.getasyncgenstate(agen)}.
     */
    public Generator.State state() {
        return generator.state();
    }

    /**
     * This async generator: it is its own iterator, so it can be iterated once.
     *
     * @apiNote python: {@code aiter(agen) is agen}.
     */
    @Override
    public AsyncIterator<Y> iterator() {
        return this;
    }

    @Override
    public String toString() {
        return "Async" + generator;
    }

    private static void requireTask(String operation) {
        if (Async.currentTask() == null) {
            throw new IllegalStateException("AsyncGenerator." + operation + "() called outside a task (thread '"
                + Thread.currentThread().getName() + "'): its body may await, so drive it from a coroutine run by"
                + " Async.run or Async.createTask");
        }
    }
}
