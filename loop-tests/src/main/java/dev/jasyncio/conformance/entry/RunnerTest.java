package dev.jasyncio.conformance.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.Runner;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.OnLoop;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Async.run, Runner and Async.getRunningLoop. */
@Conformance
class RunnerTest {

    /** getRunningLoop throws when no loop runs in the thread. */
    @Test
    void getRunningLoopFailsOutsideALoop(EventLoop loop) {
        assertThrows(IllegalStateException.class, Async::getRunningLoop);
        loop.callSoon(loop::stop);
        loop.runForever();
        assertThrows(IllegalStateException.class, Async::getRunningLoop, "the loop was still registered as running after it stopped");
    }

    /** getRunningLoop returns the loop running in the thread. */
    @Test
    void getRunningLoopReturnsTheRunningLoop(EventLoop loop) {
        assertSame(loop, OnLoop.call(loop, Async::getRunningLoop));
    }

    /** Async.run returns the value of main, run on a new loop of the factory, which it closes afterwards. */
    @Test
    void asyncRunReturnsTheValueOfMainAndClosesItsLoop(LoopFactory factory) {
        AtomicReference<EventLoop> used = new AtomicReference<>();
        String value = Async.run(() -> {
            used.set(Async.getRunningLoop());
            return "value";
        }, factory);
        assertEquals("value", value);
        assertTrue(used.get().isClosed(), "Async.run left its loop open");
    }

    /** Async.run uses a new loop each time. */
    @Test
    void asyncRunUsesANewLoopEachTime(LoopFactory factory) {
        EventLoop first = Async.run(Async::getRunningLoop, factory);
        EventLoop second = Async.run(Async::getRunningLoop, factory);
        assertNotSame(first, second);
    }

    /** Async.run throws the exception of main and still closes its loop. */
    @Test
    void asyncRunThrowsTheExceptionOfMain(LoopFactory factory) {
        IllegalStateException boom = new IllegalStateException("boom");
        AtomicReference<EventLoop> used = new AtomicReference<>();
        assertSame(boom, assertThrows(IllegalStateException.class, () -> Async.run(() -> {
            used.set(Async.getRunningLoop());
            throw boom;
        }, factory)));
        assertTrue(used.get().isClosed(), "Async.run left its loop open");
        IOException checked = new IOException("checked");
        assertSame(checked, assertThrows(CompletionException.class, () -> Async.run(() -> {
            throw checked;
        }, factory)).getCause());
    }

    /** Async.run is refused inside a running loop. */
    @Test
    void asyncRunInsideARunningLoopIsRefused(EventLoop loop, LoopFactory factory) {
        OnLoop.run(loop, () -> assertThrows(IllegalStateException.class, () -> Async.run(() -> "nested", factory)));
    }

    /** A runner runs every main on one loop, made on first use, and returns their values. */
    @Test
    void aRunnerReusesItsLoop(LoopFactory factory) {
        try (Runner runner = new Runner(factory)) {
            EventLoop first = runner.run(Async::getRunningLoop);
            EventLoop second = runner.run(Async::getRunningLoop);
            assertSame(first, second);
            assertSame(first, runner.getLoop());
            assertEquals(42, runner.run(() -> 20 + 22));
            assertFalse(first.isClosed());
        }
    }

    /** Runner.run is refused inside a running loop. */
    @Test
    void runnerRunInsideARunningLoopIsRefused(EventLoop loop, LoopFactory factory) {
        try (Runner runner = new Runner(factory)) {
            OnLoop.run(loop, () -> assertThrows(IllegalStateException.class, () -> runner.run(() -> "nested")));
        }
    }

    /**
     * Runner.close shuts the default executor down, waiting for the functions still running on
     * it, then closes the loop.
     */
    @Test
    void runnerCloseShutsDownTheDefaultExecutorAndClosesTheLoop(LoopFactory factory) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        AtomicReference<Thread> worker = new AtomicReference<>();
        Runner runner = new Runner(factory);
        EventLoop loop = runner.run(() -> {
            EventLoop l = Async.getRunningLoop();
            l.runInExecutor(null, () -> {
                worker.set(Thread.currentThread());
                started.countDown();
                Thread.sleep(100);
                finished.set(true);
                return null;
            });
            return l;
        });
        assertTrue(started.await(10, TimeUnit.SECONDS), "the function never started");
        runner.close();
        assertTrue(finished.get(), "Runner.close returned while a function still ran on the default executor");
        assertTrue(loop.isClosed(), "Runner.close left the loop open");
        worker.get().join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(worker.get().isAlive(), "the default executor's thread outlived Runner.close");
    }

    /** A closed runner refuses run and getLoop; close is idempotent. */
    @Test
    void aClosedRunnerRefusesToRun(LoopFactory factory) {
        Runner runner = new Runner(factory);
        assertEquals("once", runner.run(() -> "once"));
        runner.close();
        runner.close();
        assertThrows(IllegalStateException.class, () -> runner.run(() -> "twice"));
        assertThrows(IllegalStateException.class, runner::getLoop);
    }

    /** A runner closed before its first run refuses to run too. */
    @Test
    void aRunnerClosedBeforeUseRefusesToRun(LoopFactory factory) {
        Runner runner = new Runner(factory);
        runner.close();
        assertThrows(IllegalStateException.class, () -> runner.run(() -> "never"));
    }

    /** The debug argument of a runner sets its loop's debug mode. */
    @Test
    void theDebugArgumentOfARunnerSetsDebugMode(LoopFactory factory) {
        try (Runner on = new Runner(factory, true); Runner off = new Runner(factory, false)) {
            assertTrue(on.run(() -> Async.getRunningLoop().isDebug()));
            assertFalse(off.run(() -> Async.getRunningLoop().isDebug()));
        }
    }
}
