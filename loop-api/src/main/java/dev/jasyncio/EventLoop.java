package dev.jasyncio;

import dev.jasyncio.spi.IoDriver;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * A single-threaded event loop: a ready queue of callbacks, a heap of timers and an I/O driver,
 * run by one thread at a time.
 *
 * <p><b>Threading.</b> Only methods whose name ends in {@code Threadsafe} may be called from a
 * thread other than the one running the loop. While the loop is not running, one thread at a
 * time may set it up. In debug mode ({@link #setDebug}) a non-thread-safe call from another
 * thread while the loop runs throws {@link IllegalStateException}.
 *
 * <p><b>Ordering.</b> Callbacks run in the order they were scheduled, never synchronously inside
 * the call that scheduled them; a callback scheduled while the loop runs callbacks waits for the
 * next iteration. Timers run in deadline order (equal deadlines in scheduling order) and never
 * before their deadline.
 *
 * <p>Make one with a {@link LoopFactory}; run code on it with {@link Async#run(Coroutine)} or a
 * {@link Runner}.
 *
 * @apiNote asyncio: {@code asyncio.AbstractEventLoop} as implemented by {@code BaseEventLoop}.
 *     Times are {@code long} nanoseconds where asyncio uses float seconds.
 */
public sealed interface EventLoop extends AutoCloseable permits LoopCore {

    // ---- scheduling: each returns a handle that can cancel the call

    /**
     * Schedules {@code callback} to run on the next iteration, after the ones already scheduled.
     * An exception it throws goes to the exception handler; the loop keeps running.
     *
     * @throws IllegalStateException if the loop is closed, or (debug mode) on the wrong thread
     * @apiNote asyncio: {@code loop.call_soon(callback)}.
     */
    Handle callSoon(Runnable callback);

    /**
     * Any thread: schedules {@code callback} like {@link #callSoon} and wakes the loop if it is
     * waiting. Bursts from other threads cost one wakeup.
     *
     * @throws IllegalStateException if the loop is closed
     * @apiNote asyncio: {@code loop.call_soon_threadsafe(callback)}.
     */
    Handle callSoonThreadsafe(Runnable callback);

    /**
     * Schedules {@code callback} to run once {@code delay} has passed on the loop's clock. A zero
     * or negative delay runs it on the next iteration.
     *
     * @apiNote asyncio: {@code loop.call_later(delay, callback)}.
     */
    TimerHandle callLater(Duration delay, Runnable callback);

    /**
     * Schedules {@code callback} to run once {@link #time()} reaches {@code whenNanos}.
     *
     * @apiNote asyncio: {@code loop.call_at(when, callback)}.
     */
    TimerHandle callAt(long whenNanos, Runnable callback);

    /**
     * The loop's monotonic clock in nanoseconds; its origin is unspecified.
     *
     * @apiNote asyncio: {@code loop.time()}, which returns seconds.
     */
    long time();

    // ---- running and stopping

    /**
     * Runs the loop until {@link #stop()} is called.
     *
     * @throws IllegalStateException if the loop is closed or already running, or if another
     *     loop is running in this thread
     * @apiNote asyncio: {@code loop.run_forever()}.
     */
    void runForever();

    /**
     * Runs the loop until {@code future} is done, and returns its result.
     *
     * @throws IllegalStateException if the loop was stopped before the future completed
     * @throws CancelledError if the future was cancelled
     * @throws java.util.concurrent.CompletionException wrapping a checked exception of the future
     * @apiNote asyncio: {@code loop.run_until_complete(future)}.
     */
    <T> T runUntilComplete(Future<T> future);

    /**
     * Asks the loop to stop: the callbacks of the current iteration still run, then
     * {@link #runForever()} returns. From another thread use
     * {@code callSoonThreadsafe(loop::stop)}.
     *
     * @apiNote asyncio: {@code loop.stop()}.
     */
    void stop();

    /**
     * Whether the loop is running.
     *
     * @apiNote asyncio: {@code loop.is_running()}.
     */
    boolean isRunning();

    /**
     * Closes the loop: drops pending callbacks and timers, shuts the default executor down
     * without waiting, and releases the I/O driver. Idempotent.
     *
     * @throws IllegalStateException if the loop is running
     * @apiNote asyncio: {@code loop.close()}.
     */
    @Override
    void close();

    /**
     * Whether {@link #close()} was called.
     *
     * @apiNote asyncio: {@code loop.is_closed()}.
     */
    boolean isClosed();

    // ---- tasks

    /**
     * Wraps {@code coroutine} in a task scheduled to start on the next iteration (or as the task
     * factory decides). The loop holds the task until it ends.
     *
     * @apiNote asyncio: {@code loop.create_task(coro)}.
     */
    <T> Task<T> createTask(Coroutine<T> coroutine);

    /**
     * Like {@link #createTask(Coroutine)}, naming the task ({@code null}: a generated name).
     *
     * @apiNote asyncio: {@code loop.create_task(coro, name=name)}.
     */
    <T> Task<T> createTask(Coroutine<T> coroutine, String name);

    /**
     * Like {@link #createTask(Coroutine, String)}, running the task in {@code context} itself
     * (not a copy; {@code null}: a copy of the current context).
     *
     * @apiNote asyncio: {@code loop.create_task(coro, name=name, context=context)}.
     */
    <T> Task<T> createTask(Coroutine<T> coroutine, String name, Context context);

    /**
     * Installs the factory that {@link #createTask} goes through ({@code null}: the plain one).
     *
     * @apiNote asyncio: {@code loop.set_task_factory(factory)}.
     */
    void setTaskFactory(TaskFactory factory);

    /**
     * The installed task factory, or null.
     *
     * @apiNote asyncio: {@code loop.get_task_factory()}.
     */
    TaskFactory getTaskFactory();

    /**
     * The coroutine engine of this loop's tasks: {@code "continuation"} or {@code "handoff"}.
     *
     * @apiNote asyncio: no counterpart.
     */
    String engineName();

    // ---- futures and executors

    /**
     * A new pending future bound to this loop.
     *
     * @apiNote asyncio: {@code loop.create_future()}.
     */
    <T> Future<T> createFuture();

    /**
     * A loop future that completes (on this loop) when {@code stage} completes on any thread;
     * cancelling it cancels {@code stage} if that is a {@link java.util.concurrent.Future}.
     *
     * @apiNote asyncio: {@code asyncio.wrap_future(fut, loop=loop)}.
     */
    <T> Future<T> wrapFuture(CompletionStage<T> stage);

    /**
     * Runs {@code function} on {@code executor} ({@code null}: the default executor) and returns
     * a loop future of its result. Cancelling the future before the function starts keeps it from
     * running; a function already running is not interrupted.
     *
     * @throws IllegalStateException if {@code executor} is null and the default executor was shut down
     * @apiNote asyncio: {@code loop.run_in_executor(executor, func)}.
     */
    <T> Future<T> runInExecutor(Executor executor, Callable<T> function);

    /**
     * Replaces the default executor of {@link #runInExecutor} calls that name no executor.
     *
     * @apiNote asyncio: {@code loop.set_default_executor(executor)}.
     */
    void setDefaultExecutor(ExecutorService executor);

    /**
     * Shuts the default executor down and returns a future that completes once its threads have
     * finished, or once {@code timeout} has passed (then a warning is logged).
     *
     * @apiNote asyncio: {@code loop.shutdown_default_executor(timeout)}.
     */
    Future<Void> shutdownDefaultExecutor(Duration timeout);

    // ---- error handling

    /**
     * Installs {@code handler} for errors nobody else can take ({@code null}: the default).
     *
     * @apiNote asyncio: {@code loop.set_exception_handler(handler)}.
     */
    void setExceptionHandler(ExceptionHandler handler);

    /**
     * The installed handler, or null when the default one is in use.
     *
     * @apiNote asyncio: {@code loop.get_exception_handler()}.
     */
    ExceptionHandler getExceptionHandler();

    /**
     * The default behaviour: logs the message, the exception and the other context entries
     * through {@link System.Logger} {@code dev.jasyncio} at ERROR.
     *
     * @apiNote asyncio: {@code loop.default_exception_handler(context)}.
     */
    void defaultExceptionHandler(ExceptionContext context);

    /**
     * Reports an error to the installed handler (or the default). Never throws: a failing handler
     * is itself reported to the default handler.
     *
     * @apiNote asyncio: {@code loop.call_exception_handler(context)}.
     */
    void callExceptionHandler(ExceptionContext context);

    // ---- debug mode

    /**
     * Turns debug mode on or off: thread checks on every non-thread-safe call and a warning for
     * every callback slower than {@link #slowCallbackDuration()}. The default comes from
     * {@code -Djasyncio.debug=true}.
     *
     * @apiNote asyncio: {@code loop.set_debug(enabled)}.
     */
    void setDebug(boolean enabled);

    /**
     * Whether debug mode is on.
     *
     * @apiNote asyncio: {@code loop.get_debug()}.
     */
    boolean isDebug();

    /**
     * Callbacks that run longer than this are logged in debug mode (default 100 ms).
     *
     * @apiNote asyncio: {@code loop.slow_callback_duration}.
     */
    Duration slowCallbackDuration();

    /**
     * Sets the slow-callback threshold.
     *
     * @apiNote asyncio: assignment to {@code loop.slow_callback_duration}.
     */
    void setSlowCallbackDuration(Duration threshold);

    // ---- backend

    /**
     * The name of the backend that made this loop's driver ({@code "core"}, {@code "nio"},
     * {@code "epoll"}…).
     *
     * @apiNote asyncio: no counterpart.
     */
    String providerName();

    /**
     * The loop's I/O driver, for backends and integrations (e.g. to reach the Netty event loop).
     *
     * @apiNote asyncio: no counterpart.
     */
    IoDriver ioDriver();
}
