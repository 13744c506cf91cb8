package dev.jasyncio.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.LoopFactory;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.IoEventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a loop driven by {@link NettyDriver} must do beyond the general conformance suite: the
 * Netty-specific waiting, waking, thread ownership and shutdown. Each backend runs it.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class NettyDriverContract {

    /** The backend under test, e.g. {@code "nio"}. */
    protected abstract String providerName();

    private EventLoop newLoop() {
        return LoopFactory.byName(providerName()).newEventLoop();
    }

    @Test
    public void theProviderMakesLoopsDrivenByAStandaloneNettyLoop() {
        EventLoop loop = newLoop();
        try {
            assertEquals(providerName(), loop.providerName());
            NettyDriver driver = NettyDriver.of(loop);
            assertSame(loop.ioDriver(), driver);
            assertNull(driver.nettyLoop().parent(), "a loop outside a LoopGroup has no Netty parent");
            assertSame(driver.nettyLoop(), driver.nettyLoop().next(), "one Netty loop is a group of itself");
        } finally {
            loop.close();
        }
    }

    @Test
    public void callbacksRunInOrderAndTimersNeverFireEarly() {
        EventLoop loop = newLoop();
        try {
            List<String> callbacks = new ArrayList<>();
            List<Long> timers = new ArrayList<>();
            List<String> early = new ArrayList<>();
            Future<Void> done = loop.createFuture();
            // Sub-millisecond delays catch a driver that returns before the deadline on NIO's
            // millisecond select; the longest timer ends the run.
            long[] delaysNanos = {20_000_000, 300_000, 0, 1_500_000, 5_000_000, 1_000, 700_000};
            long start = loop.time();
            for (long d : delaysNanos) {
                long deadline = start + d;
                loop.callAt(deadline, () -> {
                    long now = loop.time();
                    if (now < deadline) {
                        early.add(d + " ns timer fired " + (deadline - now) + " ns early");
                    }
                    timers.add(d);
                    if (d == 20_000_000) {
                        done.setResult(null);
                    }
                });
            }
            loop.callSoon(() -> callbacks.add("soon 1"));
            loop.callSoon(() -> {
                callbacks.add("soon 2");
                loop.callSoon(() -> callbacks.add("soon 3"));
            });
            loop.runUntilComplete(done);

            assertEquals(List.of(), early);
            assertEquals(List.of(0L, 1_000L, 300_000L, 700_000L, 1_500_000L, 5_000_000L, 20_000_000L), timers);
            assertEquals(List.of("soon 1", "soon 2", "soon 3"), callbacks);
        } finally {
            loop.close();
        }
    }

    /**
     * Bursts from 8 threads, with the loop idle (blocked in Netty, no timer) before each burst,
     * so every burst needs the cross-thread wakeup. None may be lost or reordered per producer.
     */
    @Test
    public void callSoonThreadsafeWakesALoopBlockedInNettyAndLosesNothing() throws Exception {
        final int producers = 8;
        final int perProducer = 10_000;
        final int[] bursts = {1, 99};
        final int rounds = perProducer / (bursts[0] + bursts[1]) * 2;
        CountDownLatch[] roundDone = new CountDownLatch[rounds];
        long[] roundTarget = new long[rounds];
        long cumulative = 0;
        for (int r = 0; r < rounds; r++) {
            roundDone[r] = new CountDownLatch(1);
            cumulative += (long) producers * bursts[r % 2];
            roundTarget[r] = cumulative;
        }
        Counter counter = new Counter(producers, roundTarget, roundDone);
        CyclicBarrier go = new CyclicBarrier(producers);
        List<String> failures = new CopyOnWriteArrayList<>();

        try (LoopThread lt = LoopThread.start(providerName())) {
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int producer = p;
                Thread t = new Thread(() -> {
                    int seq = 0;
                    try {
                        for (int r = 0; r < rounds; r++) {
                            go.await(5, TimeUnit.SECONDS);
                            for (int i = 0; i < bursts[r % 2]; i++) {
                                int s = seq++;
                                lt.loop.callSoonThreadsafe(() -> counter.ran(producer, s));
                            }
                            if (!roundDone[r].await(5, TimeUnit.SECONDS)) {
                                failures.add("round " + r + " not processed within 5 s: a wakeup was lost");
                                return;
                            }
                        }
                    } catch (Exception e) {
                        failures.add("producer " + producer + ": " + e);
                    }
                }, "producer-" + p);
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join(15_000);
                assertFalse(t.isAlive(), t.getName() + " did not finish");
            }
            assertEquals(List.of(), failures);
            assertEquals((long) producers * perProducer, (long) lt.call(() -> counter.processed));
            assertEquals(0, (int) lt.call(() -> counter.outOfOrder));
        }
    }

    /** Loop-thread-only bookkeeping of the wakeup test. */
    private static final class Counter {
        final int[] nextSeq;
        final long[] roundTarget;
        final CountDownLatch[] roundDone;
        long processed;
        int round;
        int outOfOrder;

        Counter(int producers, long[] roundTarget, CountDownLatch[] roundDone) {
            this.nextSeq = new int[producers];
            this.roundTarget = roundTarget;
            this.roundDone = roundDone;
        }

        void ran(int producer, int seq) {
            if (seq != nextSeq[producer]++) {
                outOfOrder++;
            }
            processed++;
            if (round < roundTarget.length && processed == roundTarget[round]) {
                roundDone[round++].countDown();
            }
        }
    }

    @Test
    public void nettyTasksAndNettyTimersWakeTheLoop() {
        EventLoop loop = newLoop();
        try {
            IoEventLoop netty = NettyDriver.of(loop).nettyLoop();
            Future<String> done = loop.createFuture();
            List<String> seen = new ArrayList<>();
            loop.callSoon(() -> {
                // Submitted on the loop thread, so Netty sends no wakeup: the loop must not block on it.
                netty.execute(() -> seen.add("task"));
                // No Jasyncio timer is pending: only Netty's own deadline can end the wait.
                netty.schedule(() -> done.setResult("scheduled"), 5, TimeUnit.MILLISECONDS);
            });
            assertEquals("scheduled", loop.runUntilComplete(done));
            assertEquals(List.of("task"), seen);
        } finally {
            loop.close();
        }
    }

    @Test
    public void aForeignThreadsNettyTaskWakesTheLoop() throws Exception {
        try (LoopThread lt = LoopThread.start(providerName())) {
            lt.call(() -> null); // the loop has run and is now idle, blocked in Netty
            CompletableFuture<Thread> ranOn = new CompletableFuture<>();
            lt.driver().nettyLoop().execute(() -> ranOn.complete(Thread.currentThread()));
            assertSame(lt.thread, ranOn.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    public void whileTheLoopRunsNettySeesItsLoopAsTheThreadsCurrentExecutor() {
        EventLoop loop = newLoop();
        try {
            IoEventLoop netty = NettyDriver.of(loop).nettyLoop();
            EventExecutor before = ThreadExecutorMap.currentExecutor();
            AtomicReference<EventExecutor> during = new AtomicReference<>();
            Future<Boolean> inEventLoop = loop.createFuture();
            loop.callSoon(() -> {
                during.set(ThreadExecutorMap.currentExecutor());
                inEventLoop.setResult(netty.inEventLoop());
            });
            assertTrue(loop.runUntilComplete(inEventLoop), "callbacks run in Netty's event loop");
            assertSame(netty, during.get());
            assertSame(before, ThreadExecutorMap.currentExecutor(), "the mapping is undone when the run ends");
        } finally {
            loop.close();
        }
    }

    @Test
    public void aLoopRunsOnlyOnTheThreadThatFirstRanIt() throws Exception {
        EventLoop loop = newLoop();
        Thread first = Thread.currentThread();
        try {
            runOnce(loop);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread second = new Thread(() -> {
                try {
                    runOnce(loop);
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "second-thread");
            second.start();
            second.join(5_000);

            IllegalStateException e = assertInstanceOf(IllegalStateException.class, failure.get());
            assertTrue(e.getMessage().startsWith("a Netty-backed loop runs on the thread that first ran it ("
                + first.getName() + ")"), e.getMessage());
            assertTrue(e.getMessage().contains("second-thread"), e.getMessage());
            assertFalse(loop.isRunning());
            runOnce(loop); // still usable on its own thread
        } finally {
            loop.close();
        }
    }

    private static void runOnce(EventLoop loop) {
        loop.callSoon(loop::stop);
        loop.runForever();
    }

    @Test
    public void closeReleasesTheNettyLoopAtOnceAndClosesItsChannels() throws Exception {
        EventLoop loop = newLoop();
        NettyDriver driver = NettyDriver.of(loop);
        Channel server;
        try {
            Future<Channel> bound = loop.createFuture();
            loop.callSoon(() -> new ServerBootstrap().group(driver.nettyLoop())
                .channel(driver.channelKinds().serverSocket())
                .childHandler(new ChannelInboundHandlerAdapter())
                .bind(new InetSocketAddress(NettyEchoContract.LOOPBACK, 0))
                .addListener((ChannelFuture f) -> {
                    if (f.isSuccess()) {
                        bound.setResult(f.channel());
                    } else {
                        bound.setException(f.cause());
                    }
                }));
            server = loop.runUntilComplete(bound);
            assertTrue(server.isOpen());
        } finally {
            loop.close();
        }
        // Synchronous: no quiet period, no waiting for another thread.
        assertTrue(driver.nettyLoop().isTerminated());
        assertFalse(server.isOpen());
    }

    @Test
    public void aLoopThatNeverRanCanBeClosedOnAnyThread() throws Exception {
        EventLoop loop = newLoop();
        Thread closer = new Thread(loop::close, "closer");
        closer.start();
        closer.join(5_000);
        assertTrue(loop.isClosed());
        assertTrue(NettyDriver.of(loop).nettyLoop().isTerminated());
    }

    /**
     * Someone shut the Netty loop down through Netty while the Jasyncio loop runs: Netty's run()
     * then returns at once, so the driver must park instead (a spinning loop thread would never
     * be seen parked), and a callSoonThreadsafe must still wake it.
     */
    @Test
    public void afterNettyShutsDownUnderneathTheLoopStillParksAndWakes() throws Exception {
        EventLoop loop = newLoop();
        try {
            IoEventLoop netty = NettyDriver.of(loop).nettyLoop();
            Thread loopThread = Thread.currentThread();

            Future<Void> timer = loop.createFuture();
            AtomicBoolean fired = new AtomicBoolean();
            loop.callSoon(() -> netty.shutdownGracefully(0, 0, TimeUnit.NANOSECONDS));
            loop.callLater(Duration.ofMillis(300), () -> {
                fired.set(true);
                timer.setResult(null);
            });
            CompletableFuture<Boolean> parkedOnTimer = watchFor(loopThread, Thread.State.TIMED_WAITING, fired::get);
            loop.runUntilComplete(timer);
            assertTrue(netty.isTerminated());
            assertTrue(parkedOnTimer.get(5, TimeUnit.SECONDS), "the loop thread never parked while waiting for a timer");

            Future<String> woken = loop.createFuture();
            CompletableFuture<Boolean> parkedIdle = watchFor(loopThread, Thread.State.WAITING, () -> false);
            parkedIdle.whenComplete((parked, e) -> loop.callSoonThreadsafe(() -> woken.setResult("woken")));
            assertEquals("woken", loop.runUntilComplete(woken));
            assertTrue(parkedIdle.get(), "the idle loop thread never parked");
        } finally {
            loop.close();
        }
    }

    /**
     * On another thread, waits up to 5 s for {@code thread} to reach {@code state}; completes with
     * whether it did, or with false as soon as {@code giveUp} says so.
     */
    private static CompletableFuture<Boolean> watchFor(Thread thread, Thread.State state, BooleanSupplier giveUp) {
        CompletableFuture<Boolean> seen = new CompletableFuture<>();
        Thread watcher = new Thread(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (thread.getState() != state) {
                if (giveUp.getAsBoolean() || System.nanoTime() - deadline > 0) {
                    seen.complete(false);
                    return;
                }
                Thread.onSpinWait();
            }
            seen.complete(true);
        }, "watcher");
        watcher.setDaemon(true);
        watcher.start();
        return seen;
    }
}
