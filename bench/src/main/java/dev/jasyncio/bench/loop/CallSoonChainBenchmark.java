package dev.jasyncio.bench.loop;

import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.bench.JasyncioLoopState;
import dev.jasyncio.bench.NettyLoopState;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W1, call-soon chain: 1,000,000 callbacks, each scheduling the next with the loop's "run soon"
 * primitive from inside the loop. The score is nanoseconds per callback; callbacks/s = 1e9 / score.
 *
 * <ul>
 *   <li>{@link #jasyncio}: {@code EventLoop.callSoon} (asyncio {@code loop.call_soon}); the callback
 *       runs on a later iteration, never inside {@code callSoon}. The first callback is scheduled
 *       before {@code runUntilComplete}, the other 999,999 by their predecessor.
 *   <li>{@link #jasyncioOnItsOwnThread}: the same chain on a core loop that runs for the whole trial
 *       on a thread of its own, each chain started with {@code callSoonThreadsafe}, the benchmark
 *       thread waiting on a latch the last callback opens: the shape of {@link #netty}, and of an
 *       application's loop, whose inbox has been used (it once kept a per-iteration store that the
 *       benchmark-thread loop above never paid).
 *   <li>{@link #netty}, the peer: {@code EventExecutor.execute()} on Netty's own single-thread
 *       {@code MultiThreadIoEventLoopGroup}, NIO or epoll; the benchmark thread submits the first
 *       callback and waits on a latch the last one opens.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(CallSoonChainBenchmark.CALLBACKS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED", "-Xss8m"})
public class CallSoonChainBenchmark {
    static final int CALLBACKS = 1_000_000;

    @Benchmark
    public void jasyncio(JasyncioLoopState state) {
        EventLoop loop = state.eventLoop;
        Future<Void> done = loop.createFuture();
        loop.callSoon(new JasyncioLink(loop, () -> done.setResult(null)));
        loop.runUntilComplete(done);
    }

    @Benchmark
    public void jasyncioOnItsOwnThread(LoopThread state) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        state.loop.callSoonThreadsafe(new JasyncioLink(state.loop, done::countDown));
        done.await();
    }

    /** A core loop running on a thread of its own for the whole trial. */
    @State(Scope.Benchmark)
    public static class LoopThread {
        EventLoop loop;
        private Thread thread;

        @Setup(Level.Trial)
        public void start() throws InterruptedException {
            CountDownLatch made = new CountDownLatch(1);
            thread = new Thread(() -> {
                loop = LoopFactory.byName("core").newEventLoop();
                made.countDown();
                loop.runForever();
                loop.close();
            }, "jasyncio-loop");
            thread.start();
            made.await();
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            loop.callSoonThreadsafe(loop::stop);
            thread.join();
        }
    }

    @Benchmark
    public void netty(NettyLoopState state) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        state.executor.execute(new NettyLink(state.executor, done));
        done.await();
    }

    /** One object re-scheduled for every link, so that the only allocation per callback is the loop's own. */
    private static final class JasyncioLink implements Runnable {
        private final EventLoop loop;
        private final Runnable last;
        private int remaining = CALLBACKS;

        JasyncioLink(EventLoop loop, Runnable last) {
            this.loop = loop;
            this.last = last;
        }

        @Override
        public void run() {
            if (--remaining == 0) {
                last.run();
            } else {
                loop.callSoon(this);
            }
        }
    }

    private static final class NettyLink implements Runnable {
        private final EventExecutor loop;
        private final CountDownLatch done;
        private int remaining = CALLBACKS;

        NettyLink(EventExecutor loop, CountDownLatch done) {
            this.loop = loop;
            this.done = done;
        }

        @Override
        public void run() {
            if (--remaining == 0) {
                done.countDown();
            } else {
                loop.execute(this);
            }
        }
    }
}
