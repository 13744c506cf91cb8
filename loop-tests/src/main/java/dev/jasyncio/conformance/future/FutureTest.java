package dev.jasyncio.conformance.future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.CancelledError;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.InvalidStateException;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.OnLoop;
import dev.jasyncio.conformance.Steps;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Future: pending, then finished with a value or an exception, or cancelled, once; done callbacks. */
@Conformance
class FutureTest {

    /** A new future is pending: not done, not cancelled, and has neither a result nor an exception yet. */
    @Test
    void aPendingFutureHasNoResultYet(EventLoop loop) {
        Future<String> f = loop.createFuture();
        assertSame(loop, f.getLoop());
        assertFalse(f.isDone());
        assertFalse(f.isCancelled());
        assertThrows(InvalidStateException.class, f::result);
        assertThrows(InvalidStateException.class, f::exception);
    }

    /** A future finished with a value is done, returns the value and has no exception. */
    @Test
    void aFutureFinishedWithAValueReturnsIt(EventLoop loop) {
        Future<String> f = loop.createFuture();
        f.setResult("value");
        assertTrue(f.isDone());
        assertFalse(f.isCancelled());
        assertEquals("value", f.result());
        assertNull(f.exception());
    }

    /** A future may finish with null. */
    @Test
    void aFutureMayFinishWithNull(EventLoop loop) {
        Future<String> f = loop.createFuture();
        f.setResult(null);
        assertTrue(f.isDone());
        assertNull(f.result());
        assertNull(f.exception());
    }

    /** A future finished with an unchecked exception throws it as it is from result(), and returns it from exception(). */
    @Test
    void aFutureFinishedWithAnUncheckedExceptionThrowsIt(EventLoop loop) {
        Future<String> f = loop.createFuture();
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        f.setException(boom);
        assertTrue(f.isDone());
        assertFalse(f.isCancelled());
        assertSame(boom, assertThrows(IllegalArgumentException.class, f::result));
        assertSame(boom, f.exception());
    }

    /** A future finished with a checked exception throws it from result() wrapped in a CompletionException. */
    @Test
    void aFutureFinishedWithACheckedExceptionThrowsItWrapped(EventLoop loop) {
        Future<String> f = loop.createFuture();
        IOException boom = new IOException("boom");
        f.setException(boom);
        assertSame(boom, assertThrows(CompletionException.class, f::result).getCause());
        assertSame(boom, f.exception());
    }

    /** A cancelled future is done and cancelled; result() and exception() throw CancelledError. */
    @Test
    void aCancelledFutureThrowsCancelledError(EventLoop loop) {
        Future<String> f = loop.createFuture();
        assertTrue(f.cancel());
        assertTrue(f.isDone());
        assertTrue(f.isCancelled());
        assertThrows(CancelledError.class, f::result);
        assertThrows(CancelledError.class, f::exception);
    }

    /** cancel(msg) carries the message into the CancelledError of result() and exception(). */
    @Test
    void cancelWithAMessageCarriesItInTheCancelledError(EventLoop loop) {
        Future<String> f = loop.createFuture();
        assertTrue(f.cancel("shutting down"));
        assertEquals("shutting down", assertThrows(CancelledError.class, f::result).getMessage());
        assertEquals("shutting down", assertThrows(CancelledError.class, f::exception).getMessage());
    }

    /** CancelledError is not an Exception, so that catch (Exception e) cannot swallow a cancellation. */
    @Test
    void cancelledErrorIsNotAnException() {
        assertFalse(Exception.class.isAssignableFrom(CancelledError.class));
    }

    /** The ways a future gets done. */
    enum Completion {
        RESULT(f -> f.setResult("first")),
        EXCEPTION(f -> f.setException(new IllegalStateException("first"))),
        CANCEL(f -> f.cancel("first"));

        final Consumer<Future<String>> complete;

        Completion(Consumer<Future<String>> complete) {
            this.complete = complete;
        }
    }

