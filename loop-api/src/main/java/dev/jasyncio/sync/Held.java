package dev.jasyncio.sync;

/**
 * A held lock or semaphore permit, for try-with-resources: {@link #close()} releases it.
 *
 * {@snippet :
 * try (var _ = lock.acquired()) {   // acquire() awaits here
 *     updateSharedState();
 * }                                 // release(), also when the block throws
 * }
 *
 * <p>It is the primitive's one shared object, not a per-acquisition ticket (so acquiring
 * allocates nothing): close it exactly once, as try-with-resources does.
 *
 * @apiNote asyncio: {@code async with lock:}; releasing never awaits, so the Java form is an
 *     ordinary {@link AutoCloseable}.
 */
@FunctionalInterface
public interface Held extends AutoCloseable {

    /**
     * Releases what {@code acquired()} acquired.
     *
     * @throws IllegalStateException if it is not held (a second close)
     */
    @Override
    void close();
}
