package dev.jasyncio.spi;

/**
 * The I/O multiplexer under one event loop: the part of asyncio's loop that is a selector.
 *
 * <p>The loop core owns the ready queue and the timers and decides how long to wait; a driver
 * only waits for I/O (or a wakeup) and dispatches it. Every method except {@link #wakeup()} is
 * called on the loop thread only.
 *
 * @apiNote asyncio: the selector wrapped by {@code BaseSelectorEventLoop}; no public counterpart.
 */
public interface IoDriver {

    /** Wait value meaning "block until I/O arrives or {@link #wakeup()} is called". */
    long FOREVER = Long.MAX_VALUE;

    /**
     * Binds the driver to the thread that is about to run the loop. Called at the start of every
     * run on that thread, before the first {@link #poll}.
     *
     * @throws IllegalStateException if the driver can only ever run on another thread
     */
    void bind(Thread loopThread);

    /**
     * Called when a run ends on the bound thread, so the driver can undo per-run thread state.
     */
    void unbind();

    /**
     * Polls for I/O and runs the I/O handlers that are ready. Returns after at most
     * {@code waitNanos} (0: do not block; {@link #FOREVER}: no limit), earlier on I/O or on
     * {@link #wakeup()}. Never returns before its wait merely to save work: the core relies on
     * it for the "timers never fire early" rule only through its own clock, so returning early
     * is allowed but costs a spin.
     *
     * <p>A driver that blocks must ask {@link Host#canBlock()} right before it blocks: the
     * core's cross-thread inbox may have been filled after the wait was computed.
     */
    void poll(long waitNanos);

    /**
     * Whether I/O may still arrive: something is registered that a later {@link #poll} could
     * find ready (a socket, a server, a pipe). A driver that cannot tell says true (the default).
     * Loop thread only. Test loops use it to tell a deadlock from a wait for I/O.
     */
    default boolean mayReceiveIo() {
        return true;
    }

    /** Any thread: makes a blocked or the next {@link #poll} return promptly. */
    void wakeup();

    /** Releases the driver's resources. Called once, on the loop thread or while no thread runs the loop. */
    void close();

    /**
     * What the loop core tells its driver.
     */
    interface Host {
        /**
         * True when nothing waits for the loop: no ready callback, nothing in the cross-thread
         * inbox, no stop pending, and no thread has claimed the wake-up of this sleep (it may
         * have come before the driver could keep it). A driver asks this right before it
         * blocks, after it has made sure that a {@link IoDriver#wakeup()} from then on will wake
         * it. Loop thread only (it reads the loop's confined queues).
         */
        boolean canBlock();

        /** The loop that owns the driver. */
        dev.jasyncio.EventLoop loop();
    }
}
