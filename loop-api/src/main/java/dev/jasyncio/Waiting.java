package dev.jasyncio;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/** {@link Async#wait(Collection, Duration, ReturnWhen)} and {@link Async#waitFor}: awaiting futures with a deadline. */
final class Waiting {
    private Waiting() {}

    /** See {@link Async#wait(Collection, Duration, ReturnWhen)}. */
    static <F extends Future<?>> WaitResult<F> wait(Collection<? extends F> futures, Duration timeout,
            ReturnWhen returnWhen) {
        Objects.requireNonNull(futures, "futures");
        Objects.requireNonNull(returnWhen, "returnWhen");
        if (futures.isEmpty()) {
            throw new IllegalArgumentException("wait needs at least one future: the collection is empty");
        }
        Task<?> task = Async.requireTask("wait");
        LoopCore loop = task.loopCore();
        Set<F> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<F> ordered = new LinkedHashSet<>();
        for (F f : futures) {
            Objects.requireNonNull(f, "wait got a null future");
            if (f.loopCore() != loop) {
                throw new IllegalArgumentException("wait: " + f + " belongs to a different loop than the waiting task "
                    + task.getName());
            }
            if (distinct.add(f)) {
                ordered.add(f);
            }
        }
        Future<Void> waiter = loop.createFuture();
        int[] left = {ordered.size()};
        Consumer<Future<?>> onCompletion = f -> {
            left[0]--;
            if (left[0] <= 0
                || returnWhen == ReturnWhen.FIRST_COMPLETED
                || returnWhen == ReturnWhen.FIRST_EXCEPTION && !f.isCancelled() && f.exception() != null) {
                release(waiter);
            }
        };
        TimerHandle timer = timeout == null ? null : loop.callLater(timeout, () -> release(waiter));
        for (F f : ordered) {
            f.addDoneCallback(onCompletion);
            f.addAwaitedBy(waiter);
        }
        try {
            task.await(waiter);
        } finally {
            if (timer != null) {
                timer.cancel();
            }
            for (F f : ordered) {
                f.removeDoneCallback(onCompletion);
                f.removeAwaitedBy(waiter);
            }
        }
        Set<F> done = new LinkedHashSet<>();
        Set<F> pending = new LinkedHashSet<>();
        for (F f : ordered) {
            (f.isDone() ? done : pending).add(f);
        }
        return new WaitResult<>(done, pending);
    }

    /** See {@link Async#waitFor(Future, Duration)}. */
    static <T> T waitFor(Future<T> future, Duration timeout) {
        Objects.requireNonNull(future, "future");
        Task<?> task = Async.requireTask("waitFor");
        if (future.loopCore() != task.loopCore()) {
            throw new IllegalStateException("Task " + task.getName() + " awaits " + future
                + " which is attached to a different loop");
        }
        if (timeout != null && !timeout.isPositive()) {
            if (future.isDone()) {
                return future.result();
            }
            cancelAndWait(task, future);
            try {
                return future.result();
            } catch (CancelledError e) {
                throw new AsyncTimeoutException("waitFor timed out at once: the timeout " + timeout + " is not positive", e);
            }
        }
        return Timeout.run(task, timeout, t -> task.await(future));
    }

    /** See {@link Async#waitFor(Coroutine, Duration)}. */
    static <T> T waitFor(Coroutine<T> coroutine, Duration timeout) {
        Objects.requireNonNull(coroutine, "coroutine");
        Task<?> task = Async.requireTask("waitFor");
        if (timeout != null && !timeout.isPositive()) {
            // As asyncio: the coroutine becomes a task that is cancelled before it starts.
            return waitFor(task.loopCore().createTask(coroutine), timeout);
        }
        return Timeout.run(task, timeout, t -> coroutine.call());
    }

    /** Cancels {@code f} and suspends {@code task} until {@code f} is done, whatever it then does. */
    private static void cancelAndWait(Task<?> task, Future<?> f) {
        Future<Void> waiter = task.loopCore().createFuture();
        Consumer<Future<?>> onDone = done -> release(waiter);
        f.addDoneCallback(onDone);
        try {
            f.cancel();
            task.await(waiter);
        } finally {
            f.removeDoneCallback(onDone);
        }
    }

    private static void release(Future<Void> waiter) {
        if (!waiter.isDone()) {
            waiter.setResult(null);
        }
    }
}
