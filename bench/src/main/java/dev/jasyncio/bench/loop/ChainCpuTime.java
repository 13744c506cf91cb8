package dev.jasyncio.bench.loop;

import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.LoopFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.EventExecutor;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * W1 (the call-soon chain of {@link CallSoonChainBenchmark}) timed by the CPU time of the thread
 * that runs the loop rather than by the wall clock: on a shared machine the wall clock counts the
 * time the thread waited for a core, the CPU time does not, so A/B comparisons of the loop core
 * stay readable under load. Jasyncio's loop and Netty's are run alternately in one JVM; the
 * output gives the minimum, the 33rd percentile and the median over the rounds, in ns per
 * callback.
 *
 * <p>Run: {@code java --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED -cp bench/target/benchmarks.jar
 * dev.jasyncio.bench.loop.ChainCpuTime [rounds] [loop]} (defaults: 40 rounds, {@code core}).
 * It is a supplement to the JMH benchmark, not a replacement: JMH's figures are the reported ones.
 */
public final class ChainCpuTime {
    private static final int CALLBACKS = CallSoonChainBenchmark.CALLBACKS;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ChainCpuTime() {}

    public static void main(String[] args) throws InterruptedException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        String loopName = args.length > 1 ? args[1] : "core";
        EventLoop loop = LoopFactory.byName(loopName).newEventLoop();
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventExecutor executor = group.next();
        double[] jasyncio = new double[rounds];
        double[] netty = new double[rounds];
        try {
            for (int r = 0; r < rounds; r++) {
                jasyncio[r] = jasyncioRound(loop);
                netty[r] = nettyRound(executor);
            }
        } finally {
            group.shutdownGracefully();
            loop.close();
        }
        System.out.println("W1 loop-thread CPU time per callback, " + rounds + " rounds of " + CALLBACKS);
        System.out.println("jasyncio " + loopName + ": " + summary(jasyncio));
        System.out.println("netty nio:     " + summary(netty));
    }

    private static double jasyncioRound(EventLoop loop) {
        Future<Void> done = loop.createFuture();
        int[] remaining = {CALLBACKS};
        Runnable[] link = new Runnable[1];
        link[0] = () -> {
            if (--remaining[0] == 0) {
                done.setResult(null);
            } else {
                loop.callSoon(link[0]);
            }
        };
        loop.callSoon(link[0]);
        long start = THREADS.getCurrentThreadCpuTime();
        loop.runUntilComplete(done);
        return (THREADS.getCurrentThreadCpuTime() - start) / (double) CALLBACKS;
    }

    private static double nettyRound(EventExecutor executor) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        long[] cpu = new long[2];
        int[] remaining = {CALLBACKS};
        Runnable[] link = new Runnable[1];
        link[0] = () -> {
            if (remaining[0] == CALLBACKS) {
                cpu[0] = THREADS.getCurrentThreadCpuTime();
            }
            if (--remaining[0] == 0) {
                cpu[1] = THREADS.getCurrentThreadCpuTime();
                done.countDown();
            } else {
                executor.execute(link[0]);
            }
        };
        executor.execute(link[0]);
        done.await();
        return (cpu[1] - cpu[0]) / (double) CALLBACKS;
    }

    private static String summary(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format("min %.2f  p33 %.2f  median %.2f ns", sorted[0], sorted[sorted.length / 3], sorted[sorted.length / 2]);
    }
}
