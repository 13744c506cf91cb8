package dev.jasyncio.testing;

import dev.jasyncio.CancelledError;
import dev.jasyncio.EventLoop;
import dev.jasyncio.ExceptionContext;
import dev.jasyncio.ExceptionHandler;
import dev.jasyncio.Future;
import dev.jasyncio.Task;
import dev.jasyncio.debug.LoopDeadlockException;
import dev.jasyncio.debug.TaskDump;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;
import org.opentest4j.AssertionFailedError;

/**
 * One run of a {@link LoopTest} method. The loop runs on a thread of its own (8 MiB of stack, as
 * loop threads want), which also checks what the test left and closes the loop; the JUnit thread
 * only waits, so that a test stuck in a blocking call can still fail with the task dump taken
 * when its time ran out (the stuck thread is then left behind, as JUnit's own
 * {@code SEPARATE_THREAD} timeouts do).
 */
final class TestRun {
    /** How long tasks get to end once cancelled, at the time limit or after the test. */
    private static final long GRACE_MILLIS = 2_000;
    private static final long LOOP_STACK_BYTES = 8L << 20;

    private final EventLoop loop;
    private final LoopTest spec;
    private final String testName;
    private final Recorder recorder = new Recorder();
    private volatile boolean timedOut;

    TestRun(EventLoop loop, LoopTest spec, String testName) {
        this.loop = loop;
        this.spec = spec;
        this.testName = testName;
    }

    /** Runs the test; throws its failure, with the others suppressed in it. */
    void run(Invocation<Void> invocation) throws Throwable {
        CompletableFuture<Void> finished = new CompletableFuture<>();
        Thread runner = Thread.ofPlatform().name("loop-test: " + testName).daemon().stackSize(LOOP_STACK_BYTES)
            .start(() -> {
                Throwable failure = body(invocation);
                if (failure == null) {
                    finished.complete(null);
                } else {
                    finished.completeExceptionally(failure);
                }
            });
        try {
            finished.get(spec.timeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        } catch (TimeoutException e) {
            throw timeLimitReached(finished, runner);
        }
    }

    /** On the runner thread: the test as a task, then the checks and the close; the failures, combined. */
    private Throwable body(Invocation<Void> invocation) {
        List<Throwable> failures = new ArrayList<>();
        loop.setExceptionHandler(recorder);
        try {
            Task<Void> main = loop.createTask(() -> {
                proceed(invocation);
                return null;
            }, "test");
            loop.runUntilComplete(main);
        } catch (CancelledError c) {
            if (!timedOut) {
                failures.add(c);
            }
        } catch (CompletionException e) {
            failures.add(e.getCause() != null ? e.getCause() : e);
        } catch (Throwable t) {
            failures.add(t);
        }
        try {
            leftovers(failures);
        } catch (Throwable t) {
            failures.add(t);
        }
        try {
            loop.close();
        } catch (Throwable t) {
            failures.add(t);
        }
        if (loop.getExceptionHandler() == recorder) {
            for (ExceptionContext r : recorder.reports) {
                failures.add(new AssertionFailedError("The loop reported an error nobody handled: " + r.message(), r.exception()));
            }
        }
        return combine(failures);
    }

    private static void proceed(Invocation<Void> invocation) throws Exception {
        try {
            invocation.proceed();
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new CompletionException(t);
        }
    }

    /** Fails on tasks the test left running (a deadlock has listed them already), then cancels them and lets them end. */
    private void leftovers(List<Throwable> failures) {
        TaskDump dump = TaskDump.of(loop);
        if (dump.tasks().isEmpty() || timedOut) {
            return;
        }
        int n = dump.tasks().size();
        if (!(!failures.isEmpty() && failures.get(0) instanceof LoopDeadlockException)) {
            failures.add(new AssertionFailedError("The test left " + n + " task" + (n == 1 ? "" : "s")
                + " running (await or cancel them before it ends):\n" + dump.toText()));
        }
        List<Task<?>> tasks = dump.tasks().stream().<Task<?>>map(t -> t.task()).toList();
        Future<Void> allEnded = loop.createFuture();
        int[] left = {tasks.size()};
        for (Task<?> t : tasks) {
            t.addDoneCallback(done -> {
                if (--left[0] == 0) {
                    allEnded.setResult(null);
                }
            });
            t.cancel();
        }
        CompletableFuture<Void> ended = new CompletableFuture<>();
        CompletableFuture.delayedExecutor(GRACE_MILLIS, TimeUnit.MILLISECONDS).execute(() -> {
            if (!ended.isDone() && !loop.isClosed()) {
                loop.callSoonThreadsafe(loop::stop);
            }
        });
        try {
            loop.runUntilComplete(allEnded);
        } catch (IllegalStateException stopped) {
            failures.add(new AssertionFailedError("The tasks the test left did not end within " + GRACE_MILLIS
                + " ms of being cancelled:\n" + TaskDump.of(loop).toText()));
        } finally {
            ended.complete(null);
        }
    }

    /** On the JUnit thread: the dump now, then cancel everything, then the failure. */
    private AssertionFailedError timeLimitReached(CompletableFuture<Void> finished, Thread runner) {
        timedOut = true;
        String dump = TaskDump.dumpThreadsafe(loop, Duration.ofMillis(GRACE_MILLIS));
        try {
            loop.callSoonThreadsafe(() -> TaskDump.of(loop).tasks().forEach(t -> t.task().cancel()));
        } catch (IllegalStateException closed) {
            // The test ended just now.
        }
        AssertionFailedError failure = new AssertionFailedError("The test did not finish within " + spec.timeoutMillis()
            + " ms of real time (@LoopTest(timeoutMillis)). Its tasks then:\n" + dump);
        try {
            finished.get(GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            failure.addSuppressed(e.getCause());
        } catch (TimeoutException e) {
            AssertionError stuck = new AssertionError("The loop thread did not respond to cancellation within "
                + GRACE_MILLIS + " ms and was left behind; it was at:");
            stuck.setStackTrace(runner.getStackTrace());
            failure.addSuppressed(stuck);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return failure;
    }

    private static Throwable combine(List<Throwable> failures) {
        if (failures.isEmpty()) {
            return null;
        }
        Throwable first = failures.get(0);
        for (Throwable t : failures.subList(1, failures.size())) {
            if (t != first) {
                first.addSuppressed(t);
            }
        }
        return first;
    }

    /** The loop's exception handler during the test: keeps every report. */
    private static final class Recorder implements ExceptionHandler {
        final Queue<ExceptionContext> reports = new ConcurrentLinkedQueue<>();

        @Override
        public void handle(EventLoop loop, ExceptionContext context) {
            reports.add(context);
        }

        @Override
        public String toString() {
            return "LoopTest.Recorder";
        }
    }
}
