package dev.jasyncio;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The eventual result of an operation on one loop: pending, then finished with a value or an
 * exception, or cancelled. A low-level building block: application code usually awaits tasks.
 *
 * <p>Loop thread only: futures are not thread-safe. To hand one to another thread use
 * {@link #toCompletableFuture()}; to bring a {@link CompletableFuture} in, use
 * {@link EventLoop#wrapFuture}.
 *
 * <p>Done callbacks are always scheduled on the loop with {@link EventLoop#callSoon}, never run
 * inside the call that completes the future or adds the callback, in the order they were added.
 *
 * @param <T> the result type
 * @apiNote asyncio: {@code asyncio.Future}. {@link #result()} throws a checked exception of the
 *     future wrapped in {@link CompletionException}; unchecked ones are thrown as they are.
 */
public class Future<T> {
    /*
     * State: PENDING → FINISHED (value or exception) or PENDING → CANCELLED, once.
     * callbacks holds null, one Consumer, or an ArrayList of them, to spare the common case of a
     * single awaiter a list allocation. awaitedBy (introspection only: task dumps) holds null,
     * one future, or a FutureList of the futures that wait for this one through a combinator
     * (gather, shield, wait, a task group); a task waiting in await is found from its side
     * (Task.awaiting), so the hot await path does not touch it.
     */
    private enum State { PENDING, FINISHED, CANCELLED }

    private final LoopCore loop;
    private State state = State.PENDING;
    private T value;
    private Throwable exception;
    private String cancelMessage;
    private Object callbacks;
    private Object awaitedBy;

    Future(LoopCore loop) {
        this.loop = loop;
    }

    /**
     * The loop this future is bound to.
     *
     * @apiNote asyncio: {@code Future.get_loop()}.
     */
    public EventLoop getLoop() {
        return loop;
    }

    /**
     * Whether the future finished or was cancelled.
     *
     * @apiNote asyncio: {@code Future.done()}.
     */
    public boolean isDone() {
        return state != State.PENDING;
    }

    /**
     * Whether the future was cancelled.
     *
     * @apiNote asyncio: {@code Future.cancelled()}.
     */
    public boolean isCancelled() {
        return state == State.CANCELLED;
    }

    /**
     * The value the future finished with.
     *
     * @throws CancelledError if it was cancelled (with the cancel message)
     * @throws InvalidStateException if it is still pending
     * @throws CompletionException wrapping the future's exception if that is checked; an
     *     unchecked exception is thrown as it is
     * @apiNote asyncio: {@code Future.result()}.
     */
    public T result() {
        switch (state) {
            case CANCELLED -> throw new CancelledError(cancelMessage);
            case PENDING -> throw new InvalidStateException("Result is not ready: " + this);
            default -> {
                if (exception != null) {
                    exceptionRetrieved();
                    throw rethrowable(exception);
                }
                return value;
            }
        }
    }

    /**
     * The exception the future finished with, or null if it finished with a value.
     *
     * @throws CancelledError if it was cancelled
     * @throws InvalidStateException if it is still pending
     * @apiNote asyncio: {@code Future.exception()}.
     */
    public Throwable exception() {
        switch (state) {
            case CANCELLED -> throw new CancelledError(cancelMessage);
            case PENDING -> throw new InvalidStateException("Exception is not set: " + this);
            default -> {
                if (exception != null) {
                    exceptionRetrieved();
                }
                return exception;
            }
        }
    }

    /**
     * Finishes the future with {@code result} and schedules its callbacks.
     *
     * @throws InvalidStateException if it is already done
     * @apiNote asyncio: {@code Future.set_result(result)}.
     */
    public void setResult(T result) {
        checkPending("setResult");
        finishWithValue(result);
    }

    /**
     * Finishes the future with {@code exception} and schedules its callbacks.
     *
     * @throws InvalidStateException if it is already done
     * @apiNote asyncio: {@code Future.set_exception(exception)}.
     */
    public void setException(Throwable exception) {
        Objects.requireNonNull(exception, "exception");
        checkPending("setException");
        finishWithException(exception);
    }

    /**
     * Cancels the future if it is pending and schedules its callbacks.
     *
     * @return false if it was already done
     * @apiNote asyncio: {@code Future.cancel(msg=None)}.
     */
    public boolean cancel() {
        return cancel(null);
    }

    /**
     * Cancels the future with a message that the {@link CancelledError} will carry.
     *
     * @return false if it was already done
     * @apiNote asyncio: {@code Future.cancel(msg)}.
     */
    public boolean cancel(String message) {
        loop.checkThread("cancel");
        if (state != State.PENDING) {
            return false;
        }
        finishCancelled(message);
        return true;
    }

    // ---- completion without the public checks, for subclasses in this package (Task)

    final void finishWithValue(T result) {
        value = result;
        state = State.FINISHED;
        scheduleCallbacks();
    }

    final void finishWithException(Throwable t) {
        exception = t;
        state = State.FINISHED;
        scheduleCallbacks();
    }

    final void finishCancelled(String message) {
        cancelMessage = message;
        state = State.CANCELLED;
        scheduleCallbacks();
    }

    /** The message the future was cancelled with (null when none or not cancelled). */
    final String cancelMessage() {
        return cancelMessage;
    }

    /** The exception without marking it retrieved, for introspection. */
    final Throwable peekException() {
        return exception;
    }

    final LoopCore loopCore() {
        return loop;
    }

    // ---- awaited-by links (asyncio 3.14 future_add_to_awaited_by), for task dumps

    /** Records that {@code waiter} waits for this future through a combinator. Loop thread only. */
    final void addAwaitedBy(Future<?> waiter) {
        Object a = awaitedBy;
        if (a == null) {
            awaitedBy = waiter;
        } else if (a instanceof FutureList list) {
            list.add(waiter);
        } else {
            FutureList list = new FutureList();
            list.add((Future<?>) a);
            list.add(waiter);
            awaitedBy = list;
        }
    }

    /** Whether the newest link made by {@link #addAwaitedBy} is to {@code waiter}: O(1). */
    final boolean lastAwaitedBy(Future<?> waiter) {
        Object a = awaitedBy;
        return a == waiter || a instanceof FutureList list && !list.isEmpty() && list.get(list.size() - 1) == waiter;
    }

    /** Drops one link made by {@link #addAwaitedBy}. Loop thread only. */
    final void removeAwaitedBy(Future<?> waiter) {
        Object a = awaitedBy;
        if (a == waiter) {
            awaitedBy = null;
        } else if (a instanceof FutureList list) {
            list.remove(waiter);
            if (list.isEmpty()) {
                awaitedBy = null;
            }
        }
    }

    /** The futures linked by {@link #addAwaitedBy}, in link order. */
    final List<Future<?>> awaitedBy() {
        Object a = awaitedBy;
        if (a == null) {
            return List.of();
        }
        return a instanceof FutureList list ? List.copyOf(list) : List.of((Future<?>) a);
    }

    /** Called when result() or exception() hands out the exception; Task reports the unretrieved ones. */
    void exceptionRetrieved() {}

    /**
     * Adds a callback that receives this future once it is done. If it is done already the
     * callback is scheduled now; either way it runs later, on the loop.
     *
     * @apiNote asyncio: {@code Future.add_done_callback(fn)}.
     */
    public void addDoneCallback(Consumer<? super Future<T>> callback) {
        Objects.requireNonNull(callback, "callback");
        if (callback instanceof StepHandle step) {
            addTaskWakeup(step);
            return;
        }
        PersistentMap context = loop.contextMap();
        if (state != State.PENDING) {
            loop.schedule(new DoneCallbackHandle(this, callback, context));
            return;
        }
        loop.checkThread("addDoneCallback");
        // Without context variables in use (the common case) the consumer is stored bare.
        Object entry = context.size() == 0 ? callback : new ContextualCallback(callback, context);
        addEntry(entry);
    }

    /** A task awaiting this future: its step handle is scheduled as it is, with no context of its own. */
    private void addTaskWakeup(StepHandle step) {
        if (state != State.PENDING) {
            loop.schedule(step);
            return;
        }
        loop.checkThread("addDoneCallback");
        addEntry(step);
    }

    private void addEntry(Object entry) {
        Object cbs = callbacks;
        if (cbs == null) {
            callbacks = entry;
        } else if (cbs instanceof CallbackList list) {
            list.add(entry);
        } else {
            CallbackList list = new CallbackList();
            list.add(cbs);
            list.add(entry);
            callbacks = list;
        }
    }

    /**
     * Removes every registration of {@code callback} (compared by identity).
     *
     * @return how many were removed
     * @apiNote asyncio: {@code Future.remove_done_callback(fn)}.
     */
    public int removeDoneCallback(Consumer<? super Future<T>> callback) {
        loop.checkThread("removeDoneCallback");
        Object cbs = callbacks;
        if (cbs == callback || cbs instanceof ContextualCallback cc && cc.consumer() == callback) {
            callbacks = null;
            return 1;
        }
        if (cbs instanceof CallbackList list) {
            int before = list.size();
            list.removeIf(c -> c == callback || c instanceof ContextualCallback cc && cc.consumer() == callback);
            int removed = before - list.size();
            if (list.isEmpty()) {
                callbacks = null;
            }
            return removed;
        }
        return 0;
    }

    /**
     * A {@link CompletableFuture} that completes when this future does; any thread may read or
     * wait on it. Cancelling it cancels this future (on the loop, via
     * {@link EventLoop#callSoonThreadsafe}).
     *
     * @apiNote asyncio: the reverse of {@code asyncio.wrap_future}; no direct counterpart.
     */
    public CompletableFuture<T> toCompletableFuture() {
        return FutureBridge.toCompletable(this);
    }

    private void checkPending(String operation) {
        loop.checkThread(operation);
        if (state != State.PENDING) {
            throw new InvalidStateException(operation + " on a future that is already done: " + this);
        }
    }

    private void scheduleCallbacks() {
        Object cbs = callbacks;
        if (cbs == null) {
            return;
        }
        callbacks = null;
        if (cbs instanceof CallbackList list) {
            for (Object c : list) {
                scheduleOne(c);
            }
        } else {
            scheduleOne(cbs);
        }
    }

    private void scheduleOne(Object entry) {
        if (entry instanceof StepHandle step) {
            loop.schedule(step);
        } else if (entry instanceof ContextualCallback cc) {
            loop.schedule(new DoneCallbackHandle(this, cc.consumer(), cc.context()));
        } else {
            loop.schedule(new DoneCallbackHandle(this, (Consumer<?>) entry, PersistentMap.EMPTY));
        }
    }

    /** A done callback with the context it was added in. */
    private record ContextualCallback(Consumer<?> consumer, PersistentMap context) {}

    static RuntimeException rethrowable(Throwable t) {
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new CompletionException(t);
    }

    @Override
    public String toString() {
        String s = switch (state) {
            case PENDING -> "pending";
            case CANCELLED -> "cancelled";
            case FINISHED -> exception != null ? "finished exception=" + exception : "finished result=" + value;
        };
        return getClass().getSimpleName() + "[" + s + "]";
    }

    /** The list type of {@link #awaitedBy}. */
    private static final class FutureList extends ArrayList<Future<?>> {
        private static final long serialVersionUID = 1L;
    }

    /** Marker type so that a list of callbacks is never mistaken for a callback. */
    private static final class CallbackList extends ArrayList<Object> {
        private static final long serialVersionUID = 1L;
    }
}
