package dev.jasyncio;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

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
        LoopCore loop = LoopCore.runningInThisThread();
        return loop == null ? null : loop.currentTask();
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
        LoopCore loop = LoopCore.runningInThisThread();
        Task<?> task = loop == null ? null : loop.currentTask();
        if (task == null) {
            throw new IllegalStateException("await called outside a task (thread '" + Thread.currentThread().getName()
                + "'): await only inside a coroutine run by Async.run, Async.createTask or loop.createTask");
        }
        if (future.loopCore() != loop) {
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
