package dev.jasyncio.conformance.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.ExceptionContext;
import dev.jasyncio.Future;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.Runner;
import dev.jasyncio.Task;
import dev.jasyncio.conformance.Conformance;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Strong ownership of tasks and the "no exception is ever lost" rule. */
@Conformance
class TaskOwnershipTest {

    private static Runner newRunner(LoopFactory factory, List<ExceptionContext> reports) {
        Runner r = new Runner(factory);
        r.getLoop().setExceptionHandler((loop, ctx) -> reports.add(ctx));
        return r;
    }

    /** A task nobody references survives garbage collection and runs to its end. */
    @Test
    void anUnreferencedTaskRunsToItsEnd(LoopFactory factory) {
        List<String> log = new ArrayList<>();
        try (Runner r = newRunner(factory, new ArrayList<>())) {
            r.run(() -> {
                Async.createTask(() -> {
                    Async.sleep(Duration.ofMillis(20));
                    log.add("fire-and-forget finished");
                    return null;
                });
                for (int i = 0; i < 3; i++) {
                    System.gc();
                    Async.sleep(Duration.ofMillis(10));
                }
                Async.sleep(Duration.ofMillis(30));
                return null;
            });
        }
        assertEquals(List.of("fire-and-forget finished"), log);
    }

    /** An exception nobody retrieved is reported when the loop closes, naming the task. */
    @Test
    void unretrievedExceptionIsReportedAtClose(LoopFactory factory) {
        List<ExceptionContext> reports = new ArrayList<>();
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        try (Runner r = newRunner(factory, reports)) {
            r.run(() -> {
                Task<Void> t = Async.createTask(() -> {
                    throw boom;
                }, "failing");
                Async.sleep(Duration.ZERO);
                Async.sleep(Duration.ZERO);
                assertTrue(t.isDone());
                return null;
            });
            assertTrue(reports.isEmpty(), "not reported while the task is still referenced and the loop open");
        }
        assertEquals(1, reports.size(), reports.toString());
        assertSame(boom, reports.get(0).exception());
        assertTrue(reports.get(0).message().contains("failing"), reports.get(0).message());
    }

    /** Retrieving the exception (here by await) silences the report. */
    @Test
    void retrievedExceptionIsNotReported(LoopFactory factory) {
        List<ExceptionContext> reports = new ArrayList<>();
        try (Runner r = newRunner(factory, reports)) {
            r.run(() -> {
                Task<Void> t = Async.createTask(() -> {
                    throw new IllegalStateException("seen");
                });
                try {
                    Async.await(t);
                } catch (IllegalStateException expected) {
                    // retrieved
                }
                return null;
            });
        }
        assertTrue(reports.isEmpty(), reports.toString());
    }

    /** A failed task that is garbage collected is reported while the loop still runs. */
    @Test
    void unretrievedExceptionIsReportedWhenTheTaskIsCollected(LoopFactory factory) {
        List<ExceptionContext> reports = new CopyOnWriteArrayList<>();
        try (Runner r = newRunner(factory, reports)) {
            r.run(() -> {
                WeakReference<Task<Void>> ref = new WeakReference<>(Async.createTask(() -> {
                    throw new UnsupportedOperationException("collected");
                }));
                Async.sleep(Duration.ZERO);
                Async.sleep(Duration.ZERO);
                for (int i = 0; i < 200 && reports.isEmpty(); i++) {
                    System.gc();
                    Async.sleep(Duration.ofMillis(5));
                }
                assertTrue(ref.get() == null, "the task was collected");
                return null;
            });
            assertEquals(1, reports.size(), reports.toString());
            assertTrue(reports.get(0).exception() instanceof UnsupportedOperationException);
        }
    }

    /** Async.run cancels leftover tasks and waits for them, so their finally blocks run. */
    @Test
    void runCancelsLeftoverTasksAndRunsTheirFinallyBlocks(LoopFactory factory) {
        List<String> log = new ArrayList<>();
        Async.run(() -> {
            Async.createTask(() -> {
                try {
                    Async.sleep(Duration.ofHours(1));
                } finally {
                    log.add("cleaned up");
                }
                return null;
            });
            Async.sleep(Duration.ZERO);
            return null;
        }, factory);
        assertEquals(List.of("cleaned up"), log);
    }

    /** A task still pending when a loop is closed directly is reported with its name. */
    @Test
    void pendingTaskAtCloseIsReported(LoopFactory factory) {
        List<ExceptionContext> reports = new ArrayList<>();
        EventLoop loop = factory.newEventLoop();
        loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
        loop.createTask(() -> {
            Async.sleep(Duration.ofHours(1));
            return null;
        }, "sleeper");
        Future<Void> f = loop.createFuture();
        loop.callLater(Duration.ofMillis(5), () -> f.setResult(null));
        loop.runUntilComplete(f);
        loop.close();
        assertEquals(1, reports.size(), reports.toString());
        assertTrue(reports.get(0).message().contains("sleeper"));
        assertTrue(reports.get(0).exception().getStackTrace().length > 0, "the suspended stack is attached");
    }
}
