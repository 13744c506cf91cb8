package dev.jasyncio.conformance.combinators;

import static dev.jasyncio.conformance.Tasks.spin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.CancelledError;
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

/** Async.shield: the outer can be cancelled, the inner goes on. */
@Conformance
class ShieldTest {

    /** The shield follows the inner's value and error. */
    @Test
    void followsTheInnersOutcome(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Task<String> ok = Async.createTask(() -> {
                Async.sleep(Duration.ZERO);
                return "ok";
            });
            assertEquals("ok", Async.await(Async.shield(ok)));
            Task<String> failing = Async.createTask(() -> {
                Async.sleep(Duration.ZERO);
                throw new IllegalStateException("boom");
            });
            assertThrows(IllegalStateException.class, () -> Async.await(Async.shield(failing)));
            return null;
        });
    }

    /** Cancelling the awaiting task: it gets CancelledError, the inner keeps running to its value. */
    @Test
    void cancellingTheOuterLeavesTheInnerRunning(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Future<Void> gate = Async.getRunningLoop().createFuture();
            Task<String> inner = Async.createTask(() -> {
                Async.await(gate);
                return "finished";
            });
            Task<String> waiter = Async.createTask(() -> Async.await(Async.shield(inner)));
            spin(2);
            waiter.cancel();
            assertThrows(CancelledError.class, () -> Async.await(waiter));
            assertTrue(waiter.isCancelled());
            assertFalse(inner.isDone());
            gate.setResult(null);
            assertEquals("finished", Async.await(inner));
            return null;
        });
    }

    /** The inner cancelled makes the shield cancelled. */
    @Test
    void innerCancelledCancelsTheShield(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Task<String> inner = Async.createTask(() -> {
                Async.sleep(Duration.ofHours(1));
                return "slept";
            });
            Future<String> outer = Async.shield(inner);
            Async.sleep(Duration.ZERO);
            inner.cancel("inner");
            CancelledError e = assertThrows(CancelledError.class, () -> Async.await(outer));
            assertEquals("inner", e.getMessage());
            assertTrue(outer.isCancelled());
            return null;
        });
    }

    /** An inner error after the shield was cancelled goes to the exception handler, once. */
    @Test
    void innerErrorAfterCancellationGoesToTheHandler(LoopFactory factory) {
        List<ExceptionContext> reports = new ArrayList<>();
        Tasks.run(factory, reports, () -> {
            Future<Void> gate = Async.getRunningLoop().createFuture();
            Task<String> inner = Async.createTask(() -> {
                Async.await(gate);
                throw new IllegalStateException("late failure");
            });
            Future<String> outer = Async.shield(inner);
            Async.sleep(Duration.ZERO);
            assertTrue(outer.cancel());
            gate.setResult(null);
            while (!inner.isDone()) {
                Async.sleep(Duration.ZERO);
            }
            spin(2);
            return null;
        });
        assertEquals(1, reports.size(), reports.toString());
        assertEquals("late failure", reports.get(0).exception().getMessage());
    }

    /** A done inner is returned as it is. */
    @Test
    void aDoneInnerIsReturnedItself(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Future<String> f = Async.getRunningLoop().createFuture();
            f.setResult("x");
            assertSame(f, Async.shield(f));
            return null;
        });
    }
}
