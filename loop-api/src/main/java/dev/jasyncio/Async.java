package dev.jasyncio;

import dev.jasyncio.internal.debug.LoopObservers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The everyday entry points, as static methods: run a main on a fresh loop, find the running
 * loop, swap the policy.
 *
 * {@snippet :
 * String greeting = Async.run(() -> {
 *     EventLoop loop = Async.getRunningLoop();
 *     return "hello from " + loop.providerName();
 * });
 * }
 *
 * @apiNote asyncio: the module-level functions of {@code asyncio}.
 */
public final class Async {
    private static volatile EventLoopPolicy policy;

    private Async() {}

    /**
     * Runs {@code main} as a task on a new loop from the default factory, then cancels the tasks
     * left over and waits for them, shuts the default executor down and closes the loop (see
     * {@link Runner}).
     *
     * @throws IllegalStateException if called from a running loop
     * @apiNote asyncio: {@code asyncio.run(main)}.
     */
    public static <T> T run(Coroutine<T> main) {
        return run(main, null);
    }

    /**
     * Runs {@code main} on a new loop from {@code factory} ({@code null}: the default factory),
     * then cleans up and closes the loop.
     *
     * @apiNote asyncio: {@code asyncio.run(main, loop_factory=factory)}.
     */
    public static <T> T run(Coroutine<T> main, LoopFactory factory) {
        Objects.requireNonNull(main, "main");
        if (LoopCore.runningInThisThread() != null) {
            throw new IllegalStateException("Async.run() cannot be called from a running event loop");
        }
        try (Runner runner = new Runner(factory)) {
            return runner.run(main);
        }
    }

    /**
     * The loop running in the current thread.
     *
     * @throws IllegalStateException if no loop is running in this thread
     * @apiNote asyncio: {@code asyncio.get_running_loop()}.
     */
    public static EventLoop getRunningLoop() {
        EventLoop loop = LoopCore.runningInThisThread();
        if (loop == null) {
            throw new IllegalStateException("no running event loop in thread '" + Thread.currentThread().getName()
                + "': call this from a callback or task, or start a loop with Async.run");
        }
        return loop;
    }

    // ---- tasks and awaiting

    /**
     * Schedules {@code coroutine} as a task on the running loop.
     *
     * @throws IllegalStateException outside a running loop
     * @apiNote asyncio: {@code asyncio.create_task(coro)}.
     */
    public static <T> Task<T> createTask(Coroutine<T> coroutine) {
        return getRunningLoop().createTask(coroutine);
    }

