package dev.jasyncio.conformance.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.AsyncTimeoutException;
import dev.jasyncio.CancelledError;
import dev.jasyncio.ContextVar;
import dev.jasyncio.ExceptionContext;
import dev.jasyncio.Future;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.Task;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.Tasks;
import dev.jasyncio.debug.TestLoops;
import dev.jasyncio.debug.VirtualClock;
import dev.jasyncio.jobs.Job;
import dev.jasyncio.jobs.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of {@link Scheduler}: the limits, error reports, shields, closing. */
@Conformance
class SchedulerTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration MS = Duration.ofMillis(1);

    static void ticks(int n) {
        for (int i = 0; i < n; i++) {
            Async.sleep(Duration.ZERO);
        }
    }

    // ---- limit and pending line

    /** At most limit jobs run at once; pending jobs start in spawn order as active ones end. */
    @Test
    void limitIsNeverExceededAndPendingJobsStartInSpawnOrder(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Scheduler s = Scheduler.builder().limit(2).create();
            List<Integer> started = new ArrayList<>();
            int[] running = {0};
            int[] maxRunning = {0};
            int[] maxActiveCount = {0};
            List<Job<Integer>> jobs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int n = i;
                jobs.add(s.spawn(() -> {
                    started.add(n);
                    running[0]++;
                    maxRunning[0] = Math.max(maxRunning[0], running[0]);
                    maxActiveCount[0] = Math.max(maxActiveCount[0], s.activeCount());
                    try {
                        Async.sleep(Duration.ofMillis(1 + n % 3));
                    } finally {
                        running[0]--;
                    }
                    return n;
                }));
            }
            assertEquals(2, s.activeCount());
            assertEquals(4, s.pendingCount());
            assertEquals(6, s.jobs().size());
            assertTrue(jobs.get(1).isActive());
            assertTrue(jobs.get(2).isPending());
            for (int i = 0; i < 6; i++) {
                assertEquals(i, jobs.get(i).waitFor());
            }
            assertEquals(List.of(0, 1, 2, 3, 4, 5), started);
            assertEquals(2, maxRunning[0]);
            assertEquals(2, maxActiveCount[0]);
            assertEquals(0, s.activeCount());
            assertTrue(s.jobs().isEmpty());
            s.close();
            return null;
        });
    }

    /** A limit of 0 means no limit: every job starts at once. */
    @Test
    void limitZeroStartsEveryJobAtOnce(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Scheduler s = Scheduler.builder().limit(0).create();
            for (int i = 0; i < 150; i++) {
                s.spawn(() -> {
                    Async.sleep(MS);
                    return null;
                });
            }
            assertEquals(150, s.activeCount());
            assertEquals(0, s.pendingCount());
            s.waitAndClose();
            return null;
        });
    }

    /** When the pending line is full, spawn suspends its task and resumes once a pending job has started. */
    @Test
    void fullPendingLineMakesSpawnWaitUntilThereIsRoom(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Scheduler s = Scheduler.builder().limit(1).pendingLimit(1).create();
            Future<String> gate = s.getLoop().createFuture();
            Job<String> a = s.spawn(() -> Async.await(gate));
            Job<String> b = s.spawn(() -> "b");
            assertTrue(b.isPending());
            Task<Job<String>> spawner = Async.createTask(() -> s.spawn(() -> "c"));
            ticks(3);
            assertFalse(spawner.isDone());
            assertEquals(1, s.activeCount());
            assertEquals(1, s.pendingCount());
            assertEquals(2, s.jobs().size());
            gate.setResult("a");
            Job<String> c = Async.await(spawner);
            assertTrue(c.isPending() || c.isActive() || c.isClosed());
            assertEquals("c", c.waitFor());
            assertEquals("b", b.waitFor());
            assertEquals("a", a.waitFor());
            s.close();
            return null;
        });
    }

    /** Spawns waiting for room are admitted in the order they came, ahead of newcomers. */
    @Test
    void waitingSpawnsAreAdmittedInArrivalOrder(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Scheduler s = Scheduler.builder().limit(1).pendingLimit(1).create();
            List<String> order = new ArrayList<>();
            Future<Void> gate = s.getLoop().createFuture();
            s.spawn(() -> Async.await(gate));
            s.spawn(() -> order.add("pending"));
            List<Task<Job<Boolean>>> spawners = new ArrayList<>();
            for (String name : List.of("first", "second", "third")) {
                spawners.add(Async.createTask(() -> s.spawn(() -> order.add(name))));
                ticks(1);
            }
            gate.setResult(null);
            for (Task<Job<Boolean>> t : spawners) {
                Async.await(t).waitFor();
            }
            assertEquals(List.of("pending", "first", "second", "third"), order);
            s.close();
            return null;
        });
    }

    /** A spawn cancelled while it waits for room closes its job, which never starts; the counts are unchanged. */
    @Test
    void cancellingAWaitingSpawnClosesItsJobWithoutStartingIt(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Scheduler s = Scheduler.builder().limit(1).pendingLimit(1).create();
            Future<Void> gate = s.getLoop().createFuture();
            Job<Void> a = s.spawn(() -> Async.await(gate));
            Job<String> b = s.spawn(() -> "b");
            boolean[] ran = {false};
            Task<Job<Void>> spawner = Async.createTask(() -> s.spawn(() -> {
                ran[0] = true;
                return null;
            }));
            ticks(2);
            spawner.cancel("give up");
            assertThrows(CancelledError.class, () -> Async.await(spawner));
            assertEquals(1, s.activeCount());
            assertEquals(1, s.pendingCount());
            assertEquals(2, s.jobs().size());
            gate.setResult(null);
            assertNull(a.waitFor());
            assertEquals("b", b.waitFor());
            ticks(3);
            assertFalse(ran[0]);
            assertTrue(s.jobs().isEmpty());
            s.close();
            return null;
        });
    }

    /** Closing the scheduler turns away the spawns waiting for room with IllegalStateException. */
    @Test
    void closeTurnsAwayWaitingSpawns(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Scheduler s = Scheduler.builder().limit(1).pendingLimit(1).create();
            s.spawn(() -> Async.await(s.getLoop().createFuture()));
            s.spawn(() -> null);
            Task<Job<Object>> spawner = Async.createTask(() -> s.spawn(() -> null));
            ticks(2);
            s.close();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Async.await(spawner));
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
            return null;
        });
    }

    /** A job that waited in the line runs in the context of its spawn. */
    @Test
    void pendingJobRunsInTheContextOfItsSpawn(LoopFactory factory) {
        ContextVar<String> who = new ContextVar<>("who", "nobody");
        Tasks.run(factory, () -> {
            Scheduler s = Scheduler.builder().limit(1).create();
            Job<String> first = s.spawn(() -> {
                who.set("first");
                Async.sleep(MS);
                return who.get();
            });
            who.set("spawner");
            Job<String> second = s.spawn(who::get);
            assertEquals("first", first.waitFor());
            assertEquals("spawner", second.waitFor());
            s.close();
            return null;
        });
    }

    // ---- errors

    /** An error nobody waits for goes once to the scheduler's handler, with the job, and never to the loop. */
    @Test
    void unwaitedErrorIsReportedOnceThroughTheSchedulerHandler(LoopFactory factory) {
        List<ExceptionContext> loopReports = new ArrayList<>();
        List<ExceptionContext> reports = new ArrayList<>();
        RuntimeException boom = new IllegalStateException("boom");
        Tasks.run(factory, () -> {
            Async.getRunningLoop().setExceptionHandler((l, c) -> loopReports.add(c));
            Scheduler[] self = new Scheduler[1];
            Scheduler s = Scheduler.builder().exceptionHandler((sch, c) -> {
                assertSame(self[0], sch);
                reports.add(c);
            }).create();
            self[0] = s;
            Job<Void> j = s.spawn(() -> {
                Async.sleep(MS);
                throw boom;
            });
            while (!j.isClosed()) {
                ticks(1);
            }
            ticks(3);
            s.close();
            assertEquals(1, reports.size());
            assertSame(boom, reports.get(0).exception());
            assertSame(j, reports.get(0).get(Scheduler.JOB));
            assertTrue(reports.get(0).message().startsWith("Job processing failed"), reports.get(0).message());
            return null;
        });
        assertEquals(1, reports.size());
        assertEquals(List.of(), loopReports);
    }

    /** Without a handler of its own, the scheduler reports through the loop's handler, once. */
    @Test
    void withoutAHandlerErrorsGoToTheLoopHandlerOnce(LoopFactory factory) {
        List<ExceptionContext> loopReports = new ArrayList<>();
        RuntimeException boom = new IllegalArgumentException("boom");
        Object job = Tasks.run(factory, () -> {
            Async.getRunningLoop().setExceptionHandler((l, c) -> loopReports.add(c));
            Scheduler s = Scheduler.create();
            Job<Void> j = s.spawn(() -> {
                throw boom;
            });
            while (!j.isClosed()) {
                ticks(1);
            }
            s.close();
            return j;
        });
        assertEquals(1, loopReports.size(), loopReports.toString());
        assertSame(boom, loopReports.get(0).exception());
        assertSame(job, loopReports.get(0).get(Scheduler.JOB));
    }

    /** An error that a waiter receives from waitFor is not reported. */
    @Test
    void waitedErrorIsNotReported(LoopFactory factory) {
        List<ExceptionContext> loopReports = new ArrayList<>();
        List<ExceptionContext> reports = new ArrayList<>();
        RuntimeException boom = new IllegalStateException("boom");
        Tasks.run(factory, () -> {
            Async.getRunningLoop().setExceptionHandler((l, c) -> loopReports.add(c));
            Scheduler s = Scheduler.builder().exceptionHandler((sch, c) -> reports.add(c)).create();
            Job<Void> j = s.spawn(() -> {
                Async.sleep(MS);
                throw boom;
            });
            assertSame(boom, assertThrows(IllegalStateException.class, j::waitFor));
            assertTrue(j.isClosed());
            s.close();
            return null;
        });
        assertEquals(List.of(), reports);
        assertEquals(List.of(), loopReports);
    }

    /** A failing scheduler handler is itself reported to the loop's handler. */
    @Test
    void failingHandlerIsReportedToTheLoop(LoopFactory factory) {
        List<ExceptionContext> loopReports = new ArrayList<>();
        Tasks.run(factory, () -> {
            Async.getRunningLoop().setExceptionHandler((l, c) -> loopReports.add(c));
            Scheduler s = Scheduler.builder().exceptionHandler((sch, c) -> {
                throw new UnsupportedOperationException("handler broke");
            }).create();
            Job<Void> j = s.spawn(() -> {
                throw new IllegalStateException("boom");
            });
            while (!j.isClosed()) {
                ticks(1);
            }
            s.close();
            return null;
        });
        assertEquals(1, loopReports.size());
        assertInstanceOf(UnsupportedOperationException.class, loopReports.get(0).exception());
    }

    // ---- shield

    /** A shielded coroutine gives its value to the task awaiting the shield. */
    @Test
    void shieldGivesTheValueToItsAwaiter(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Scheduler s = Scheduler.create();
            assertEquals(42, Async.await(s.shield(() -> {
                Async.sleep(MS);
                return 42;
            })));
            s.close();
            return null;
        });
    }

    /** Cancelling the task awaiting a shield leaves the shielded task running; closing the scheduler cancels it. */
    @Test
    void shieldSurvivesItsCallersCancellationAndIsCancelledByClose(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Scheduler s = Scheduler.create();
            List<String> log = new ArrayList<>();
            Task<String> caller = Async.createTask(() -> Async.await(s.shield(() -> {
                log.add("started");
                try {
                    Async.sleep(HOUR);
                } catch (CancelledError e) {
                    log.add("cancelled");
                    throw e;
                }
                return "done";
            })));
            ticks(3);
            caller.cancel();
            assertThrows(CancelledError.class, () -> Async.await(caller));
            ticks(3);
            assertEquals(List.of("started"), log);
            s.close();
            assertEquals(List.of("started", "cancelled"), log);
            return null;
        });
    }

    // ---- waitAndClose, close

    /** waitAndClose waits for every job, pending ones included, then closes the scheduler. */
    @Test
    void waitAndCloseWaitsForTheJobsThenCloses(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Scheduler s = Scheduler.builder().limit(1).create();
            List<Integer> finished = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int n = i;
                s.spawn(() -> {
                    Async.sleep(MS);
                    return finished.add(n);
                });
            }
            boolean[] shieldDone = {false};
            s.shield(() -> {
                Async.sleep(Duration.ofMillis(2));
                return shieldDone[0] = true;
            });
            s.waitAndClose(Duration.ofSeconds(10));
            assertEquals(List.of(0, 1, 2), finished);
            assertTrue(shieldDone[0]);
            assertTrue(s.isClosed());
            assertThrows(IllegalStateException.class, () -> s.spawn(() -> null));
            return null;
        });
    }

    /** When its timeout passes, waitAndClose closes the scheduler, cancelling the jobs still running. */
    @Test
    void waitAndCloseCancelsWhatIsLeftAfterItsTimeout(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Scheduler s = Scheduler.create();
            boolean[] cleaned = {false};
            Job<Void> j = s.spawn(() -> {
                try {
                    Async.sleep(HOUR);
                } finally {
                    cleaned[0] = true;
                }
                return null;
            });
            long t0 = System.nanoTime();
            s.waitAndClose(Duration.ofMillis(10));
            assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(5).toNanos());
            assertTrue(cleaned[0]);
            assertTrue(j.isClosed());
            assertTrue(s.isClosed());
            assertThrows(CancelledError.class, j::waitFor);
            return null;
        });
    }

    /**
     * waitAndClose() without a timeout waits for the scheduler's waitTimeout (here 5 minutes of
     * virtual time, not the default minute), then closes it, cancelling the jobs still running.
     */
    @Test
    void waitAndCloseWithoutATimeoutStopsWaitingAtTheWaitTimeout(LoopFactory factory) {
        Tasks.run(TestLoops.virtual(factory), () -> {
            VirtualClock clock = TestLoops.clock(Async.getRunningLoop());
            Scheduler s = Scheduler.builder().waitTimeout(Duration.ofMinutes(5)).create();
            assertEquals(Duration.ofMinutes(5), s.waitTimeout());
            Job<String> quick = s.spawn(() -> {
                Async.sleep(Duration.ofMinutes(2));
                return "done";
            });
            Job<Void> slow = s.spawn(() -> {
                Async.sleep(HOUR);
                return null;
            });
            s.waitAndClose();
            assertEquals(Duration.ofMinutes(5), clock.elapsed(), "waitAndClose waited for waitTimeout, no longer");
            assertEquals("done", quick.waitFor(), "a job that ended in time keeps its result");
            assertTrue(slow.isClosed());
            assertThrows(CancelledError.class, slow::waitFor, "the job still running at the timeout was cancelled");
            assertTrue(s.isClosed());
            return null;
        });
    }

    /** close cancels the active jobs and waits for them, and drops the pending ones, which never start. */
    @Test
    void closeCancelsActiveJobsAndDropsPendingOnes(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Scheduler s = Scheduler.builder().limit(1).create();
            boolean[] cleaned = {false};
            boolean[] pendingRan = {false};
            Job<Void> a = s.spawn(() -> {
                try {
                    Async.sleep(HOUR);
                } finally {
                    cleaned[0] = true;
                }
                return null;
            });
            Job<Void> b = s.spawn(() -> {
                pendingRan[0] = true;
                return null;
            });
            ticks(2);
            s.close();
            assertTrue(cleaned[0]);
            assertTrue(a.isClosed());
            assertTrue(b.isClosed());
            assertEquals(0, s.activeCount());
            assertEquals(0, s.pendingCount());
            assertTrue(s.jobs().isEmpty());
            ticks(3);
            assertFalse(pendingRan[0]);
            assertThrows(CancelledError.class, b::waitFor);
            return null;
        });
    }

    /** close is idempotent; afterwards spawn and shield throw IllegalStateException saying the scheduler is closed. */
    @Test
    void closeIsIdempotentAndRefusesNewWork(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Scheduler s = Scheduler.create();
            s.close();
            s.close();
            s.waitAndClose();
            assertTrue(s.isClosed());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.spawn(() -> null));
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> s.shield(() -> null));
            return null;
        });
    }

    /** A job still running closeTimeout after its cancellation is reported, cancelled again and left to end. */
    @Test
    void closeReportsAJobThatOutlivesCloseTimeout(LoopFactory factory) {
        List<ExceptionContext> reports = new ArrayList<>();
        Tasks.run(factory, () -> {
            Scheduler s = Scheduler.builder().closeTimeout(Duration.ofMillis(5))
                .exceptionHandler((sch, c) -> reports.add(c)).create();
            Job<Void> j = s.spawn(() -> {
                try {
                    Async.sleep(HOUR);
                } catch (CancelledError first) {
                    Async.sleep(HOUR);
                }
                return null;
            });
            ticks(2);
            s.close();
            assertEquals(1, reports.size());
            assertTrue(reports.get(0).message().startsWith("Job closing timed out"), reports.get(0).message());
            assertInstanceOf(AsyncTimeoutException.class, reports.get(0).exception());
            assertSame(j, reports.get(0).get(Scheduler.JOB));
            assertThrows(CancelledError.class, () -> j.waitFor(Duration.ofSeconds(5)));
            return null;
        });
        assertEquals(1, reports.size());
    }

    /** try-with-resources inside a task closes the scheduler at the end of the block, awaiting the jobs' end. */
    @Test
    void tryWithResourcesClosesTheScheduler(LoopFactory factory) {
        Tasks.run(factory, () -> {
            boolean[] cleaned = {false};
            Scheduler kept;
            try (Scheduler s = Scheduler.create()) {
                kept = s;
                s.spawn(() -> {
                    try {
                        Async.sleep(HOUR);
                    } finally {
                        cleaned[0] = true;
                    }
                    return null;
                });
                ticks(2);
            }
            assertTrue(kept.isClosed());
            assertTrue(cleaned[0]);
            return null;
        });
    }

    // ---- binding and settings

    /** A scheduler needs a running loop, and refuses use from another loop. */
    @Test
    void schedulerIsBoundToItsLoop(LoopFactory factory) {
        assertThrows(IllegalStateException.class, Scheduler::create);
        Scheduler other = Tasks.run(factory, Scheduler::create);
        Tasks.run(factory, () -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> other.spawn(() -> null));
            assertTrue(e.getMessage().contains("another event loop"), e.getMessage());
            return null;
        });
    }

    /** The defaults are aiojobs': limit 100, pendingLimit 10,000, closeTimeout 0.1 s, waitTimeout 60 s. */
    @Test
    void defaultsAreThoseOfAiojobs(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Scheduler s = Scheduler.create();
            assertEquals(100, s.limit());
            assertEquals(10_000, s.pendingLimit());
            assertEquals(Duration.ofMillis(100), s.closeTimeout());
            assertEquals(Duration.ofSeconds(60), s.waitTimeout());
            assertNull(s.exceptionHandler());
            s.close();
            return null;
        });
    }

    /** Negative limits and timeouts are refused. */
    @Test
    void builderRefusesNegativeSettings() {
        assertThrows(IllegalArgumentException.class, () -> Scheduler.builder().limit(-1));
        assertThrows(IllegalArgumentException.class, () -> Scheduler.builder().pendingLimit(-1));
        assertThrows(IllegalArgumentException.class, () -> Scheduler.builder().closeTimeout(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> Scheduler.builder().waitTimeout(Duration.ofMillis(-1)));
    }
}
