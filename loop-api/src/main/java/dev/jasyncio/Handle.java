package dev.jasyncio;

/**
 * A callback scheduled on an event loop; {@link #cancel()} stops it from running.
 *
 * <p>Loop thread only (or any thread while the loop is not running). Handles are made by the
 * loop ({@link EventLoop#callSoon}); there is no public constructor.
 *
 * @apiNote asyncio: {@code asyncio.Handle}.
 */
public sealed class Handle permits TimerHandle, DoneCallbackHandle, StepHandle {

    /**
     * The callback; null once cancelled (a cancelled handle holds on to nothing and never runs).
     * No separate flag: a handle is three references, 24 bytes (W1 allocates one per callback).
     */
    private Runnable callback;
    /** The context variables the callback runs with: those current when it was scheduled. */
    final PersistentMap context;
    /** Link used only while the handle sits in the cross-thread {@link Inbox}; see there. */
    volatile Handle inboxNext;

    Handle(Runnable callback, PersistentMap context) {
        this.callback = callback;
        this.context = context;
    }

    /**
     * Prevents the callback from running if it has not run yet. Does nothing if it already ran or
     * was cancelled.
     *
     * @apiNote asyncio: {@code Handle.cancel()}.
     */
    public void cancel() {
        callback = null;
    }

    /**
     * Whether {@link #cancel()} was called.
     *
     * @apiNote asyncio: {@code Handle.cancelled()}.
     */
    public boolean isCancelled() {
        return callback == null;
    }

    /** Runs the callback. Called only by the loop core, and only if not cancelled. */
    void run() {
        callback.run();
    }

    /** What the callback is, for logs and the slow-callback warning. */
    String describe() {
        Runnable cb = callback;
        return cb == null ? "cancelled" : cb.toString();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + describe() + "]";
    }
}
