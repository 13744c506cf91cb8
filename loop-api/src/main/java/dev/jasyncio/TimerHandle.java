package dev.jasyncio;

/**
 * A callback scheduled for a point in the loop's time ({@link EventLoop#callAt},
 * {@link EventLoop#callLater}). Cancelling it removes it from the loop's timer heap at once.
 *
 * <p>Loop thread only (or any thread while the loop is not running).
 *
 * @apiNote asyncio: {@code asyncio.TimerHandle}. {@link #when()} is in nanoseconds of
 *     {@link EventLoop#time()}, where asyncio uses float seconds.
 */
public final class TimerHandle extends Handle {

    /** Deadline on the loop's clock, in nanoseconds. */
    final long whenNanos;
    /** Tie-breaker: timers with equal deadlines run in the order they were scheduled. */
    final long sequence;
    /** The loop whose heap holds this timer, to remove it on cancel. */
    private final LoopCore loop;
    /** Position in {@link TimerHeap}, or -1 when not in the heap. Maintained by the heap only. */
    int heapIndex = -1;

    TimerHandle(LoopCore loop, long whenNanos, long sequence, Runnable callback, PersistentMap context) {
        super(callback, context);
        this.loop = loop;
        this.whenNanos = whenNanos;
        this.sequence = sequence;
    }

    /**
     * The deadline, in nanoseconds of {@link EventLoop#time()}.
     *
     * @apiNote asyncio: {@code TimerHandle.when()}.
     */
    public long when() {
        return whenNanos;
    }

    @Override
    public void cancel() {
        if (!isCancelled()) {
            super.cancel();
            loop.timerCancelled(this);
        }
    }

    boolean isBefore(TimerHandle other) {
        // Subtraction, not <, so that the ordering survives nanoTime wrap-around.
        long d = whenNanos - other.whenNanos;
        return d < 0 || (d == 0 && sequence < other.sequence);
    }

    @Override
    String describe() {
        return super.describe() + " when=" + whenNanos;
    }
}