    /**
     * A done future cannot be set again: setResult and setException throw InvalidStateException,
     * cancel returns false, and the outcome stays the first one.
     */
    @ParameterizedTest
    @EnumSource(Completion.class)
    void aDoneFutureCannotBeSetAgain(Completion first, EventLoop loop) {
        Future<String> f = loop.createFuture();
        first.complete.accept(f);
        String before = outcome(f);
        assertThrows(InvalidStateException.class, () -> f.setResult("second"));
        assertThrows(InvalidStateException.class, () -> f.setException(new RuntimeException("second")));
        assertFalse(f.cancel("second"));
        assertEquals(before, outcome(f));
    }

    private static String outcome(Future<String> f) {
        try {
            return "result " + f.result();
        } catch (CancelledError e) {
            return "cancelled " + e.getMessage();
        } catch (RuntimeException e) {
            return "exception " + e;
        }
    }

    /** Done callbacks are scheduled on the loop when the future completes, never run inside setResult. */
    @Test
    void doneCallbacksAreScheduledNotRunInline(EventLoop loop, Steps steps) {
        Future<String> f = loop.createFuture();
        OnLoop.run(loop, () -> {
            f.addDoneCallback(done -> {
                steps.expect(3);
                assertSame(f, done);
            });
            steps.expect(1);
            f.setResult("x");
            steps.expect(2);
        });
        steps.finish(4);
    }

    /** A done callback added after completion is scheduled on the loop, not run inside addDoneCallback. */
    @Test
    void aDoneCallbackAddedAfterCompletionIsScheduledNotRunInline(EventLoop loop, Steps steps) {
        Future<String> f = loop.createFuture();
        f.setResult("x");
        f.addDoneCallback(done -> steps.expect(2));
        steps.expect(1);
        OnLoop.run(loop, () -> {
            steps.expect(3);
            f.addDoneCallback(done -> steps.expect(5));
            steps.expect(4);
        });
        steps.finish(6);
    }

    /** Done callbacks run in the order they were added, whether added before or after completion. */
    @Test
    void doneCallbacksRunInTheOrderTheyWereAdded(EventLoop loop) {
        List<Integer> ran = new ArrayList<>();
        Future<String> f = loop.createFuture();
        for (int i = 0; i < 5; i++) {
            int n = i;
            f.addDoneCallback(done -> ran.add(n));
        }
        OnLoop.run(loop, () -> {
            f.setResult("x");
            f.addDoneCallback(done -> ran.add(5));
        });
        assertEquals(List.of(0, 1, 2, 3, 4, 5), ran);
    }

    /** Done callbacks run when the future finishes with an exception or is cancelled, too. */
    @ParameterizedTest
    @EnumSource(Completion.class)
    void doneCallbacksRunHoweverTheFutureIsDone(Completion completion, EventLoop loop) {
        List<Future<String>> seen = new ArrayList<>();
        Future<String> f = loop.createFuture();
        f.addDoneCallback(seen::add);
        OnLoop.run(loop, () -> completion.complete.accept(f));
        assertEquals(List.of(f), seen);
    }

    /** removeDoneCallback removes every registration of the callback and returns how many there were. */
    @Test
    void removeDoneCallbackReturnsHowManyWereRemoved(EventLoop loop) {
        List<String> ran = new ArrayList<>();
        Consumer<Future<String>> removed = done -> ran.add("removed");
        Consumer<Future<String>> kept = done -> ran.add("kept");
        Future<String> f = loop.createFuture();
        f.addDoneCallback(removed);
        f.addDoneCallback(kept);
        f.addDoneCallback(removed);
        assertEquals(2, f.removeDoneCallback(removed));
        assertEquals(0, f.removeDoneCallback(removed));
        OnLoop.run(loop, () -> f.setResult("x"));
        assertEquals(List.of("kept"), ran);
    }

    /** removeDoneCallback of the only callback returns 1, and the callback does not run. */
    @Test
    void removingTheOnlyDoneCallbackReturnsOne(EventLoop loop, Steps steps) {
        Consumer<Future<String>> callback = done -> steps.expectUnreached();
        Future<String> f = loop.createFuture();
        f.addDoneCallback(callback);
        assertEquals(1, f.removeDoneCallback(callback));
        OnLoop.run(loop, () -> f.setResult("x"));
    }
}
