package dev.jasyncio.conformance.combinators;

import static dev.jasyncio.conformance.Tasks.ms;
import static dev.jasyncio.conformance.Tasks.spin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.CancelledError;
import dev.jasyncio.Coroutine;
import dev.jasyncio.ExceptionContext;
import dev.jasyncio.Future;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.Task;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.Tasks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Async.gather: order, errors, cancellation both ways, duplicates. */
@Conformance
class GatherTest {

    private static <T> Task<T> later(long millis, T value) {
        return Async.createTask(() -> {
            Async.sleep(ms(millis));
            return value;
        });
    }

    /** Results come in argument order, whatever the completion order. */
    @Test
    void resultsComeInArgumentOrder(LoopFactory factory) {
        List<Integer> r = Tasks.run(factory, () -> Async.await(Async.gather(later(6, 1), later(3, 2), later(0, 3))));
        assertEquals(List.of(1, 2, 3), r);
    }

    /** Coroutines are started as tasks and gathered. */
    @Test
    void coroutinesBecomeTasks(LoopFactory factory) {
        List<String> r = Tasks.run(factory, () -> Async.await(Async.gather(() -> "a", () -> {
            Async.sleep(Duration.ZERO);
            return "b";
        })));
        assertEquals(List.of("a", "b"), r);
    }

