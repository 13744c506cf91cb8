package dev.jasyncio.sync;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.CancelledError;
import dev.jasyncio.Coroutine;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.Task;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Test plumbing shared by the sync and queue tests: run on a core loop with a chosen engine. */
public final class OnLoop {
    private OnLoop() {}

    /** A test run once per coroutine engine; the method takes the engine name. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"continuation", "handoff"})
    public @interface BothEngines {}

    /** Runs {@code main} with Async.run on the core loop, with the given engine. */
    public static <T> T run(String engine, Coroutine<T> main) {
        String old = System.getProperty("jasyncio.engine");
        System.setProperty("jasyncio.engine", engine);
        try {
            return Async.run(main, LoopFactory.byName("core"));
        } finally {
            if (old == null) {
                System.clearProperty("jasyncio.engine");
            } else {
                System.setProperty("jasyncio.engine", old);
            }
        }
    }

    /**
     * Lets the loop run enough iterations for every task that can make progress to do so and
     * block again; enough for the short hand-over chains these tests build.
     */
    public static void settle() {
        for (int i = 0; i < 30; i++) {
            Async.sleep(Duration.ZERO);
        }
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

    /** Asserts that {@code task} is done (not stranded) and ended cancelled. */
    public static void assertCancelled(Task<?> task) {
        assertTrue(task.isDone(), () -> task + " is stranded");
        assertThrows(CancelledError.class, () -> Async.await(task));
    }

    /** Asserts that {@code task} is done (not stranded), and returns its value. */
    public static <T> T done(Task<T> task) {
        assertTrue(task.isDone(), () -> task + " is stranded");
        return Async.await(task);
    }
}
