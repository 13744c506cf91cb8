package dev.jasyncio;

/**
 * Decides how {@link EventLoop#createTask} makes tasks: lazily started (the default) or eagerly,
 * and with which name. A factory builds on {@link #lazy} or {@link #eager}.
 *
 * @apiNote asyncio: the callable given to {@code loop.set_task_factory}; {@link #EAGER} is
 *     {@code asyncio.eager_task_factory}. Tasks cannot be subclassed here, so a factory wraps or
 *     names, it does not substitute another task class.
 */
@FunctionalInterface
public interface TaskFactory {

    /** The eager factory: the first step runs inside createTask when the loop is running. */
    TaskFactory EAGER = TaskFactory::eager;

    /**
     * Makes a task of {@code loop} for {@code coroutine} with {@code name} (null: generated),
     * running in {@code context} (null: a copy of the current one).
     */
    <T> Task<T> createTask(EventLoop loop, Coroutine<T> coroutine, String name, Context context);

    /**
     * A task whose first step is scheduled with callSoon.
     *
     * @apiNote asyncio: {@code Task(coro, loop=loop, name=name, context=context)}.
     */
    static <T> Task<T> lazy(EventLoop loop, Coroutine<T> coroutine, String name, Context context) {
        return ((LoopCore) loop).newTask(coroutine, name, context, false);
    }

    /**
     * A task whose first step runs now, inside this call, when the loop is running; a coroutine
     * that finishes without suspending returns an already done task that was never scheduled.
     *
     * @apiNote asyncio: {@code Task(coro, loop=loop, name=name, context=context, eager_start=True)}.
     */
    static <T> Task<T> eager(EventLoop loop, Coroutine<T> coroutine, String name, Context context) {
        return ((LoopCore) loop).newTask(coroutine, name, context, true);
    }
}
