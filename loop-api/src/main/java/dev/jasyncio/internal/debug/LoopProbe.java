package dev.jasyncio.internal.debug;

import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.Task;
import java.util.List;

/**
 * What the debugging tools read from a loop; implemented by the loop core only. Not API.
 *
 * <p>The methods marked "any thread" are racy samples of fields the loop thread writes without
 * synchronization ({@link #waitingSince()} is volatile, {@link #iterations()} an opaque read):
 * they are for monitoring, exact only on the loop thread.
 */
public interface LoopProbe {

    /** The loop itself. */
    EventLoop loop();

    /** A name unique in this JVM: the backend and a sequence number, e.g. {@code core-3}. */
    String loopId();

    /** Any thread: the thread running the loop, or null when it is not running. */
    Thread runningThread();

    /** Any thread: iterations run so far; the loop writes it once per iteration. */
    long iterations();

    /** Any thread: {@link System#nanoTime()} when the loop blocked in its driver, 0 while it does not. */
    long waitingSince();

    /** Any thread: the handle or task whose callback or step runs now, or null. */
    Object runningStep();

    /** Any thread: the thread that runs the current step's code (a task's own thread under the hand-off engine). */
    Thread stepThread();

    /** Any thread: callbacks in the ready queue (approximate off the loop thread). */
    int readyDepth();

    /** Any thread: tasks not done. */
    int liveTasks();

    /** Any thread: time spent running, outside blocking waits in the driver, in nanoseconds. */
    long busyNanos();

    /** Any thread: time spent blocked in the driver, in nanoseconds. */
    long idleNanos();

    /** Any thread: whether debug mode is on. */
    boolean debugMode();

    /** Loop thread: the tasks not done, oldest first. */
    List<Task<?>> liveTaskList();

    /** Loop thread: created, running, suspended, ready or done. */
    String taskState(Task<?> task);

    /** Loop thread: the stack where {@code task} was created (debug mode only), else null. */
    StackTraceElement[] creationSite(Task<?> task);

    /** Loop thread: the futures that wait for {@code future} through a combinator (gather, shield, wait, task group). */
    List<Future<?>> awaitedBy(Future<?> future);

    /** Any thread: whether the caller may use the loop-thread methods now (its loop thread, or the loop is not running). */
    boolean inLoopThread();

    /** Any thread: whether a JFR recording wants callbacks and task steps timed. */
    void setJfrTiming(boolean timing);

    /** Before the loop first runs: makes {@code clock} the loop's clock (see {@link LoopClock}). */
    void installClock(LoopClock clock);

    /** The clock installed by {@link #installClock}, or null. */
    LoopClock installedClock();

    /** Any thread: the watchdog threshold set for this loop: 0 for the default, negative for off. */
    long watchdogThresholdNanos();

    /** Any thread: sets the watchdog threshold (0: the default, negative: off). */
    void setWatchdogThresholdNanos(long nanos);
}
