package dev.jasyncio.conformance;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.CancelledError;
import dev.jasyncio.Coroutine;
import dev.jasyncio.EventLoop;
import dev.jasyncio.ExceptionContext;
import dev.jasyncio.ExceptionHandler;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.Task;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Test plumbing for the task-level conformance tests (tasks, context, sync, queue, gen, jobs,
 * combinators): run a body as the main task of a new loop of the injected {@link LoopFactory},
 * which is already bound to the backend and coroutine engine under test, and let the loop turn.
 *
 * <p>{@link #run(LoopFactory, Coroutine)} watches the loop's exception handler the way
 * {@link LoopUnderTest} watches the injected loop: a report nobody expected (an error never
 * retrieved, a callback that threw) fails the test. A body that installs a handler of its own
 * switches that check off.
 */
public final class Tasks {
    private Tasks() {}

    /**
     * Runs {@code main} with {@link Async#run(Coroutine, LoopFactory)} and returns its value; fails
     * if anything reached the loop's exception handler, up to and including the loop's close.
     */
    public static <T> T run(LoopFactory factory, Coroutine<T> main) {
        Recorder recorder = new Recorder();
        AtomicReference<EventLoop> used = new AtomicReference<>();
        T value = Async.run(() -> {
            EventLoop loop = Async.getRunningLoop();
            used.set(loop);
            loop.setExceptionHandler(recorder);
            return main.call();
        }, factory);
        if (used.get().getExceptionHandler() == recorder && !recorder.reports.isEmpty()) {
            AssertionError error = new AssertionError("The loop reported unexpected errors: " + List.copyOf(recorder.reports));
            for (ExceptionContext report : recorder.reports) {
                if (report.exception() != null) {
                    error.addSuppressed(report.exception());
                }
            }
            throw error;
        }
        return value;
    }

    /**
     * Runs {@code main} with {@link Async#run(Coroutine, LoopFactory)}, collecting what reaches the
     * loop's exception handler (up to and including the loop's close) into {@code reports}.
     */
    public static <T> T run(LoopFactory factory, List<ExceptionContext> reports, Coroutine<T> main) {
        return Async.run(() -> {
            Async.getRunningLoop().setExceptionHandler((l, ctx) -> {
                synchronized (reports) {
                    reports.add(ctx);
                }
            });
            return main.call();
        }, factory);
    }

    /**
     * The name of the coroutine engine ({@code "continuation"} or {@code "handoff"}) that the
     * loops of {@code factory} run their tasks on; for tests whose rule holds under one engine only.
     */
    public static String engineOf(LoopFactory factory) {
        EventLoop probe = factory.newEventLoop();
        try {
            return probe.engineName();
        } finally {
            probe.close();
        }
    }

    /** Gives up {@code n} loop iterations; inside a task. */
    public static void spin(int n) {
        for (int i = 0; i < n; i++) {
            Async.sleep(Duration.ZERO);
        }
    }

    /**
     * Lets the loop run enough iterations for every task that can make progress to do so and
     * block again; enough for the short hand-over chains the tests build. Inside a task.
     */
    public static void settle() {
        spin(30);
    }

    /** {@code millis} milliseconds. */
    public static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    /** Asserts that {@code task} is done (not stranded) and ended cancelled; inside a task. */
    public static void assertCancelled(Task<?> task) {
        assertTrue(task.isDone(), () -> task + " is stranded");
        assertThrows(CancelledError.class, () -> Async.await(task));
    }

    /** Asserts that {@code task} is done (not stranded), and returns its value; inside a task. */
    public static <T> T done(Task<T> task) {
        assertTrue(task.isDone(), () -> task + " is stranded");
        return Async.await(task);
    }

    /** The exception handler {@link #run(LoopFactory, Coroutine)} installs: keeps every report. */
    private static final class Recorder implements ExceptionHandler {
        final Queue<ExceptionContext> reports = new ConcurrentLinkedQueue<>();

        @Override
        public void handle(EventLoop loop, ExceptionContext context) {
            reports.add(context);
        }

        @Override
        public String toString() {
            return "Tasks.Recorder";
        }
    }
}
