package dev.jasyncio.conformance.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.OnLoop;
import dev.jasyncio.conformance.OtherThread;
import dev.jasyncio.conformance.Steps;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Running, stopping and closing a loop. */
@Conformance
class LifecycleTest {

    /** stop() lets the current iteration finish: callbacks already scheduled for it still run. */
    @Test
    void stopLetsTheCurrentIterationFinish(EventLoop loop, Steps steps) {
        loop.callSoon(() -> {
            steps.expect(1);
            loop.stop();
        });
        loop.callSoon(() -> steps.expect(2));
        loop.runForever();
        steps.finish(3);
    }

    /** stop() before runForever() makes it run one iteration and return. */
    @Test
    void stopBeforeRunForeverRunsOneIteration(EventLoop loop, Steps steps) {
        loop.callSoon(() -> {
            steps.expect(1);
            loop.callSoon(steps::expectUnreached);
        });
        loop.stop();
        loop.runForever();
        steps.finish(2);
    }

    /** runForever() after a stop resumes where the loop stopped: the callbacks and timers left pending run. */
    @Test
    void runForeverAfterStopResumesTheRemainingCallbacks(EventLoop loop, Steps steps) {
        loop.callSoon(() -> {
            steps.expect(1);
            loop.stop();
            loop.callSoon(() -> steps.expect(3));
            loop.callLater(Duration.ofMillis(1), () -> {
                steps.expect(4);
                loop.stop();
            });
        });
        loop.runForever();
        steps.expect(2);
        loop.runForever();
        steps.finish(5);
    }

    /** isRunning() is true exactly while runForever() runs. */
    @Test
    void isRunningIsTrueOnlyWhileTheLoopRuns(EventLoop loop) {
        assertFalse(loop.isRunning());
        assertTrue(OnLoop.call(loop, loop::isRunning));
        assertFalse(loop.isRunning());
    }

    /** runForever() on a loop that is already running fails, and the running loop goes on. */
    @Test
    void runForeverOnARunningLoopFails(EventLoop loop) {
        OnLoop.run(loop, () -> assertThrows(IllegalStateException.class, loop::runForever));
        assertFalse(loop.isRunning());
        assertEquals("still usable", OnLoop.call(loop, () -> "still usable"));
    }

    /** runForever() fails while another loop runs in the same thread. */
    @Test
    void runForeverWhileAnotherLoopRunsInTheThreadFails(EventLoop loop, LoopFactory factory) {
        EventLoop other = factory.newEventLoop();
        other.callSoon(other::stop);
        OnLoop.run(loop, () -> assertThrows(IllegalStateException.class, other::runForever));
        assertFalse(other.isRunning());
        other.runForever();
    }

    static Stream<Named<Consumer<EventLoop>>> runs() {
        return Stream.of(
            Named.of("runForever", EventLoop::runForever),
            Named.of("runUntilComplete", l -> l.runUntilComplete(l.createFuture())));
    }

    /** A closed loop cannot run again. */
    @ParameterizedTest
    @MethodSource("runs")
    void runningAClosedLoopFails(Consumer<EventLoop> run, EventLoop loop) {
        loop.close();
        assertThrows(IllegalStateException.class, () -> run.accept(loop));
        assertFalse(loop.isRunning());
    }

    /** close() is refused while the loop runs; the loop is left open and running. */
    @Test
    void closeWhileRunningIsRefused(EventLoop loop) {
        OnLoop.run(loop, () -> {
            assertThrows(IllegalStateException.class, loop::close);
            assertFalse(loop.isClosed());
            assertTrue(loop.isRunning());
        });
        assertEquals("still usable", OnLoop.call(loop, () -> "still usable"));
    }

    /** close() from another thread while the loop runs is refused too. */
    @Test
    void closeFromAnotherThreadWhileRunningIsRefused(EventLoop loop) {
        OnLoop.run(loop, () -> assertThrows(IllegalStateException.class,
            () -> OtherThread.call("closer", () -> {
                loop.close();
                return null;
            })));
        assertFalse(loop.isClosed());
    }

    /** close() is idempotent and final. */
    @Test
    void closeIsIdempotent(EventLoop loop) {
        assertFalse(loop.isClosed());
        loop.close();
        assertTrue(loop.isClosed());
        loop.close();
        assertTrue(loop.isClosed());
    }

    static Stream<Named<Consumer<EventLoop>>> schedulingCalls() {
        Runnable noop = () -> {};
        return Stream.of(
            Named.of("callSoon", l -> l.callSoon(noop)),
            Named.of("callSoonThreadsafe", l -> l.callSoonThreadsafe(noop)),
            Named.of("callLater", l -> l.callLater(Duration.ZERO, noop)),
            Named.of("callAt", l -> l.callAt(l.time(), noop)),
            Named.of("runInExecutor", l -> l.runInExecutor(Runnable::run, () -> 1)));
    }

    /** Nothing can be scheduled on a closed loop. */
    @ParameterizedTest
    @MethodSource("schedulingCalls")
    void schedulingOnAClosedLoopFails(Consumer<EventLoop> call, EventLoop loop) {
        loop.close();
        assertThrows(IllegalStateException.class, () -> call.accept(loop));
    }

    /** A done callback cannot be added to a future of a closed loop (it would be scheduled on it). */
    @Test
    void addingADoneCallbackOnAClosedLoopFails(EventLoop loop) {
        Future<String> f = loop.createFuture();
        f.setResult("done");
        loop.close();
        assertThrows(IllegalStateException.class, () -> f.addDoneCallback(x -> {}));
    }

    /**
     * close() shuts the default executor down without waiting for it: it returns while a function
     * still runs there, and the executor's thread ends once that function returns.
     */
    @Test
    void closeShutsTheDefaultExecutorDownWithoutWaiting(EventLoop loop) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread[] worker = new Thread[1];
        loop.runInExecutor(null, () -> {
            worker[0] = Thread.currentThread();
            started.countDown();
            return release.await(1, TimeUnit.MINUTES);
        });
        assertTrue(started.await(10, TimeUnit.SECONDS), "the function never started");
        loop.close(); // hangs here if close() waits for the executor: release is counted down only below
        release.countDown();
        worker[0].join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(worker[0].isAlive(), "the default executor's thread outlived its last function: was it shut down?");
    }

    /** A fresh loop is neither running nor closed, and has no exception handler of its own. */
    @Test
    void aNewLoopIsIdleAndOpen(LoopFactory factory) {
        EventLoop fresh = factory.newEventLoop();
        assertFalse(fresh.isRunning());
        assertFalse(fresh.isClosed());
        assertNull(fresh.getExceptionHandler());
    }
}
