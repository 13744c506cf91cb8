package dev.jasyncio.conformance.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.EventLoop;
import dev.jasyncio.TimerHandle;
import dev.jasyncio.conformance.Conformance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Timers: the order they fire in, and never before their deadline. */
@Conformance
class TimerTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Timers with deadlines spread over time fire in deadline order, whatever order they were scheduled in. */
    @Test
    void timersFireInDeadlineOrder(EventLoop loop) {
        List<Integer> offsets = shuffled(IntStream.range(0, 40).boxed().toList());
        List<Integer> fired = new ArrayList<>();
        long base = loop.time() + 2 * MS;
        for (int offset : offsets) {
            loop.callAt(base + offset * MS / 2, () -> fired.add(offset));
        }
        loop.callAt(base + 40 * MS / 2, loop::stop);
        loop.runForever();
        assertEquals(IntStream.range(0, 40).boxed().toList(), fired);
    }

    /** Timers that are all due when the loop looks at them fire in deadline order. */
    @Test
    void timersAlreadyDueFireInDeadlineOrder(EventLoop loop) {
        List<Integer> offsets = shuffled(IntStream.range(0, 500).boxed().toList());
        List<Integer> fired = new ArrayList<>();
        long base = loop.time() - 1_000 * MS;
        for (int offset : offsets) {
            loop.callAt(base + offset, () -> fired.add(offset));
        }
        loop.callAt(base + 500, loop::stop);
        loop.runForever();
        assertEquals(IntStream.range(0, 500).boxed().toList(), fired);
    }

    /** Timers with equal deadlines fire in the order they were scheduled, between the timers of other deadlines. */
    @Test
    void timersWithEqualDeadlinesFireInSchedulingOrder(EventLoop loop) {
        List<String> fired = new ArrayList<>();
        long early = loop.time() + MS;
        long late = early + MS;
        for (int i = 0; i < 50; i++) {
            String n = String.valueOf(i);
            loop.callAt(late, () -> fired.add("late" + n));
            loop.callAt(early, () -> fired.add("early" + n));
        }
        loop.callAt(late, loop::stop);
        loop.runForever();
        List<String> expected = new ArrayList<>();
        IntStream.range(0, 50).forEach(i -> expected.add("early" + i));
        IntStream.range(0, 50).forEach(i -> expected.add("late" + i));
        assertEquals(expected, fired);
    }

    /**
     * A timer never fires before its deadline: when its callback runs, {@code time()} has reached
     * {@code when()}, and at least the delay has passed since {@code callLater} was called.
     */
    @Test
    void timersNeverFireEarly(EventLoop loop) {
        List<String> early = new ArrayList<>();
        int[] fired = {0};
        for (int delayMs = 0; delayMs <= 20; delayMs += 2) {
            long delay = delayMs * MS;
            long scheduledAt = loop.time();
            TimerHandle[] self = new TimerHandle[1];
            self[0] = loop.callLater(Duration.ofNanos(delay), () -> {
                long now = loop.time();
                fired[0]++;
                if (now - self[0].when() < 0 || now - scheduledAt < delay) {
                    early.add("callLater(" + delay + " ns) ran at " + now + ", when()=" + self[0].when()
                        + ", scheduled at " + scheduledAt);
                }
            });
            long when = loop.time() + delay;
            loop.callAt(when, () -> {
                long now = loop.time();
                fired[0]++;
                if (now - when < 0) {
                    early.add("callAt(" + when + ") ran at " + now);
                }
            });
        }
        loop.callLater(Duration.ofMillis(21), loop::stop);
        loop.runForever();
        assertEquals(List.of(), early);
        assertEquals(22, fired[0]);
    }

    /** {@code when()} is the deadline: the one given to callAt, or time() plus the delay of callLater. */
    @Test
    void whenIsTheDeadline(EventLoop loop) {
        long at = loop.time() + 123_456_789L;
        assertEquals(at, loop.callAt(at, () -> {}).when());
        long before = loop.time();
        long when = loop.callLater(Duration.ofSeconds(7), () -> {}).when();
        long after = loop.time();
        assertTrue(when - (before + 7_000 * MS) >= 0 && when - (after + 7_000 * MS) <= 0,
            "when()=" + when + " is not time()+7s (time() went from " + before + " to " + after + ")");
    }

    /** The loop's clock never goes backwards. */
    @Test
    void timeIsMonotonic(EventLoop loop) {
        long previous = loop.time();
        for (int i = 0; i < 100_000; i++) {
            long now = loop.time();
            assertTrue(now - previous >= 0, "time() went back from " + previous + " to " + now);
            previous = now;
        }
    }

    static Stream<Duration> notPositiveDelays() {
        return Stream.of(Duration.ZERO, Duration.ofNanos(-1), Duration.ofSeconds(-1), Duration.ofDays(-365 * 100),
            Duration.ofSeconds(Long.MIN_VALUE));
    }

    /**
     * A zero or negative delay runs the callback on the next iteration: scheduled from a callback
     * together with a stop() for the next iteration, it has run when runForever returns.
     */
    @ParameterizedTest
    @MethodSource("notPositiveDelays")
    void aZeroOrNegativeDelayRunsOnTheNextIteration(Duration delay, EventLoop loop) {
        boolean[] ran = {false};
        loop.callSoon(() -> {
            loop.callLater(delay, () -> ran[0] = true);
            loop.callSoon(loop::stop);
        });
        loop.runForever();
        assertTrue(ran[0], "callLater(" + delay + ") had not run on the next iteration");
    }

    /** A deadline already passed runs the callback on the next iteration, like a zero delay. */
    @Test
    void aDeadlineInThePastRunsOnTheNextIteration(EventLoop loop) {
        boolean[] ran = {false};
        loop.callSoon(() -> {
            loop.callAt(loop.time() - 3_600_000 * MS, () -> ran[0] = true);
            loop.callSoon(loop::stop);
        });
        loop.runForever();
        assertTrue(ran[0], "callAt(a past deadline) had not run on the next iteration");
    }

    private static <T> List<T> shuffled(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.shuffle(copy, new Random(42));
        return copy;
    }
}
