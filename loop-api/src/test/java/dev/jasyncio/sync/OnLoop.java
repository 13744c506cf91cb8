package dev.jasyncio.sync;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import dev.jasyncio.LoopFactory;

/**
 * Plumbing of the allocation tests of sync and queue, which stay here rather than in the
 * conformance suite (loop-tests) because they count the bytes allocated by the loop thread, a
 * measure that only means something under the continuation engine, whose tasks run on that thread.
 */
public final class OnLoop {
    private OnLoop() {}

    /** Runs {@code main} with Async.run on the core loop, with the given engine. */
    public static <T> T run(String engine, Coroutine<T> main) {
        return Async.run(main, LoopFactory.byName("core", engine));
    }

    /**
     * Bytes the current thread allocates while running {@code body} (after one warm-up run), for
     * the continuation engine, whose tasks run on the loop thread itself.
     */
    public static long bytesAllocatedBy(Runnable body) {
        com.sun.management.ThreadMXBean mx =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        body.run();
        long before = mx.getCurrentThreadAllocatedBytes();
        body.run();
        return mx.getCurrentThreadAllocatedBytes() - before;
    }
}
