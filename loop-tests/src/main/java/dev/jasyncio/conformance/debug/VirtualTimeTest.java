package dev.jasyncio.conformance.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.AsyncTimeoutException;
import dev.jasyncio.CancelledError;
import dev.jasyncio.Coroutine;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.Task;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.debug.TestLoops;
import dev.jasyncio.debug.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Virtual time on the backend under test: hours of timers in milliseconds, the same way every
 * run. Each test puts a loop of the injected factory on a virtual clock.
 */
@Conformance
class VirtualTimeTest {

    private static <T> T run(EventLoop loop, Coroutine<T> main) {
        return loop.runUntilComplete(loop.createTask(main, "main"));
    }

    @Test
    void aOneHourTimeoutExpiresAtExactlyOneHourOfVirtualTime(LoopFactory factory) {
        EventLoop loop = TestLoops.virtual(factory).newEventLoop();
        VirtualClock clock = TestLoops.clock(loop);
        Future<Void> never = loop.createFuture();
        assertThrows(AsyncTimeoutException.class, () -> run(loop, () -> Async.timeout(Duration.ofHours(1), () -> Async.await(never))));
        assertEquals(Duration.ofHours(1), clock.elapsed());
        assertEquals(clock.nanoTime(), loop.time());
    }

    @Test
    void waitForCancelsTheSlowTaskAtItsTimeout(LoopFactory factory) {
        EventLoop loop = TestLoops.virtual(factory).newEventLoop();
        VirtualClock clock = TestLoops.clock(loop);
        Task<?>[] slow = new Task<?>[1];
        assertThrows(AsyncTimeoutException.class, () -> run(loop, () -> {
            slow[0] = Async.createTask(() -> {
                Async.sleep(Duration.ofHours(2));
                return "late";
            }, "slow");
            return Async.waitFor(slow[0], Duration.ofMinutes(30));
        }));
        assertTrue(slow[0].isCancelled());
        assertEquals(Duration.ofMinutes(30), clock.elapsed());
    }

    @Test
    void sleepsEndInDeadlineOrderAtTheirExactTimesEveryRun(LoopFactory factory) {
        List<String> first = sleepers(TestLoops.virtual(factory).newEventLoop());
        List<String> again = sleepers(TestLoops.virtual(factory).newEventLoop());
        assertEquals(List.of("b@1000", "c@2000", "a@3000", "a@3500", "main@3600000"), first);
        assertEquals(first, again);
    }

    private static List<String> sleepers(EventLoop l) {
        List<String> trace = new ArrayList<>();
        l.runUntilComplete(l.createTask(() -> {
            for (String[] s : new String[][] {{"a", "3000"}, {"b", "1000"}, {"c", "2000"}}) {
                Async.createTask(() -> {
                    Async.sleep(Duration.ofMillis(Long.parseLong(s[1])));
                    trace.add(s[0] + "@" + millis(l));
                    if (s[0].equals("a")) {
                        Async.sleep(Duration.ofMillis(500));
                        trace.add("a@" + millis(l));
                    }
                    return null;
                });
            }
            Async.sleep(Duration.ofHours(1));
            trace.add("main@" + millis(l));
            return null;
        }));
        return trace;
    }

    private static long millis(EventLoop l) {
        return TimeUnit.NANOSECONDS.toMillis(TestLoops.clock(l).nanoTime());
    }

    @Test
    void advanceRunsEachTimerAtItsOwnTimeOnAStoppedLoop(LoopFactory factory) {
        EventLoop loop = TestLoops.virtual(factory).newEventLoop();
        VirtualClock clock = TestLoops.clock(loop);
        List<String> trace = new ArrayList<>();
        loop.callLater(Duration.ofSeconds(5), () -> {
            trace.add("5s@" + millis(loop));
            loop.callLater(Duration.ofSeconds(5), () -> trace.add("+5s@" + millis(loop)));
        });
        loop.callLater(Duration.ofSeconds(30), () -> trace.add("30s@" + millis(loop)));
        loop.callSoon(() -> trace.add("soon@" + millis(loop)));

        TestLoops.runUntilIdle(loop);
        assertEquals(List.of("soon@0"), trace);
        assertEquals(Duration.ZERO, clock.elapsed());

        TestLoops.advance(loop, Duration.ofSeconds(20));
        assertEquals(List.of("soon@0", "5s@5000", "+5s@10000"), trace);
        assertEquals(Duration.ofSeconds(20), clock.elapsed());

        clock.advance(Duration.ofSeconds(10));
        TestLoops.runUntilIdle(loop);
        assertEquals(List.of("soon@0", "5s@5000", "+5s@10000", "30s@30000"), trace);
    }

    @Test
    void theClockWaitsForWorkOtherThreadsOweTheLoop(LoopFactory factory) {
        EventLoop loop = TestLoops.virtual(factory).newEventLoop();
        List<String> trace = new ArrayList<>();
        run(loop, () -> {
            Async.createTask(() -> {
                Async.sleep(Duration.ofHours(1));
                trace.add("timer@" + millis(loop));
                return null;
            });
            int v = Async.toThread(() -> {
                Thread.sleep(50);
                return 7;
            });
            trace.add("thread " + v + "@" + millis(loop));
            Async.sleep(Duration.ofHours(2));
            return null;
        });
        assertEquals(List.of("thread 7@0", "timer@3600000"), trace);
    }

    @Test
    void withoutAutoAdvanceTimeMovesOnlyWhenTold(LoopFactory factory) {
        EventLoop loop = TestLoops.virtual(factory).newEventLoop();
        TestLoops.clock(loop).setAutoAdvance(false);
        List<String> trace = new ArrayList<>();
        loop.callLater(Duration.ofMinutes(1), () -> trace.add("1min"));
        TestLoops.runUntilIdle(loop);
        assertEquals(List.of(), trace);
        TestLoops.advance(loop, Duration.ofMinutes(1));
        assertEquals(List.of("1min"), trace);
    }

    @Test
    void aLoopMadeWithoutAClockRunsOnRealTime(EventLoop plain) {
        assertThrows(IllegalArgumentException.class, () -> TestLoops.clock(plain));
    }

    @Test
    void cancellingASleepingTaskEndsItWithoutMovingTheClock(LoopFactory factory) {
        EventLoop loop = TestLoops.virtual(factory).newEventLoop();
        VirtualClock clock = TestLoops.clock(loop);
        Task<?>[] sleeper = new Task<?>[1];
        run(loop, () -> {
            sleeper[0] = Async.createTask(() -> {
                Async.sleep(Duration.ofDays(1));
                return null;
            });
            Async.sleep(Duration.ofSeconds(1));
            sleeper[0].cancel();
            assertThrows(CancelledError.class, () -> Async.await(sleeper[0]));
            return null;
        });
        assertEquals(Duration.ofSeconds(1), clock.elapsed());
    }
}
