package dev.jasyncio.debug;

/**
 * The JMX view of one running loop, registered as {@code dev.jasyncio:type=Loop,name=<loopId>}
 * (e.g. {@code name=core-3}) within about a second of the loop starting, and unregistered when
 * it stops. Every operation is thread-safe: a task dump is made by the loop itself, asked through
 * {@code callSoonThreadsafe}, and waited for at most {@link #DUMP_TIMEOUT_SECONDS} seconds.
 * {@code -Djasyncio.jmx=false} turns registration off.
 *
 * <p>From a shell, e.g. with jmxterm: {@code run -b dev.jasyncio:type=Loop,name=core-1 dumpTasks}.
 *
 * @apiNote asyncio: no counterpart; the nearest is {@code python -m asyncio ps PID}, which reads
 *     another process's memory.
 */
public interface LoopMXBean {
    /** How long {@link #dumpTasks()} waits for a busy loop. */
    int DUMP_TIMEOUT_SECONDS = 5;

    /**
     * The loop's name, e.g. {@code core-3}.
     *
     * @apiNote asyncio: no counterpart.
     */
    String getLoopId();

    /**
     * The coroutine engine of the loop's tasks.
     *
     * @apiNote asyncio: no counterpart.
     */
    String getEngine();

    /**
     * Whether the loop is running.
     *
     * @apiNote asyncio: {@code loop.is_running()}.
     */
    boolean isRunning();

    /**
     * Whether debug mode is on.
     *
     * @apiNote asyncio: {@code loop.get_debug()}.
     */
    boolean isDebug();

    /**
     * See {@link LoopMetrics#iterations()}.
     *
     * @apiNote asyncio: no counterpart.
     */
    long getIterations();

    /**
     * See {@link LoopMetrics#busyTime()}, in milliseconds.
     *
     * @apiNote asyncio: no counterpart.
     */
    long getBusyMillis();

    /**
     * See {@link LoopMetrics#idleTime()}, in milliseconds.
     *
     * @apiNote asyncio: no counterpart.
     */
    long getIdleMillis();

    /**
     * See {@link LoopMetrics#readyQueueDepth()}.
     *
     * @apiNote asyncio: {@code len(loop._ready)}.
     */
    int getReadyQueueDepth();

    /**
     * See {@link LoopMetrics#liveTasks()}.
     *
     * @apiNote asyncio: {@code len(asyncio.all_tasks(loop))}.
     */
    int getLiveTasks();

    /**
     * The watchdog threshold in force in milliseconds, or -1 when the loop is not watched.
     *
     * @apiNote asyncio: no counterpart.
     */
    long getWatchdogThresholdMillis();

    /**
     * The task dump as text ({@link TaskDump#toText()}); if the loop does not answer in time,
     * a note saying so with the stack of its thread.
     *
     * @apiNote asyncio: {@code python -m asyncio pstree PID}.
     */
    String dumpTasks();

    /**
     * The task dump as JSON ({@link TaskDump#toJson()}); if the loop does not answer in time,
     * {@code {"loop": …, "error": …}}.
     *
     * @apiNote asyncio: {@code python -m asyncio ps PID --format json}.
     */
    String dumpTasksJson();
}
