package dev.jasyncio.bench.loop;

import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.bench.JasyncioLoopState;
import dev.jasyncio.bench.NettyLoopState;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W2, call-soon batch: from inside the loop, one callback schedules 1,000,000 callbacks at once,
 * then they all run. The score is nanoseconds per callback; callbacks/s = 1e9 / score.
 *
 * <ul>
 *   <li>{@link #jasyncio}: {@code EventLoop.callSoon} (asyncio {@code loop.call_soon}) called
 *       1,000,000 times by one callback; they run on the next iteration, in order.
 *   <li>{@link #netty}, the peer: {@code EventExecutor.execute()} called 1,000,000 times by one task
 *       on Netty's own single-thread {@code MultiThreadIoEventLoopGroup}, NIO or epoll; the
 *       benchmark thread submits that task and waits on a latch the last callback opens.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(CallSoonBatchBenchmark.CALLBACKS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED", "-Xss8m"})
public class CallSoonBatchBenchmark {
    static final int CALLBACKS = 1_000_000;

    @Benchmark
    public void jasyncio(JasyncioLoopState state) {
        EventLoop loop = state.eventLoop;
        Future<Void> done = loop.createFuture();
        JasyncioCounter counter = new JasyncioCounter(done);
        loop.callSoon(() -> {
            for (int i = 0; i < CALLBACKS; i++) {
                loop.callSoon(counter);
            }
        });
        loop.runUntilComplete(done);
    }

    @Benchmark
    public void netty(NettyLoopState state) throws InterruptedException {
        EventExecutor loop = state.executor;
        CountDownLatch done = new CountDownLatch(1);
        NettyCounter counter = new NettyCounter(done);
        loop.execute(() -> {
            for (int i = 0; i < CALLBACKS; i++) {
                loop.execute(counter);
            }
        });
        done.await();
    }

    /** The one callback scheduled 1,000,000 times; the last run completes the workload. */
    private static final class JasyncioCounter implements Runnable {
        private final Future<Void> done;
        private int ran;

        JasyncioCounter(Future<Void> done) {
            this.done = done;
        }

        @Override
        public void run() {
            if (++ran == CALLBACKS) {
                done.setResult(null);
            }
        }
    }

    private static final class NettyCounter implements Runnable {
        private final CountDownLatch done;
        private int ran;

        NettyCounter(CountDownLatch done) {
            this.done = done;
        }

        @Override
        public void run() {
            if (++ran == CALLBACKS) {
                done.countDown();
            }
        }
    }
}