    /**
     * Schedules {@code coroutine} as a task named {@code name} on the running loop.
     *
     * @apiNote asyncio: {@code asyncio.create_task(coro, name=name)}.
     */
    public static <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
        return getRunningLoop().createTask(coroutine, name);
    }

    /**
     * The task running now, or null when called from a plain callback or outside a loop.
     *
     * @apiNote asyncio: {@code asyncio.current_task()}.
     */
    public static Task<?> currentTask() {
        return LoopCore.taskHere();
    }

    /**
     * The running loop's tasks that are not done yet.
     *
     * @throws IllegalStateException outside a running loop
     * @apiNote asyncio: {@code asyncio.all_tasks()}.
     */
    public static Set<Task<?>> allTasks() {
        return new LinkedHashSet<>(((LoopCore) getRunningLoop()).pendingTasks());
    }

    /**
     * A dump of the running loop's live tasks, as a tree of who waits for whom: each task's
     * state, the future it awaits, its suspended stack and, for tasks made in debug mode, where
     * it was created; await cycles are listed. See {@code dev.jasyncio.debug.TaskDump} for the
     * JSON form and for dumps from other threads.
     *
     * @throws IllegalStateException outside a running loop
     * @apiNote asyncio: {@code asyncio.print_call_graph()} for every task, like
     *     {@code python -m asyncio pstree} (3.14).
     */
    public static String dumpTasks() {
        return LoopObservers.get().dumpTasks((LoopCore) getRunningLoop(), false);
    }

    /**
     * Suspends the current task until {@code future} is done, then returns its value or throws
     * its exception; the loop runs other work meanwhile. Returns at once, without suspending, if
     * the future is already done. If the task is cancelled while it waits, the future is
     * cancelled and {@link CancelledError} is thrown here.
     *
     * @throws IllegalStateException outside a task, for a future of another loop, for a task
     *     awaiting itself, or where the stack cannot be suspended (a native frame)
     * @throws CancelledError if the task or the future was cancelled
     * @throws java.util.concurrent.CompletionException wrapping a checked exception of the future
     * @apiNote asyncio: {@code await future}.
     */
    public static <T> T await(Future<T> future) {
        Objects.requireNonNull(future, "future");
        Task<?> task = LoopCore.taskHere();
        if (task == null) {
            throw new IllegalStateException("await called outside a task (thread '" + Thread.currentThread().getName()
                + "'): await only inside a coroutine run by Async.run, Async.createTask or loop.createTask");
        }
        if (future.loopCore() != task.loopCore()) {
            throw new IllegalStateException("Task " + task.getName() + " awaits " + future
                + " which is attached to a different loop");
        }
        if (future == task) {
            throw new IllegalStateException("Task cannot await on itself: " + task.getName());
        }
        return task.await(future);
    }

    /**
     * Suspends the current task for {@code delay}; a zero or negative delay gives up exactly one
     * loop iteration. Cancelling the task cancels the sleep's timer.
     *
     * @throws IllegalStateException outside a task
     * @apiNote asyncio: {@code asyncio.sleep(delay)}.
     */
    public static void sleep(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        Task<?> task = requireTask("sleep");
        LoopCore loop = task.loopCore();
        if (delay.isZero() || delay.isNegative()) {
            task.yieldOnce();
            return;
        }
        Future<Void> wake = loop.createFuture();
        TimerHandle timer = loop.callLater(delay, () -> {
            if (!wake.isDone()) {
                wake.setResult(null);
            }
        });
        try {
            task.await(wake);
        } finally {
            timer.cancel();
        }
    }

    static Task<?> requireTask(String operation) {
        Task<?> task = currentTask();
        if (task == null) {
            throw new IllegalStateException(operation + " called outside a task (thread '" + Thread.currentThread().getName()
                + "'): call it inside a coroutine run by Async.run or Async.createTask");
        }
        return task;
    }

    // ---- combinators (gather, wait, shield, timeouts, task groups, threads)

    /**
     * A future of the results of {@code futures}, in argument order, once all have finished. The
     * first future that fails (or is cancelled: that counts as a {@link CancelledError} error)
     * fails the gather at once, and the others keep running. Cancelling the returned future
     * cancels every child not done, and the gather then always ends cancelled; once the gather
     * is done, cancelling it does nothing. A future given twice runs once and appears twice.
     * No futures: an already finished future of an empty list (needs a running loop).
     *
     * @throws IllegalArgumentException if the futures belong to different loops
     * @apiNote asyncio: {@code asyncio.gather(*fs)}. pain point cpython#75633: gather does not
     *     cancel the others when one fails; use {@link #taskGroup} for that.
     */
    @SafeVarargs
    public static <T> Future<List<T>> gather(Future<? extends T>... futures) {
        List<Future<? extends T>> list = new ArrayList<>(futures.length);
        for (Future<? extends T> f : futures) {
            list.add(f);
        }
        return GatheringFuture.of(list, false);
    }

    /**
     * {@link #gather(Future[])} over a list.
     *
     * @apiNote asyncio: {@code asyncio.gather(*fs)}.
     */
    public static <T> Future<List<T>> gather(List<? extends Future<? extends T>> futures) {
        return GatheringFuture.of(futures, false);
    }

    /**
     * {@link #gather(Future[])}, where with {@code returnExceptions} the errors do not fail the
     * gather: it ends when all futures are done, and each error (a {@link CancelledError} for a
     * cancelled future) takes the place of the value in the list, hence {@code List<Object>}.
     *
     * @apiNote asyncio: {@code asyncio.gather(*fs, return_exceptions=returnExceptions)}.
     */
    public static Future<List<Object>> gather(List<? extends Future<?>> futures, boolean returnExceptions) {
        return GatheringFuture.of(futures, returnExceptions);
    }

    /**
     * Starts each coroutine as a task on the running loop and gathers them as
     * {@link #gather(Future[])} does.
     *
     * @throws IllegalStateException outside a running loop
     * @apiNote asyncio: {@code asyncio.gather(*coros)}.
     */
    @SafeVarargs
    public static <T> Future<List<T>> gather(Coroutine<? extends T>... coroutines) {
        EventLoop loop = getRunningLoop();
        List<Future<? extends T>> tasks = new ArrayList<>(coroutines.length);
        for (Coroutine<? extends T> c : coroutines) {
            tasks.add(loop.createTask(Objects.requireNonNull(c, "gather got a null coroutine")));
        }
        return GatheringFuture.of(tasks, false);
    }

    /**
     * Suspends the current task until {@code returnWhen} is met or {@code timeout} passes
     * ({@code null}: no timeout), and tells which futures are done. Never throws on timeout and
     * never cancels anything: a future still pending is in {@link WaitResult#pending()}.
     *
     * @throws IllegalArgumentException if {@code futures} is empty or holds a future of another loop
     * @throws IllegalStateException outside a task
     * @throws CancelledError if the waiting task is cancelled (the futures are left alone)
     * @apiNote asyncio: {@code asyncio.wait(fs, timeout=timeout, return_when=returnWhen)}.
     */
    public static <F extends Future<?>> WaitResult<F> wait(Collection<? extends F> futures, Duration timeout,
            ReturnWhen returnWhen) {
        return Waiting.wait(futures, timeout, returnWhen);
    }

    /**
     * Awaits {@code future} for at most {@code timeout} ({@code null}: no limit). When the time
     * is up, the future is cancelled and waited for until it has ended, then
     * {@link AsyncTimeoutException} is thrown; if it returned a value despite the cancellation,
     * that value is returned instead. A zero or negative timeout cancels at once. Cancelling the
     * waiting task cancels the future.
     *
     * @throws AsyncTimeoutException if the time ran out
     * @throws IllegalStateException outside a task
     * @apiNote asyncio: {@code asyncio.wait_for(fut, timeout)}, built like it on {@link #timeout}.
     */
    public static <T> T waitFor(Future<T> future, Duration timeout) {
        return Waiting.waitFor(future, timeout);
    }

    /**
     * Runs {@code coroutine} in the current task for at most {@code timeout} ({@code null}: no
     * limit), as {@link #timeout(Duration, Coroutine)} does. A zero or negative timeout makes it a
     * task cancelled before it starts, so it does not run, and throws {@link AsyncTimeoutException}.
     *
     * @throws AsyncTimeoutException if the time ran out
     * @throws IllegalStateException outside a task
     * @throws java.util.concurrent.CompletionException wrapping a checked exception of the coroutine
     * @apiNote asyncio: {@code asyncio.wait_for(coro, timeout)}, which also runs the coroutine in
     *     the caller's task since Python 3.12.
     */
    public static <T> T waitFor(Coroutine<T> coroutine, Duration timeout) {
        return Waiting.waitFor(coroutine, timeout);
    }

    /**
     * The {@code futures} in the order they complete: each turn gives something to await for the
     * next one, and fails with {@link AsyncTimeoutException} once {@code timeout} ({@code null}:
     * none) has passed; the futures still pending then are not cancelled. See {@link AsCompleted}.
     *
     * @throws IllegalArgumentException if the futures belong to different loops
     * @apiNote asyncio: {@code asyncio.as_completed(fs, timeout=timeout)}.
     */
    public static <T> AsCompleted<T> asCompleted(Collection<? extends Future<? extends T>> futures, Duration timeout) {
        return AsCompleted.of(futures, timeout);
    }

    /**
     * A future that follows {@code inner}, except that cancelling it leaves {@code inner}
     * running: an awaiting task that is cancelled gets {@link CancelledError}, the inner work goes
     * on. If {@code inner} is cancelled, the returned future is cancelled too; if {@code inner}
     * fails after the returned future was cancelled, the error goes to the loop's exception
     * handler. Returns {@code inner} itself if it is already done.
     *
     * @apiNote asyncio: {@code asyncio.shield(aw)}.
     */
    public static <T> Future<T> shield(Future<T> inner) {
        return Shielding.shield(Objects.requireNonNull(inner, "inner"));
    }

    /**
     * Runs {@code body} in the current task under a deadline {@code delay} from now
     * ({@code null}: none). When the deadline passes the task is cancelled; if the body then ends
     * with that {@link CancelledError}, it becomes {@link AsyncTimeoutException} (with the
     * cancellation as cause). A cancellation from outside, or of an enclosing timeout, stays a
     * {@link CancelledError}. A value the body returns despite the cancellation is returned.
     * See {@link Timeout} for why this is a method and not a try-with-resources scope.
     *
     * {@snippet :
     * String page = Async.timeout(Duration.ofSeconds(5), () -> fetch(url));
     * }
     *
     * @throws AsyncTimeoutException if the deadline passed and the body ended cancelled
     * @throws IllegalStateException outside a task
     * @throws java.util.concurrent.CompletionException wrapping a checked exception of the body
     * @apiNote asyncio: {@code async with asyncio.timeout(delay):}.
     */
    public static <T> T timeout(Duration delay, Coroutine<T> body) {
        Objects.requireNonNull(body, "body");
        return Timeout.run(requireTask("timeout"), delay, t -> body.call());
    }

    /**
     * {@link #timeout(Duration, Coroutine)} with the {@link Timeout} handed to the body, to read or
     * move the deadline.
     *
     * @throws AsyncTimeoutException if the deadline passed and the body ended cancelled
     * @throws IllegalStateException outside a task
     * @apiNote asyncio: {@code async with asyncio.timeout(delay) as t:}.
     */
    public static <T> T timeout(Duration delay, ScopedCoroutine<Timeout, T> body) {
        Objects.requireNonNull(body, "body");
        return Timeout.run(requireTask("timeout"), delay, body);
    }

    /**
     * {@link #timeout(Duration, Coroutine)} with the deadline given as a time of
     * {@link EventLoop#time()}, in nanoseconds; a time already past expires on the next iteration.
     *
     * @throws AsyncTimeoutException if the deadline passed and the body ended cancelled
     * @throws IllegalStateException outside a task
     * @apiNote asyncio: {@code async with asyncio.timeout_at(when):}.
     */
    public static <T> T timeoutAt(long whenNanos, Coroutine<T> body) {
        Objects.requireNonNull(body, "body");
        return Timeout.runAt(requireTask("timeoutAt"), whenNanos, t -> body.call());
    }

    /**
     * {@link #timeoutAt(long, Coroutine)} with the {@link Timeout} handed to the body.
     *
     * @throws AsyncTimeoutException if the deadline passed and the body ended cancelled
     * @throws IllegalStateException outside a task
     * @apiNote asyncio: {@code async with asyncio.timeout_at(when) as t:}.
     */
    public static <T> T timeoutAt(long whenNanos, ScopedCoroutine<Timeout, T> body) {
        Objects.requireNonNull(body, "body");
        return Timeout.runAt(requireTask("timeoutAt"), whenNanos, body);
    }

    /**
     * Runs {@code body} in the current task with a new {@link TaskGroup}, then waits until every
     * task of the group has ended, and returns the body's value. The first task error cancels the
     * rest and the body, and the group then throws an {@link ExceptionGroup} of all errors. See
     * {@link TaskGroup} for the rules and for why this is a method and not a try-with-resources
     * scope.
     *
     * @throws ExceptionGroup if tasks or the body failed
     * @throws CancelledError if the current task was cancelled from outside
     * @throws IllegalStateException outside a task
     * @apiNote asyncio: {@code async with asyncio.TaskGroup() as tg:}.
     */
    public static <T> T taskGroup(ScopedCoroutine<TaskGroup, T> body) {
        return TaskGroup.run(requireTask("taskGroup"), body);
    }

    /**
     * Runs {@code function} on the loop's default executor, in a copy of the current
     * {@link Context}, and suspends the current task until it returns. Cancelling the task before
     * the function starts keeps it from running; a function already running is not interrupted.
     *
     * @throws IllegalStateException outside a task
     * @throws java.util.concurrent.CompletionException wrapping a checked exception of the function
     * @apiNote asyncio: {@code asyncio.to_thread(func)}.
     */
    public static <T> T toThread(Callable<T> function) {
        return ThreadBridge.toThread(function);
    }

    /**
     * Any thread: starts {@code coroutine} as a task on {@code loop} (through
     * {@link EventLoop#callSoonThreadsafe}) and returns a {@link CompletableFuture} of its outcome.
     * Cancelling that future cancels the task on its loop, or keeps it from being created.
     *
     * @throws IllegalStateException if the loop is closed
     * @apiNote asyncio: {@code asyncio.run_coroutine_threadsafe(coro, loop)}.
     */
    public static <T> CompletableFuture<T> runCoroutineThreadsafe(EventLoop loop, Coroutine<T> coroutine) {
        return ThreadBridge.runCoroutineThreadsafe(loop, coroutine);
    }

    /**
     * A future of the running loop that completes when {@code stage} completes, on whatever
     * thread; cancelling it cancels {@code stage} if that is a {@link java.util.concurrent.Future}.
     *
     * @throws IllegalStateException outside a running loop
     * @apiNote asyncio: {@code asyncio.wrap_future(fut)}.
     */
    public static <T> Future<T> wrapFuture(CompletionStage<T> stage) {
        return getRunningLoop().wrapFuture(Objects.requireNonNull(stage, "stage"));
    }

    // ---- policy

    /**
     * The current policy: the one set with {@link #setEventLoopPolicy}, else one over
     * {@link LoopFactory#defaultFactory()}.
     *
     * @apiNote asyncio: {@code asyncio.get_event_loop_policy()}.
     */
    public static EventLoopPolicy getEventLoopPolicy() {
        EventLoopPolicy p = policy;
        if (p == null) {
            synchronized (Async.class) {
                p = policy;
                if (p == null) {
                    p = EventLoopPolicy.withFactory(LoopFactory.defaultFactory());
                    policy = p;
                }
            }
        }
        return p;
    }

    /**
     * Replaces the policy ({@code null}: back to the default).
     *
     * @apiNote asyncio: {@code asyncio.set_event_loop_policy(policy)}.
     */
    public static void setEventLoopPolicy(EventLoopPolicy newPolicy) {
        policy = newPolicy;
    }
}
