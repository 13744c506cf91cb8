package dev.jasyncio.conformance.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.CancelledError;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.Runner;
import dev.jasyncio.Task;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.Tasks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tasks on the coroutine engine: interleaving at awaits, cancellation, introspection, misuse of await. */
@Conformance
class TaskTest {

    /** Two tasks interleave at their awaits, on the loop, in scheduling order. */
    @Test
    void tasksInterleaveAtAwaits(LoopFactory factory) {
        List<String> log = Tasks.run(factory, () -> {
            List<String> l = new ArrayList<>();
            Task<Integer> a = Async.createTask(() -> {
                l.add("a1");
                Async.sleep(Duration.ZERO);
                l.add("a2");
                return 1;
            });
            Task<Integer> b = Async.createTask(() -> {
                l.add("b1");
                Async.sleep(Duration.ZERO);
                l.add("b2");
                return 2;
            });
            assertEquals(3, Async.await(a) + Async.await(b));
            return l;
        });
        assertEquals(List.of("a1", "b1", "a2", "b2"), log);
    }

    /** Cancelling a sleeping task delivers CancelledError at its await; the task ends cancelled. */
    @Test
    void cancelIsDeliveredAtTheAwait(LoopFactory factory) {
        Tasks.run(factory, () -> {
            List<String> l = new ArrayList<>();
            Task<Void> sleeper = Async.createTask(() -> {
                try {
                    Async.sleep(Duration.ofHours(1));
                } finally {
                    l.add("finally ran");
                }
                return null;
            });
            Async.sleep(Duration.ZERO);
            assertTrue(sleeper.cancel("stop"));
            CancelledError e = assertThrows(CancelledError.class, () -> Async.await(sleeper));
            assertEquals("stop", e.getMessage());
            assertTrue(sleeper.isCancelled());
            assertEquals(List.of("finally ran"), l);
            return null;
        });
    }

    /** await outside a task fails with a message that says what to do. */
    @Test
    void awaitOutsideATaskFails(LoopFactory factory) {
        try (Runner r = new Runner(factory)) {
            Future<Integer> f = r.getLoop().createFuture();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Async.await(f));
            assertTrue(e.getMessage().contains("outside a task"), e.getMessage());
        }
    }

    /**
     * Awaiting a future of another loop fails with IllegalStateException, even a done one, and
     * leaves the task able to await its own loop's futures.
     */
    @Test
    void awaitingAFutureOfAnotherLoopFails(LoopFactory factory, EventLoop other) {
        Tasks.run(factory, () -> {
            Future<String> pending = other.createFuture();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Async.await(pending));
            assertTrue(e.getMessage().contains("different loop"), e.getMessage());
            Future<String> done = other.createFuture();
            done.setResult("elsewhere");
            assertThrows(IllegalStateException.class, () -> Async.await(done));
            assertFalse(pending.isDone(), "the foreign future is left alone");
            Future<String> mine = Async.getRunningLoop().createFuture();
            Async.getRunningLoop().callSoon(() -> mine.setResult("mine"));
            assertEquals("mine", Async.await(mine));
            return null;
        });
    }

    /** A task awaiting itself fails with IllegalStateException at once (it would never wake). */
    @Test
    void aTaskAwaitingItselfFails(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Task<String> t = Async.createTask(() -> {
                Task<?> self = Async.currentTask();
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> Async.await(self));
                assertTrue(e.getMessage().contains("itself"), e.getMessage());
                Async.sleep(Duration.ZERO);
                return "still running";
            });
            assertEquals("still running", Async.await(t));
            return null;
        });
    }

    /**
     * getStack of a suspended task shows the method that awaited; it is empty for the running
     * task, for a task that has not started and for a done one.
     */
    @Test
    void getStackOfASuspendedTaskShowsTheMethodThatAwaited(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Future<Void> gate = Async.getRunningLoop().createFuture();
            Task<Void> waiter = Async.createTask(() -> {
                waitAtTheGate(gate);
                return null;
            });
            assertEquals(0, waiter.getStack().length, "not started yet");
            Tasks.spin(2);
            assertFalse(waiter.isDone());
            StackTraceElement[] stack = waiter.getStack();
            assertTrue(Arrays.stream(stack).anyMatch(e -> e.getClassName().equals(TaskTest.class.getName())
                && e.getMethodName().equals("waitAtTheGate")), () -> "no waitAtTheGate frame in " + Arrays.toString(stack));
            assertSame(gate, waiter.awaiting());
            assertEquals(0, Async.currentTask().getStack().length, "the running task has no suspended stack");
            gate.setResult(null);
            Async.await(waiter);
            assertEquals(0, waiter.getStack().length, "a done task has no stack");
            return null;
        });
    }

    private static void waitAtTheGate(Future<Void> gate) {
        Async.await(gate);
    }
}
