package dev.jasyncio.conformance.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.CancelledError;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.conformance.Conformance;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** runUntilComplete: runs the loop until one future is done, and hands back its outcome. */
@Conformance
class RunUntilCompleteTest {

    /** runUntilComplete returns the result of the future once a callback sets it. */
    @Test
    void returnsTheResultOfTheFuture(EventLoop loop) {
        Future<String> f = loop.createFuture();
        loop.callLater(Duration.ofMillis(1), () -> f.setResult("result"));
        assertEquals("result", loop.runUntilComplete(f));
        assertFalse(loop.isRunning());
    }

    /** An unchecked exception of the future is thrown as it is. */
    @Test
    void throwsTheUncheckedExceptionOfTheFuture(EventLoop loop) {
        Future<String> f = loop.createFuture();
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        loop.callSoon(() -> f.setException(boom));
        assertSame(boom, assertThrows(IllegalArgumentException.class, () -> loop.runUntilComplete(f)));
    }

    /** A checked exception of the future is thrown wrapped in a CompletionException. */
    @Test
    void throwsTheCheckedExceptionOfTheFutureInACompletionException(EventLoop loop) {
        Future<String> f = loop.createFuture();
        IOException boom = new IOException("boom");
        loop.callSoon(() -> f.setException(boom));
        assertSame(boom, assertThrows(CompletionException.class, () -> loop.runUntilComplete(f)).getCause());
    }

    /** A cancelled future makes runUntilComplete throw CancelledError with the cancel message. */
    @Test
    void throwsCancelledErrorIfTheFutureIsCancelled(EventLoop loop) {
        Future<String> f = loop.createFuture();
        loop.callSoon(() -> f.cancel("no longer needed"));
        assertEquals("no longer needed", assertThrows(CancelledError.class, () -> loop.runUntilComplete(f)).getMessage());
    }

    /**
     * A stop() before the future is done makes runUntilComplete fail with "Event loop stopped
     * before Future completed"; the future stays pending and a later run can still complete it.
     */
    @Test
    void failsIfTheLoopIsStoppedBeforeTheFutureCompletes(EventLoop loop) {
        Future<String> f = loop.createFuture();
        loop.callSoon(loop::stop);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(f));
        assertTrue(e.getMessage().contains("Event loop stopped before Future completed"), e.getMessage());
        assertFalse(f.isDone());
        loop.callSoon(() -> f.setResult("later"));
        assertEquals("later", loop.runUntilComplete(f));
    }

    /** A future already done is returned at once: its result, without waiting for anything else. */
    @Test
    void returnsTheResultOfAFutureAlreadyDone(EventLoop loop) {
        Future<String> f = loop.createFuture();
        f.setResult("ready");
        loop.callLater(Duration.ofDays(1), () -> {});
        assertEquals("ready", loop.runUntilComplete(f));
    }

    /** runUntilComplete returns once the future is done, even though callbacks keep the loop busy. */
    @Test
    void returnsOnceTheFutureIsDoneWhileOtherWorkGoesOn(EventLoop loop) {
        Runnable spinner = new Runnable() {
            @Override
            public void run() {
                loop.callSoon(this);
            }
        };
        loop.callSoon(spinner);
        Future<String> f = loop.createFuture();
        loop.callLater(Duration.ofMillis(1), () -> f.setResult("done"));
        assertEquals("done", loop.runUntilComplete(f));
    }

    /** The future must belong to the loop that runs it. */
    @Test
    void aFutureOfAnotherLoopIsRefused(EventLoop loop, LoopFactory factory) {
        EventLoop other = factory.newEventLoop();
        Future<String> f = other.createFuture();
        assertThrows(IllegalArgumentException.class, () -> loop.runUntilComplete(f));
        assertFalse(loop.isRunning());
    }
}
