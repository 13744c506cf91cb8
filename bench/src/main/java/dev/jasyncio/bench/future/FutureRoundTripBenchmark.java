package dev.jasyncio.bench.future;

import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.bench.JasyncioLoopState;
import dev.jasyncio.bench.NettyLoopState;
import io.netty.util.concurrent.DefaultPromise;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GenericFutureListener;
import io.netty.util.concurrent.Promise;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W3, future round trip, 1,000,000 times in sequence: create a loop future, add a done callback,
 * resolve it, let the callback run; the callback reads the result and starts the next round trip.
 * The score is nanoseconds per round trip; round trips/s = 1e9 / score.
 *
 * <ul>
 *   <li>{@link #jasyncio}: {@code EventLoop.createFuture} + {@code Future.addDoneCallback} +
 *       {@code Future.setResult} (asyncio {@code loop.create_future}, {@code add_done_callback},
 *       {@code set_result}); as in asyncio, {@code setResult} only schedules the callback, which
 *       runs on the next iteration.
 *   <li>{@link #netty}, the peer: {@code new DefaultPromise(executor)} + {@code addListener} +
 *       {@code setSuccess} on Netty's own single-thread {@code MultiThreadIoEventLoopGroup}, NIO or
 *       epoll. Netty's rule differs: on the loop thread it calls the listener inside
 *       {@code setSuccess} (nesting up to 8 deep, then through {@code execute()}), so it skips the
 *       scheduling that asyncio requires. The benchmark thread waits on a latch.
 *   <li>{@link #completableFuture}, the JDK's own: {@code new CompletableFuture} +
 *       {@code thenAccept} + {@code complete} on the benchmark thread, no loop at all: the
 *       dependent runs inside {@code complete}. A floor for "a future and one callback", not a
 *       loop's schedule.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(FutureRoundTripBenchmark.ROUND_TRIPS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED", "-Xss8m"})
public class FutureRoundTripBenchmark {
    static final int ROUND_TRIPS = 1_000_000;
    /** The value every future resolves to: a constant, so that no boxing is measured. */
    private static final Object RESULT = "result";

    @Benchmark
    public void jasyncio(JasyncioLoopState state) {
        EventLoop loop = state.eventLoop;
        Future<Void> done = loop.createFuture();
        loop.callSoon(new JasyncioRoundTrips(loop, done));
        loop.runUntilComplete(done);
    }

    @Benchmark
    public void netty(NettyLoopState state) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        state.executor.execute(new NettyRoundTrips(state.executor, done));
        done.await();
    }

    @Benchmark
    public int completableFuture() {
        CompletableRoundTrips trips = new CompletableRoundTrips();
        for (int i = 0; i < ROUND_TRIPS; i++) {
            CompletableFuture<Object> f = new CompletableFuture<>();
            f.thenAccept(trips);
            f.complete(RESULT);
        }
        if (trips.completed != ROUND_TRIPS) {
            throw new AssertionError(trips.completed + " callbacks ran, not " + ROUND_TRIPS);
        }
        return trips.completed;
    }

    /** The dependent of each CompletableFuture: checks the value and counts. */
    private static final class CompletableRoundTrips implements Consumer<Object> {
        private int completed;

        @Override
        public void accept(Object result) {
            if (result != RESULT) {
                throw new AssertionError("wrong result " + result);
            }
            completed++;
        }
    }

    /** Starts the first round trip when run; as the done callback of each future, starts the next. */
    private static final class JasyncioRoundTrips implements Runnable, Consumer<Future<Object>> {
        private final EventLoop loop;
        private final Future<Void> done;
        private int completed;

        JasyncioRoundTrips(EventLoop loop, Future<Void> done) {
            this.loop = loop;
            this.done = done;
        }

        @Override
        public void run() {
            Future<Object> f = loop.createFuture();
            f.addDoneCallback(this);
            f.setResult(RESULT);
        }

        @Override
        public void accept(Future<Object> f) {
            if (f.result() != RESULT) {
                throw new AssertionError("wrong result " + f.result());
            }
            if (++completed == ROUND_TRIPS) {
                done.setResult(null);
            } else {
                run();
            }
        }
    }

    private static final class NettyRoundTrips implements Runnable, GenericFutureListener<io.netty.util.concurrent.Future<Object>> {
        private final EventExecutor loop;
        private final CountDownLatch done;
        private int completed;

        NettyRoundTrips(EventExecutor loop, CountDownLatch done) {
            this.loop = loop;
            this.done = done;
        }

        @Override
        public void run() {
            Promise<Object> p = new DefaultPromise<>(loop);
            p.addListener(this);
            p.setSuccess(RESULT);
        }

        @Override
        public void operationComplete(io.netty.util.concurrent.Future<Object> f) {
            if (f.getNow() != RESULT) {
                throw new AssertionError("wrong result " + f.getNow());
            }
            if (++completed == ROUND_TRIPS) {
                done.countDown();
            } else {
                run();
            }
        }
    }
}