    /** The first error fails the gather at once; the other children keep running to their end. */
    @Test
    void firstErrorPropagatesWhileOthersKeepRunning(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Future<String> gate = Async.getRunningLoop().createFuture();
            Task<String> slow = Async.createTask(() -> Async.await(gate));
            Task<String> failing = Async.createTask(() -> {
                throw new IllegalStateException("boom");
            });
            Future<List<String>> g = Async.gather(slow, failing);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Async.await(g));
            assertEquals("boom", e.getMessage());
            assertFalse(slow.isDone(), "the sibling was not cancelled");
            gate.setResult("slow");
            assertEquals("slow", Async.await(slow));
            return null;
        });
    }

    /** A cancelled child is an error (CancelledError) of the gather, not a cancellation of it. */
    @Test
    void cancelledChildIsAnErrorNotAGatherCancellation(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Task<String> a = later(1000, "a");
            Task<String> b = later(1, "b");
            Future<List<String>> g = Async.gather(a, b);
            Async.sleep(Duration.ZERO);
            a.cancel("child only");
            CancelledError e = assertThrows(CancelledError.class, () -> Async.await(g));
            assertEquals("child only", e.getMessage());
            assertFalse(g.isCancelled(), "the gather itself was not cancelled");
            assertInstanceOf(CancelledError.class, g.exception());
            assertEquals("b", Async.await(b));
            return null;
        });
    }

    /** Cancelling the gather cancels every unfinished child and ends the gather cancelled. */
    @Test
    void cancellingTheGatherCancelsUnfinishedChildren(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Task<String> done = later(0, "done");
            Async.await(done);
            Task<String> a = later(1000, "a");
            Task<String> b = later(1000, "b");
            Future<List<String>> g = Async.gather(done, a, b);
            Async.sleep(Duration.ZERO);
            assertTrue(g.cancel("stop"));
            CancelledError e = assertThrows(CancelledError.class, () -> Async.await(g));
            assertEquals("stop", e.getMessage());
            assertTrue(g.isCancelled());
            assertTrue(a.isCancelled());
            assertTrue(b.isCancelled());
            assertEquals("done", done.result());
            return null;
        });
    }

    /** The gather ends cancelled even if every child swallows the cancellation and returns a value. */
    @Test
    void cancelledGatherEndsCancelledEvenIfChildrenSwallowIt(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Coroutine<String> stubborn = () -> {
                try {
                    Async.sleep(Duration.ofHours(1));
                    return "slept";
                } catch (CancelledError swallowed) {
                    return "swallowed";
                }
            };
            Task<String> a = Async.createTask(stubborn);
            Task<String> b = Async.createTask(stubborn);
            Future<List<Object>> g = Async.gather(List.of(a, b), true);
            Async.sleep(Duration.ZERO);
            g.cancel();
            assertThrows(CancelledError.class, () -> Async.await(g));
            assertTrue(g.isCancelled());
            assertEquals("swallowed", a.result());
            assertEquals("swallowed", b.result());
            return null;
        });
    }

    /** Cancelling the task that awaits the gather cancels the gather and, through it, the children. */
    @Test
    void cancellingTheAwaitingTaskCancelsTheChildren(LoopFactory factory) {
        Tasks.run(factory, () -> {
            List<Task<String>> children = new ArrayList<>();
            Task<List<String>> waiter = Async.createTask(() -> {
                children.add(later(1000, "a"));
                children.add(later(1000, "b"));
                return Async.await(Async.gather(children));
            });
            spin(2);
            waiter.cancel("outer");
            CancelledError e = assertThrows(CancelledError.class, () -> Async.await(waiter));
            assertEquals("outer", e.getMessage());
            assertTrue(waiter.isCancelled());
            assertTrue(children.get(0).isCancelled());
            assertTrue(children.get(1).isCancelled());
            return null;
        });
    }

    /** Cancelling a gather that is done does nothing. */
    @Test
    void cancelAfterDoneHasNoEffect(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Future<List<Integer>> g = Async.gather(later(0, 1));
            assertEquals(List.of(1), Async.await(g));
            assertFalse(g.cancel());
            assertFalse(g.isCancelled());
            assertEquals(List.of(1), g.result());
            return null;
        });
    }

    /** A future given twice runs once and its result appears twice. */
    @Test
    void duplicatesRunOnceAndAppearTwice(LoopFactory factory) {
        Tasks.run(factory, () -> {
            int[] runs = {0};
            Task<Integer> t = Async.createTask(() -> {
                runs[0]++;
                Async.sleep(Duration.ZERO);
                return 7;
            });
            assertEquals(List.of(7, 8, 7), Async.await(Async.gather(t, later(0, 8), t)));
            assertEquals(1, runs[0]);
            return null;
        });
    }

    /** No futures: an already finished future of an empty list. */
    @Test
    void emptyGivesADoneEmptyList(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Future<List<Object>> g = Async.gather(List.of(), false);
            assertTrue(g.isDone());
            assertEquals(List.of(), g.result());
            return null;
        });
    }

    /** With returnExceptions, errors and cancellations take the place of values and nothing fails. */
    @Test
    void returnExceptionsPutsErrorsInPlace(LoopFactory factory) {
        Tasks.run(factory, () -> {
            IllegalArgumentException boom = new IllegalArgumentException("boom");
            Task<Object> failing = Async.createTask(() -> {
                throw boom;
            });
            Task<String> cancelled = later(1000, "never");
            Task<String> fine = later(1, "fine");
            Future<List<Object>> g = Async.gather(List.of(failing, cancelled, fine), true);
            Async.sleep(Duration.ZERO);
            cancelled.cancel("gone");
            List<Object> r = Async.await(g);
            assertSame(boom, r.get(0));
            assertEquals("gone", assertInstanceOf(CancelledError.class, r.get(1)).getMessage());
            assertEquals("fine", r.get(2));
            return null;
        });
    }

    /** A child that fails after the gather was cancelled is reported, since nobody else sees it. */
    @Test
    void childErrorAfterCancellationGoesToTheHandler(LoopFactory factory) {
        List<ExceptionContext> reports = new ArrayList<>();
        Tasks.run(factory, reports, () -> {
            Task<Object> cleanupFails = Async.createTask(() -> {
                try {
                    Async.sleep(Duration.ofHours(1));
                } catch (CancelledError e) {
                    throw new IllegalStateException("cleanup failed");
                }
                return null;
            });
            Future<List<Object>> g = Async.gather(cleanupFails);
            Async.sleep(Duration.ZERO);
            g.cancel();
            assertThrows(CancelledError.class, () -> Async.await(g));
            return null;
        });
        assertEquals(1, reports.size(), reports.toString());
        assertEquals("cleanup failed", reports.get(0).exception().getMessage());
    }
}
