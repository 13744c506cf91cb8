package dev.jasyncio.conformance.jobs;

import static dev.jasyncio.conformance.jobs.SchedulerTest.ticks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.AsyncTimeoutException;
import dev.jasyncio.CancelledError;
import dev.jasyncio.ExceptionContext;
import dev.jasyncio.Future;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.Task;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.Tasks;
import dev.jasyncio.jobs.Job;
import dev.jasyncio.jobs.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of {@link Job}: its lifecycle, waitFor and close. */
@Conformance
class JobTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration MS = Duration.ofMillis(1);

    /** A job is pending until a slot is free, active while its task runs, closed once it has ended. */
    @Test
    void jobStatesFollowItsLifecycle(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Scheduler s = Scheduler.builder().limit(1).create();
            Future<Void> gate = s.getLoop().createFuture();
            Job<Void> a = s.spawn(() -> Async.await(gate));
            Job<String> b = s.spawn(() -> Async.currentTask().getName(), "worker");
            assertTrue(a.isActive());
            assertFalse(a.isPending());
            assertTrue(b.isPending());
            assertFalse(b.isActive());
            assertEquals("worker", b.getName());
            assertTrue(a.getName().startsWith("Job-"), a.getName());
            b.setName("renamed");
            gate.setResult(null);
            assertEquals("renamed", b.waitFor());
            assertTrue(a.isClosed());
            assertTrue(b.isClosed());
            assertFalse(b.isActive());
            s.close();
            return null;
        });
    }

    /** waitFor returns the value, also for a job that was pending when the wait began; again once it is done. */
    @Test
    void waitForReturnsTheValueOfAJobThatStartsLater(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Scheduler s = Scheduler.builder().limit(1).create();
            s.spawn(() -> {
                Async.sleep(MS);
                return null;
            });
            Job<Integer> j = s.spawn(() -> 7);
            assertTrue(j.isPending());
            assertEquals(7, j.waitFor(Duration.ofSeconds(10)));
            assertEquals(7, j.waitFor());
            s.close();
            return null;
        });
    }

    /** When waitFor's time is up the job is closed (cancelled and waited for) and AsyncTimeoutException is thrown. */
    @Test
    void waitForTimeoutClosesTheJob(LoopFactory factory) {
        List<ExceptionContext> reports = new ArrayList<>();
        Tasks.run(factory, () -> {
            Scheduler s = Scheduler.builder().exceptionHandler((sch, c) -> reports.add(c)).create();
            boolean[] cleaned = {false};
            Job<Void> j = s.spawn(() -> {
                try {
                    Async.sleep(HOUR);
                } finally {
                    cleaned[0] = true;
                }
                return null;
            });
            assertThrows(AsyncTimeoutException.class, () -> j.waitFor(Duration.ofMillis(5)));
            assertTrue(j.isClosed());
            assertTrue(cleaned[0]);
            assertEquals(0, s.activeCount());
            assertThrows(CancelledError.class, j::waitFor);
            s.close();
            return null;
        });
        assertEquals(List.of(), reports);
    }

    /** A pending job whose waitFor times out is closed before it starts, and leaves the line. */
    @Test
    void waitForTimeoutClosesAPendingJobBeforeItStarts(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Scheduler s = Scheduler.builder().limit(1).create();
            Future<Void> gate = s.getLoop().createFuture();
            Job<Void> a = s.spawn(() -> Async.await(gate));
            boolean[] ran = {false};
            Job<Boolean> b = s.spawn(() -> ran[0] = true);
            assertThrows(AsyncTimeoutException.class, () -> b.waitFor(Duration.ofMillis(2)));
            assertTrue(b.isClosed());
            assertEquals(0, s.pendingCount());
            gate.setResult(null);
            a.waitFor();
            ticks(3);
            assertFalse(ran[0]);
            s.close();
            return null;
        });
    }

    /** Cancelling the task in waitFor leaves the job running; the job's value is still there for others. */
    @Test
    void cancellingAWaiterLeavesTheJobRunning(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Scheduler s = Scheduler.create();
            Future<String> gate = s.getLoop().createFuture();
            Job<String> j = s.spawn(() -> Async.await(gate));
            Task<String> waiter = Async.createTask(j::waitFor);
            ticks(3);
            waiter.cancel();
            assertThrows(CancelledError.class, () -> Async.await(waiter));
            ticks(2);
            assertTrue(j.isActive());
            assertFalse(gate.isCancelled());
            gate.setResult("v");
            assertEquals("v", j.waitFor());
            s.close();
            return null;
        });
    }

    /** An error that arrives after the only waiter was cancelled is reported, once. */
    @Test
    void errorAfterTheOnlyWaiterWasCancelledIsReported(LoopFactory factory) {
        List<ExceptionContext> reports = new ArrayList<>();
        RuntimeException boom = new IllegalStateException("boom");
        Tasks.run(factory, () -> {
            Scheduler s = Scheduler.builder().exceptionHandler((sch, c) -> reports.add(c)).create();
            Future<Void> gate = s.getLoop().createFuture();
            Job<Void> j = s.spawn(() -> {
                Async.await(gate);
                throw boom;
            });
            Task<Void> waiter = Async.createTask(j::waitFor);
            ticks(3);
            waiter.cancel();
            assertThrows(CancelledError.class, () -> Async.await(waiter));
            gate.setResult(null);
            while (!j.isClosed()) {
                ticks(1);
            }
            s.close();
            return null;
        });
        assertEquals(1, reports.size());
        assertSame(boom, reports.get(0).exception());
    }

    /** close cancels the job and returns once its task has ended; waitFor then throws CancelledError. */
    @Test
    void closeCancelsTheJobAndWaitsForItToEnd(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Scheduler s = Scheduler.create();
            boolean[] cleaned = {false};
            Job<Void> j = s.spawn(() -> {
                try {
                    Async.sleep(HOUR);
                } finally {
                    Async.sleep(MS);
                    cleaned[0] = true;
                }
                return null;
            });
            ticks(2);
            j.close();
            assertTrue(cleaned[0]);
            assertTrue(j.isClosed());
            assertEquals(0, s.activeCount());
            j.close();
            assertThrows(CancelledError.class, j::waitFor);
            s.close();
            return null;
        });
    }

    /** Closing a pending job never starts it and frees its place in the line. */
    @Test
    void closingAPendingJobNeverStartsIt(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Scheduler s = Scheduler.builder().limit(1).create();
            Future<Void> gate = s.getLoop().createFuture();
            Job<Void> a = s.spawn(() -> Async.await(gate));
            boolean[] ran = {false};
            Job<Boolean> b = s.spawn(() -> ran[0] = true);
            b.close();
            assertTrue(b.isClosed());
            assertFalse(b.isPending());
            assertEquals(0, s.pendingCount());
            assertEquals(1, s.jobs().size());
            gate.setResult(null);
            a.waitFor();
            ticks(3);
            assertFalse(ran[0]);
            assertTrue(s.jobs().isEmpty());
            s.close();
            return null;
        });
    }

    /** close throws the error the job ends with, and it is not reported. */
    @Test
    void closeThrowsTheJobsErrorWithoutReportingIt(LoopFactory factory) {
        List<ExceptionContext> reports = new ArrayList<>();
        Tasks.run(factory, () -> {
            Scheduler s = Scheduler.builder().exceptionHandler((sch, c) -> reports.add(c)).create();
            Job<Void> j = s.spawn(() -> {
                try {
                    Async.sleep(HOUR);
                } catch (CancelledError e) {
                    throw new IllegalArgumentException("cleanup failed");
                }
                return null;
            });
            ticks(2);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, j::close);
            assertEquals("cleanup failed", e.getMessage());
            s.close();
            return null;
        });
        assertEquals(List.of(), reports);
    }

    /** close throws AsyncTimeoutException when the job outlives the timeout; that is not reported. */
    @Test
    void closeTimesOutWhenTheJobIgnoresCancellation(LoopFactory factory) {
        List<ExceptionContext> reports = new ArrayList<>();
        Tasks.run(factory, () -> {
            Scheduler s = Scheduler.builder().exceptionHandler((sch, c) -> reports.add(c)).create();
            Job<Void> j = s.spawn(() -> {
                try {
                    Async.sleep(HOUR);
                } catch (CancelledError first) {
                    Async.sleep(HOUR);
                }
                return null;
            });
            ticks(2);
            assertThrows(AsyncTimeoutException.class, () -> j.close(Duration.ofMillis(5)));
            assertTrue(j.isClosed());
            assertThrows(CancelledError.class, () -> j.waitFor(Duration.ofSeconds(5)));
            s.close();
            return null;
        });
        assertEquals(List.of(), reports);
    }

    /** A task cancelled while it closes a job gets CancelledError; the job goes on ending on its own. */
    @Test
    void cancellingTheClosingTaskPropagates(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Scheduler s = Scheduler.create();
            Future<Void> release = s.getLoop().createFuture();
            Job<Void> j = s.spawn(() -> {
                try {
                    Async.sleep(HOUR);
                } catch (CancelledError first) {
                    Async.await(release);
                }
                return null;
            });
            ticks(2);
            Task<Void> closer = Async.createTask(() -> {
                j.close(null);
                return null;
            });
            ticks(3);
            closer.cancel();
            assertThrows(CancelledError.class, () -> Async.await(closer));
            assertTrue(j.isClosed());
            release.setResult(null);
            assertNull(j.waitFor(Duration.ofSeconds(5)), "the job swallowed its cancellation and returned");
            s.close();
            return null;
        });
    }

    /** A job waiting for itself is refused, since the wait could never end. */
    @Test
    void jobCannotWaitForItself(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Scheduler s = Scheduler.create();
            List<Job<String>> self = new ArrayList<>();
            Job<String> j = s.spawn(() -> {
                ticks(1);
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> self.get(0).waitFor());
                return e.getMessage();
            });
            self.add(j);
            assertTrue(j.waitFor().contains("itself"));
            s.close();
            return null;
        });
    }
}
