package dev.jasyncio.conformance.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.EventLoop;
import dev.jasyncio.ExceptionContext;
import dev.jasyncio.ExceptionHandler;
import dev.jasyncio.Handle;
import dev.jasyncio.TimerHandle;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.LogCapture;
import dev.jasyncio.conformance.Steps;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** Errors nobody else can take go to the loop's exception handler, and the loop goes on. */
@Conformance
class ExceptionHandlerTest {

    /** One call of the handler, as it saw it. */
    record Report(EventLoop loop, ExceptionContext context, Thread thread) {}

    /**
     * A callback's exception reaches the exception handler, on the loop thread, with a message,
     * the exception and the callback's handle; the loop then runs the next callback.
     */
    @Test
    void aCallbackExceptionReachesTheHandlerAndTheLoopGoesOn(EventLoop loop, Steps steps) {
        List<Report> reports = new ArrayList<>();
        loop.setExceptionHandler((l, c) -> reports.add(new Report(l, c, Thread.currentThread())));
        IllegalStateException boom = new IllegalStateException("boom");
        Thread[] loopThread = new Thread[1];
        Handle h = loop.callSoon(() -> {
            steps.expect(1);
            loopThread[0] = Thread.currentThread();
            throw boom;
        });
        loop.callSoon(() -> {
            steps.expect(2);
            loop.stop();
        });
        loop.runForever();
        steps.finish(3);

        assertEquals(1, reports.size(), () -> "reports: " + reports);
        Report r = reports.get(0);
        assertSame(loop, r.loop());
        assertSame(loopThread[0], r.thread(), "the handler did not run on the loop thread");
        assertSame(boom, r.context().exception());
        assertSame(boom, r.context().get(ExceptionContext.EXCEPTION));
        assertSame(h, r.context().get(ExceptionContext.HANDLE));
        assertFalse(r.context().message().isBlank(), "the report has no message");
        assertEquals(r.context().message(), r.context().get(ExceptionContext.MESSAGE));
    }

    /** A timer callback's exception reaches the handler with the timer's handle, and the loop goes on. */
    @Test
    void aTimerExceptionReachesTheHandlerWithItsTimerHandle(EventLoop loop, Steps steps) {
        List<ExceptionContext> reports = new ArrayList<>();
        loop.setExceptionHandler((l, c) -> reports.add(c));
        RuntimeException boom = new RuntimeException("boom");
        TimerHandle t = loop.callAt(loop.time(), () -> {
            steps.expect(1);
            throw boom;
        });
        loop.callAt(t.when() + 1, () -> {
            steps.expect(2);
            loop.stop();
        });
        loop.runForever();
        steps.finish(3);
        assertEquals(1, reports.size(), () -> "reports: " + reports);
        assertSame(boom, reports.get(0).exception());
        assertSame(t, reports.get(0).get(ExceptionContext.HANDLE));
    }

    /** An Error thrown by a callback, such as a failed assertion, is reported like an exception. */
    @Test
    void anErrorThrownByACallbackIsReportedToo(EventLoop loop) {
        List<ExceptionContext> reports = new ArrayList<>();
        loop.setExceptionHandler((l, c) -> reports.add(c));
        AssertionError failure = new AssertionError("failed");
        loop.callSoon(() -> {
            throw failure;
        });
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of(failure), reports.stream().map(ExceptionContext::exception).toList());
    }

    /**
     * A handler that throws falls back to the default handler, which logs the handler's failure;
     * the loop goes on.
     */
    @Test
    void aThrowingHandlerFallsBackToTheDefaultAndTheLoopGoesOn(EventLoop loop, Steps steps) {
        RuntimeException handlerFailure = new RuntimeException("handler failed");
        loop.setExceptionHandler((l, c) -> {
            steps.expect(2);
            throw handlerFailure;
        });
        try (LogCapture log = LogCapture.open()) {
            loop.callSoon(() -> {
                steps.expect(1);
                throw new IllegalStateException("boom");
            });
            loop.callSoon(() -> {
                steps.expect(3);
                loop.stop();
            });
            loop.runForever();
            steps.finish(4);
            assertTrue(log.records().stream().anyMatch(r -> r.getLevel() == Level.SEVERE && r.getThrown() == handlerFailure),
                () -> "the default handler did not log the handler's failure: " + describe(log.records()));
        }
    }

    /** callExceptionHandler never throws, not even when the handler does: the default handler logs the failure. */
    @Test
    void callExceptionHandlerNeverThrows(EventLoop loop) {
        IllegalStateException handlerFailure = new IllegalStateException("handler failed");
        ExceptionHandler throwing = (l, c) -> {
            throw handlerFailure;
        };
        loop.setExceptionHandler(throwing);
        assertSame(throwing, loop.getExceptionHandler());
        try (LogCapture log = LogCapture.open()) {
            loop.callExceptionHandler(ExceptionContext.of("report", new RuntimeException("reported")));
            assertTrue(log.records().stream().anyMatch(r -> r.getThrown() == handlerFailure),
                () -> "the handler's failure was not logged: " + describe(log.records()));
        }
    }

    /**
     * With no handler installed (null) the default one is used: it logs the message and the
     * exception at ERROR.
     */
    @Test
    void withoutAHandlerTheDefaultOneLogsTheError(EventLoop loop) {
        loop.setExceptionHandler(null);
        assertNull(loop.getExceptionHandler());
        RuntimeException boom = new RuntimeException("boom");
        try (LogCapture log = LogCapture.open()) {
            loop.callSoon(() -> {
                throw boom;
            });
            loop.callSoon(loop::stop);
            loop.runForever();
            List<LogRecord> errors = log.records().stream().filter(r -> r.getThrown() == boom).toList();
            assertEquals(1, errors.size(), () -> "records: " + describe(log.records()));
            assertEquals(Level.SEVERE, errors.get(0).getLevel());
            assertFalse(LogCapture.text(errors.get(0)).isBlank(), "logged without a message");
        }
    }

    private static String describe(List<LogRecord> records) {
        return records.stream().map(r -> r.getLevel() + " " + LogCapture.text(r) + " thrown=" + r.getThrown()).toList().toString();
    }
}
