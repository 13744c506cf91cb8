package dev.jasyncio.debug;

import dev.jasyncio.EventLoop;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.internal.debug.LoopProbe;
import java.time.Duration;
import java.util.Objects;

/**
 * Loops for tests: virtual time ({@link VirtualClock}) and a deadlock detector that fails with
 * the task dump ({@link LoopDeadlockException}) where a plain loop would hang.
 *
 * {@snippet :
 * // A one-hour timeout, in milliseconds of real time, the same way every run:
 * EventLoop loop = TestLoops.virtual().newEventLoop();
 * Task<String> t = loop.createTask(() -> Async.timeout(Duration.ofHours(1), () -> slowThing()));
 * loop.runUntilComplete(t);
 * Duration took = TestLoops.clock(loop).elapsed();   // virtual
 * }
 *
 * <p>For JUnit 5, the {@code @LoopTest} annotation of the {@code loop-tests} module runs a test
 * method as a task on such a loop.
 *
 * @apiNote asyncio: no counterpart (compare Kotlin's {@code runTest}/{@code TestScope}, Trio's
 *     {@code MockClock}, Tokio's {@code start_paused}).
 */
public final class TestLoops {
    private TestLoops() {}

    /**
     * Loops of the {@code core} backend on a virtual clock each, with auto-advance and deadlock
     * detection.
     *
     * @apiNote asyncio: no counterpart.
     */
    public static LoopFactory virtual() {
        return virtual(LoopFactory.byName("core"));
    }

    /**
     * Loops of {@code base} on a virtual clock each, with auto-advance and deadlock detection.
     * With an I/O backend (nio, epoll) I/O is polled without waiting before the clock jumps, and
     * no deadlock is declared while I/O might still arrive (a channel is open).
     *
     * @apiNote asyncio: no counterpart.
     */
    public static LoopFactory virtual(LoopFactory base) {
        Objects.requireNonNull(base, "base");
        return new LoopFactory() {
            @Override
            public EventLoop newEventLoop() {
                EventLoop loop = base.newEventLoop();
                VirtualClock clock = new VirtualClock();
                LoopProbe p = Probes.of(loop);
                clock.bind(p);
                p.installClock(clock.hook());
                return loop;
            }

            @Override
            public String toString() {
                return base + " on virtual time";
            }
        };
    }

    /**
     * Loops of {@code base} on real time that throw {@link LoopDeadlockException} when they can
     * never wake up again while tasks wait: no timer, nothing owed by other threads, and no I/O
     * possible (always so on the {@code core} backend; on nio and epoll, while no channel is open).
     *
     * @apiNote asyncio: no counterpart.
     */
    public static LoopFactory detectingDeadlocks(LoopFactory base) {
        Objects.requireNonNull(base, "base");
        return new LoopFactory() {
            @Override
            public EventLoop newEventLoop() {
                EventLoop loop = base.newEventLoop();
                Probes.of(loop).installClock(new DeadlockDetector());
                return loop;
            }

            @Override
            public String toString() {
                return base + " detecting deadlocks";
            }
        };
    }

    /**
     * The virtual clock of a loop made by {@link #virtual()}.
     *
     * @throws IllegalArgumentException if the loop has no virtual clock
     * @apiNote asyncio: no counterpart.
     */
    public static VirtualClock clock(EventLoop loop) {
        if (Probes.of(loop).installedClock() instanceof VirtualClock.Hook h) {
            return h.owner();
        }
        throw new IllegalArgumentException(loop + " runs on real time: make it with TestLoops.virtual()");
    }

    /**
     * Runs a stopped virtual-time loop until it has nothing to do now: no callback ready, no
     * timer due; virtual time does not move. Returns when the loop would otherwise wait (for a
     * later timer, another thread, or I/O).
     *
     * @throws IllegalStateException if the loop is running or closed
     * @throws IllegalArgumentException if it has no virtual clock
     * @apiNote asyncio: no counterpart (Kotlin's {@code runCurrent}).
     */
    public static void runUntilIdle(EventLoop loop) {
        VirtualClock c = clock(loop);
        runStoppingWhenIdle(loop, c, false, 0);
    }

    /**
     * Moves a stopped virtual-time loop {@code delta} forward, running on the way every callback
     * and timer in deadline order, each at its own time, then what is ready at the end.
     *
     * @throws IllegalStateException if the loop is running or closed
     * @throws IllegalArgumentException if it has no virtual clock, or {@code delta} is negative
     * @apiNote asyncio: no counterpart (Kotlin's {@code advanceTimeBy} then {@code runCurrent}).
     */
    public static void advance(EventLoop loop, Duration delta) {
        VirtualClock c = clock(loop);
        Objects.requireNonNull(delta, "delta");
        if (delta.isNegative()) {
            throw new IllegalArgumentException("a clock cannot go back: advance(" + delta + ")");
        }
        runStoppingWhenIdle(loop, c, true, c.nanoTime() + delta.toNanos());
    }

    private static void runStoppingWhenIdle(EventLoop loop, VirtualClock c, boolean advance, long target) {
        if (loop.isRunning()) {
            throw new IllegalStateException("runUntilIdle/advance drive a stopped loop; inside a task, use Async.sleep: " + loop);
        }
        c.stopWhenIdle(true, advance, target);
        try {
            loop.runForever();
        } finally {
            c.stopWhenIdle(false, false, 0);
        }
    }
}
