package dev.jasyncio;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The futures of {@link Async#asCompleted} in the order they complete. Two ways to consume it:
 * <ul>
 * <li>as an {@link Iterator} (or in a for-each loop): each {@link #next()} returns at once a new
 *     future; awaiting the i-th gives the outcome of the i-th input to complete, or throws
 *     {@link AsyncTimeoutException} if the deadline passed first;
 * <li>with {@link #awaitNext()} inside a task: suspends until the next input completes and
 *     returns that input itself.
 * </ul>
 * There are as many turns as distinct inputs, across both ways. Inputs still pending at the
 * deadline are not cancelled.
 *
 * {@snippet :
 * for (Future<String> next : Async.asCompleted(downloads, Duration.ofSeconds(10))) {
 *     String page = Async.await(next);   // earliest first
 *     show(page);
 * }
 * }
 *
 * <p>Single use ({@link #iterator()} returns this object). Loop thread only.
 *
 * @param <T> the inputs' value type
 * @apiNote asyncio: the iterator returned by {@code asyncio.as_completed} (3.13): iteration gives
 *     fresh awaitables like its plain iterator; {@link #awaitNext()} is its {@code async for},
 *     which yields the original futures.
 */
public final class AsCompleted<T> implements Iterator<Future<T>>, Iterable<Future<T>> {
    /*
     * Overview (asyncio's _AsCompletedIterator). `todo` holds the inputs not yet completed;
     * completed inputs queue in `completed`, followed by `timeouts` markers once the deadline
     * passed (one per input still in todo then). Each turn taken adds a Turn to `turns`: the
     * future next() returned (which gets a copy of the input's outcome) or the one awaitNext()
     * awaits (which gets the input itself). deliver() matches turns and queued inputs in order,
     * writing straight into the turn's future, so a turn cancelled by its awaiter is skipped at
     * once: its input goes to the next turn, and the turn is given back (asyncio loses that
     * input instead).
     */

    private final LoopCore loop;
    /** The inputs not completed yet; emptied at the deadline. */
    private final Set<Future<? extends T>> todo = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Completed inputs not yet handed to a turn, in completion order. */
    private final ArrayDeque<Future<? extends T>> completed = new ArrayDeque<>();
    /** Timeout markers after `completed`: turns that will fail with the timeout. */
    private int timeouts;
    /** Turns taken and not yet served, in order. */
    private final ArrayDeque<Turn<T>> turns = new ArrayDeque<>();
    /** Turns left to take. */
    private int turnsLeft;
    private final Duration timeout;
    private TimerHandle timer;
    private final Consumer<Future<? extends T>> onCompletion = this::completed;
    /** A turn whose future was cancelled before being served is given back. */
    private final Consumer<Future<?>> giveBackIfCancelled = f -> {
        if (f.isCancelled()) {
            turnsLeft++;
        }
    };

    /** One turn: exactly one of the two futures is set. */
    private record Turn<T>(Future<T> outcomeCopy, Future<Future<? extends T>> input) {
        Future<?> future() {
            return outcomeCopy != null ? outcomeCopy : input;
        }
    }

    private AsCompleted(LoopCore loop, Duration timeout) {
        this.loop = loop;
        this.timeout = timeout;
    }

    /** See {@link Async#asCompleted}. */
    static <T> AsCompleted<T> of(Collection<? extends Future<? extends T>> futures, Duration timeout) {
        Objects.requireNonNull(futures, "futures");
        LoopCore loop = null;
        for (Future<? extends T> f : futures) {
            Objects.requireNonNull(f, "asCompleted got a null future");
            if (loop == null) {
                loop = f.loopCore();
            } else if (f.loopCore() != loop) {
                throw new IllegalArgumentException("asCompleted: " + f
                    + " belongs to a different loop than the other futures; all must belong to one loop");
            }
        }
        AsCompleted<T> it = new AsCompleted<>(loop, timeout);
        for (Future<? extends T> f : futures) {
            if (it.todo.add(f)) {
                f.addDoneCallback(it.onCompletion);
            }
        }
        it.turnsLeft = it.todo.size();
        if (!it.todo.isEmpty() && timeout != null) {
            it.timer = loop.callLater(timeout, it::deadlinePassed);
        }
        return it;
    }

    /**
     * Whether a turn is left: fewer {@link #next()}/{@link #awaitNext()} calls so far than
     * distinct inputs (turns cancelled before being served do not count).
     *
     * @apiNote asyncio: the iterator's {@code StopIteration} condition.
     */
    @Override
    public boolean hasNext() {
        return turnsLeft > 0;
    }

    /**
     * Takes a turn without suspending: a new future that gets the outcome (value, exception or
     * cancellation) of the next input to complete, or fails with {@link AsyncTimeoutException}
     * if the deadline passes first. Cancelling it gives its turn back, and its input goes to the
     * next turn.
     *
     * @throws NoSuchElementException if no turn is left
     * @apiNote asyncio: {@code next()} on the iterator of {@code as_completed}.
     */
    @Override
    public Future<T> next() {
        checkTurnLeft();
        Future<T> out = loop.createFuture();
        take(new Turn<>(out, null));
        return out;
    }

    /**
     * Takes a turn inside a task: suspends until the next input completes and returns that input
     * (done), or throws {@link AsyncTimeoutException} if the deadline passes first.
     *
     * @throws NoSuchElementException if no turn is left
     * @throws IllegalStateException outside a task
     * @apiNote asyncio: {@code __anext__} of {@code async for f in as_completed(...)}.
     */
    public Future<? extends T> awaitNext() {
        Task<?> task = Async.requireTask("AsCompleted.awaitNext");
        checkTurnLeft();
        if (task.loopCore() != loop) {
            throw new IllegalStateException("AsCompleted.awaitNext: the futures belong to another loop than task "
                + task.getName());
        }
        Future<Future<? extends T>> input = loop.createFuture();
        take(new Turn<>(null, input));
        return task.await(input);
    }

    /** This object: it is its own, single-use iterator. */
    @Override
    public Iterator<Future<T>> iterator() {
        return this;
    }

    private void checkTurnLeft() {
        if (turnsLeft <= 0) {
            throw new NoSuchElementException("asCompleted: every input has been handed out already");
        }
    }

    private void take(Turn<T> turn) {
        loop.checkThread("AsCompleted.next");
        turnsLeft--;
        turn.future().addDoneCallback(giveBackIfCancelled);
        turns.addLast(turn);
        deliver();
    }

    private void completed(Future<? extends T> f) {
        if (!todo.remove(f)) {
            return;
        }
        completed.addLast(f);
        if (todo.isEmpty() && timer != null) {
            timer.cancel();
        }
        deliver();
    }

    private void deadlinePassed() {
        for (Future<? extends T> f : todo) {
            f.removeDoneCallback(onCompletion);
        }
        timeouts += todo.size();
        todo.clear();
        deliver();
    }

    private void deliver() {
        while (!turns.isEmpty() && (!completed.isEmpty() || timeouts > 0)) {
            Turn<T> turn = turns.pollFirst();
            if (turn.future().isDone()) {
                continue;
            }
            if (!completed.isEmpty()) {
                Future<? extends T> f = completed.pollFirst();
                if (turn.outcomeCopy() != null) {
                    Outcomes.copy(f, turn.outcomeCopy());
                } else {
                    turn.input().setResult(f);
                }
            } else {
                timeouts--;
                turn.future().setException(new AsyncTimeoutException("asCompleted timed out after " + timeout));
            }
        }
    }
}
