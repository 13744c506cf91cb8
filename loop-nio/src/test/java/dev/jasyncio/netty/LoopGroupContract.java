package dev.jasyncio.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link LoopGroup}: its threads, its Netty face and its shutdown. Each backend runs it. */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class LoopGroupContract {

    /** The backend under test, e.g. {@code "nio"}. */
    protected abstract String providerName();

    /** What a loop's thread looks like from inside the loop. */
    private record Inside(Thread thread, EventLoop running, EventExecutor currentExecutor) {}

    private static List<Inside> lookInside(LoopGroup group) throws Exception {
        List<Inside> seen = new ArrayList<>();
        for (EventLoop loop : group.loops()) {
            seen.add(LoopThread.onLoop(loop,
                () -> new Inside(Thread.currentThread(), Async.getRunningLoop(), ThreadExecutorMap.currentExecutor())));
        }
        return seen;
    }

    @Test
    public void eachLoopRunsOnItsOwnNamedFastThreadLocalDaemonThread() throws Exception {
        try (LoopGroup group = LoopGroup.create(2, providerName())) {
            assertEquals(2, group.loops().size());
            List<Inside> inside = lookInside(group);
            for (int i = 0; i < 2; i++) {
                EventLoop loop = group.loops().get(i);
                Inside in = inside.get(i);
                assertSame(loop, in.running());
                assertEquals("jasyncio-" + providerName() + "-" + i, in.thread().getName());
                assertInstanceOf(FastThreadLocalThread.class, in.thread());
                assertTrue(in.thread().isDaemon());
                assertSame(NettyDriver.of(loop).nettyLoop(), in.currentExecutor());
            }
            assertFalse(inside.get(0).thread() == inside.get(1).thread());
        }
    }

    @Test
    public void theGroupIsTheNettyParentOfItsLoopsAndHandsThemOutInTurn() {
        try (LoopGroup group = LoopGroup.create(2, providerName())) {
            List<EventExecutor> nettyLoops = new ArrayList<>();
            group.forEach(nettyLoops::add);
            assertEquals(List.of(NettyDriver.of(group.loops().get(0)).nettyLoop(),
                NettyDriver.of(group.loops().get(1)).nettyLoop()), nettyLoops);
            for (EventExecutor e : nettyLoops) {
                assertSame(group, e.parent());
            }
            assertTrue(nettyLoops.contains(group.next()));
            assertFalse(group.next() == group.next(), "next() alternates between the two loops");
        }
    }

    @Test
    public void closeStopsEveryLoopJoinsItsThreadAndClosesIt() throws Exception {
        LoopGroup group = LoopGroup.create(2, providerName());
        List<Inside> inside = lookInside(group);
        group.close();
        for (int i = 0; i < 2; i++) {
            assertFalse(inside.get(i).thread().isAlive(), "thread " + i + " still alive");
            assertTrue(group.loops().get(i).isClosed(), "loop " + i + " not closed");
            assertTrue(NettyDriver.of(group.loops().get(i)).nettyLoop().isTerminated());
        }
        assertTrue(group.isShuttingDown());
        assertTrue(group.isTerminated());
        group.close(); // idempotent
    }

    /** Netty's default quiet period is 2 s; a quiet period would sleep inside the loops. */
    @Test
    public void nettyShutdownGracefullyStopsTheLoopsWithoutAQuietPeriod() throws Exception {
        LoopGroup group = LoopGroup.create(2, providerName());
        List<Inside> inside = lookInside(group);
        long t0 = System.nanoTime();
        io.netty.util.concurrent.Future<?> terminated = group.shutdownGracefully();
        assertTrue(group.isShuttingDown());
        assertTrue(terminated.await(1_900, TimeUnit.MILLISECONDS),
            "not terminated after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        for (int i = 0; i < 2; i++) {
            inside.get(i).thread().join(5_000);
            assertFalse(inside.get(i).thread().isAlive());
            assertTrue(group.loops().get(i).isClosed());
        }
    }

    @Test
    public void closeOnALoopThreadOfTheGroupIsRefused() throws Exception {
        LoopGroup group = LoopGroup.create(1, providerName());
        try {
            Throwable refused = LoopThread.onLoop(group.loops().get(0), () -> {
                try {
                    group.close();
                    return null;
                } catch (IllegalStateException e) {
                    return e;
                }
            });
            assertInstanceOf(IllegalStateException.class, refused);
            assertTrue(refused.getMessage().contains("its own loop thread jasyncio-" + providerName() + "-0"),
                refused.getMessage());
        } finally {
            group.close();
        }
    }

    @Test
    public void aGroupOfLoopsThatNettyDoesNotDriveIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoopGroup.create(2, "core"));
        assertTrue(e.getMessage().contains("is not driven by Netty"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LoopGroup.create(0, providerName()));
    }
}
