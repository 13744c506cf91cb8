package dev.jasyncio.internal.debug;

/**
 * A clock that the test support ({@code dev.jasyncio.debug.TestLoops}) installs in a loop:
 * virtual time, deadlock detection, running until idle. Not API. A loop without one reads
 * {@link System#nanoTime()} and never calls {@link #idle}.
 */
public interface LoopClock {

    /** Any thread: the loop's time in nanoseconds ({@code loop.time()}). */
    long nanoTime();

    /**
     * Loop thread: the loop has nothing to run now. Its ready queue and inbox are empty after a
     * non-blocking poll of the driver, and no timer is due. The clock may move on to the next
     * timer, stop the loop, or throw (the loop can never wake up again); the loop then runs or
     * blocks as told.
     *
     * @param hasTimer whether a timer is scheduled
     * @param nextTimer its deadline on this clock, when there is one
     * @param owed results other threads owe the loop (wrapped futures not yet done: executor
     *     jobs, {@code toThread}); each will arrive through the inbox
     * @param mayReceiveIo whether the driver may still deliver I/O
     * @return how long to block in the driver, in real nanoseconds: 0 to run an iteration now,
     *     {@code IoDriver.FOREVER} to wait for I/O or another thread
     */
    long idle(LoopProbe loop, boolean hasTimer, long nextTimer, int owed, boolean mayReceiveIo);
}
