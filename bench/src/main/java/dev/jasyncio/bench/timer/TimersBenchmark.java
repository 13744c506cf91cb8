package dev.jasyncio.bench.timer;

import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.TimerHandle;
import dev.jasyncio.bench.JasyncioLoopState;
import dev.jasyncio.bench.NettyLoopState;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W6, timers: from inside the loop, one callback schedules 1,000,000 timers with delays drawn
 * uniformly from 0–10 ms (fixed seed, the same delays every invocation and for every peer), then
 * cancels every other one (the odd-numbered ones, before they can fire); the workload ends when the
 * other 500,000 have fired. The score is nanoseconds per scheduled timer; timers/s = 1e9 / score.
 *
 * <ul>
 *   <li>{@link #jasyncio}: {@code callAt(loop.time() + delay, callback)} (asyncio
 *       {@code loop.call_later}, which is {@code call_at(self.time() + delay)}; {@code callAt} spares
 *       the {@code Duration} that {@code callLater} takes) and {@code TimerHandle.cancel()}.
 *   <li>{@link #netty}, the peer: {@code EventExecutor.schedule(task, delay, NANOSECONDS)} and
 *       {@code ScheduledFuture.cancel(false)} on Netty's own single-thread
 *       {@code MultiThreadIoEventLoopGroup}, NIO or epoll; the benchmark thread waits on a latch.
 * </ul>
 * Every invocation lasts at least the longest delay (10 ms) after the last timer was scheduled.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(TimersBenchmark.TIMERS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED", "-Xss8m"})
public class TimersBenchmark {
    static final int TIMERS = 1_000_000;
    static final long MAX_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    static final long SEED = 20261125L;

    /** The delays, and room for the handles so that no invocation allocates a 1,000,000-slot array. */
    @State(Scope.Thread)
    public static class Timers {
        final long[] delays = new SplittableRandom(SEED).longs(TIMERS, 0, MAX_DELAY_NANOS + 1).toArray();
        final TimerHandle[] jasyncioHandles = new TimerHandle[TIMERS];
        final ScheduledFuture<?>[] nettyHandles = new ScheduledFuture<?>[TIMERS];
    }

    @Benchmark
    public void jasyncio(JasyncioLoopState state, Timers timers) {
        EventLoop loop = state.eventLoop;
        Future<Void> done = loop.createFuture();
        long[] delays = timers.delays;
        TimerHandle[] handles = timers.jasyncioHandles;
        JasyncioFired fired = new JasyncioFired(done);
        loop.callSoon(() -> {
            for (int i = 0; i < TIMERS; i++) {
                handles[i] = loop.callAt(loop.time() + delays[i], fired);
            }
            for (int i = 0; i < TIMERS; i++) {
                if ((i & 1) != 0) {
                    handles[i].cancel();
                }
                handles[i] = null;
            }
        });
        loop.runUntilComplete(done);
    }

    @Benchmark
    public void netty(NettyLoopState state, Timers timers) throws InterruptedException {
        EventExecutor loop = state.executor;
        CountDownLatch done = new CountDownLatch(1);
        long[] delays = timers.delays;
        ScheduledFuture<?>[] handles = timers.nettyHandles;
        NettyFired fired = new NettyFired(done);
        loop.execute(() -> {
            for (int i = 0; i < TIMERS; i++) {
                handles[i] = loop.schedule(fired, delays[i], TimeUnit.NANOSECONDS);
            }
            for (int i = 0; i < TIMERS; i++) {
                if ((i & 1) != 0) {
                    handles[i].cancel(false);
                }
                handles[i] = null;
            }
        });
        done.await();
    }

    /** The callback of every timer; the last of the uncancelled half completes the workload. */
    private static final class JasyncioFired implements Runnable {
        private final Future<Void> done;
        private int fired;

        JasyncioFired(Future<Void> done) {
            this.done = done;
        }

        @Override
        public void run() {
            if (++fired == TIMERS / 2) {
                done.setResult(null);
            }
        }
    }

    private static final class NettyFired implements Runnable {
        private final CountDownLatch done;
        private int fired;

        NettyFired(CountDownLatch done) {
            this.done = done;
        }

        @Override
        public void run() {
            if (++fired == TIMERS / 2) {
                done.countDown();
            }
        }
    }
}
