package dev.jasyncio;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/** {@link Async#toThread} and {@link Async#runCoroutineThreadsafe}: work across threads. */
final class ThreadBridge {
    private ThreadBridge() {}

    /** See {@link Async#toThread}. */
    static <T> T toThread(Callable<T> function) {
        Objects.requireNonNull(function, "function");
        Task<?> task = Async.requireTask("toThread");
        return task.await(task.loopCore().runInExecutor(null, function));
    }

    /** See {@link Async#runCoroutineThreadsafe}. */
    static <T> CompletableFuture<T> runCoroutineThreadsafe(EventLoop loop, Coroutine<T> coroutine) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(coroutine, "coroutine");
        TaskCompletion<T> result = new TaskCompletion<>(loop);
        loop.callSoonThreadsafe(() -> result.start(coroutine));
        return result;
    }

    /**
     * The thread-safe side of a task started from another thread. Its task field is touched only
     * on the loop thread: start() and the cancel callback both run there, in submission order.
     */
    private static final class TaskCompletion<T> extends CompletableFuture<T> {
        private final EventLoop loop;
        /** The task, once start() ran; loop thread only. */
        private Task<T> task;

        TaskCompletion(EventLoop loop) {
            this.loop = loop;
        }

        /** On the loop thread: makes the task, unless this future was cancelled first. */
        void start(Coroutine<T> coroutine) {
            if (isDone()) {
                return;
            }
            try {
                task = loop.createTask(coroutine);
            } catch (Throwable e) {
                completeExceptionally(e);
                return;
            }
            task.addDoneCallback(done -> {
                if (done.isCancelled()) {
                    super.cancel(false);
                } else if (done.exception() != null) {
                    completeExceptionally(done.exception());
                } else {
                    complete(done.result());
                }
            });
        }

        /** Any thread: cancels this future, and the task on its loop. */
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled && !loop.isClosed()) {
                try {
                    loop.callSoonThreadsafe(() -> {
                        if (task != null) {
                            task.cancel();
                        }
                    });
                } catch (IllegalStateException closedMeanwhile) {
                    // The loop closed after the check; its tasks are gone with it.
                }
            }
            return cancelled;
        }
    }
}
