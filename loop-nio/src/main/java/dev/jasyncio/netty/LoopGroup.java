package dev.jasyncio.netty;

import dev.jasyncio.EventLoop;
import dev.jasyncio.LoopFactory;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.netty.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * N Jasyncio loops, each running forever on its own thread, that together are one Netty
 * {@code EventLoopGroup}: {@code ServerBootstrap.group(group)} spreads channels over the loops
 * ({@link #next()}), and every channel's handlers run on its loop's thread, between that loop's
 * callbacks.
 *
 * <p>Each loop runs on a {@link FastThreadLocalThread} named {@code jasyncio-<backend>-<index>},
 * a daemon with an 8 MiB stack (deep awaits need native stack). Stopping a loop ends its thread,
 * which then closes the loop. {@link #close()} stops every loop, waits for the threads and
 * leaves every loop closed; Netty's {@code shutdownGracefully} does the same without waiting,
 * and ignores the quiet period and the timeout, because a quiet period sleeps inside the loop.
 *
 * {@snippet :
 * try (LoopGroup group = LoopGroup.create(2, "epoll")) {
 *     Channel server = new ServerBootstrap().group(group)
 *         .channel(NettyDriver.of(group.loops().get(0)).channelKinds().serverSocket())
 *         .childHandler(handler).bind(address).sync().channel();
 *     ...
 * }
 * }
 *
 * @apiNote asyncio: no counterpart (asyncio runs one loop per thread and leaves the threads to
 *     the application); plays the role of Netty's {@code MultiThreadIoEventLoopGroup}.
 */
public final class LoopGroup extends MultiThreadIoEventLoopGroup {
    /*
     * Implementation overview.
     *
     * Netty makes the children inside the super constructor, by calling newChild, before any
     * field of this class is set. newChild therefore gets everything from the constructor's args
     * array: the LoopFactory and a list that collects the Jasyncio loops. It makes each loop
     * through ParentGroup, so that the Netty loop's parent() is this group, and returns its
     * NettyDriver's Netty loop. Netty's Executor argument is never used: our threads run our
     * loops, not Netty's.
     *
     * If a child cannot be made, Netty shuts the children made so far down and waits for them to
     * terminate, forever: nobody runs them, so newChild closes them first (on this thread, which
     * is allowed because they never ran) and Netty then finds them terminated.
     *
     * State: loops and threads are fixed after construction; stopRequested makes the stop
     * requests idempotent. Each thread runs runForever then closes its own loop, the only place
     * a Netty loop can release its selector (NettyDriver). The group's terminationFuture is
     * Netty's: it completes when every Netty loop has terminated, i.e. when every loop is closed.
     */

    private static final long LOOP_STACK_BYTES = 8L << 20;
    private static final Executor NETTY_EXECUTOR_UNUSED = task -> {
        throw new RejectedExecutionException("a LoopGroup runs its loops on its own threads; Netty's executor is not used");
    };

    /** The Jasyncio loops, in the order of their threads' indexes. */
    private final List<EventLoop> loops;
    /** threads.get(i) runs loops.get(i). */
    private final List<Thread> threads;
    /** Set once stopping has been requested. */
    private final AtomicBoolean stopRequested = new AtomicBoolean();

    private LoopGroup(int loopCount, LoopFactory factory, List<EventLoop> made) {
        super(loopCount, NETTY_EXECUTOR_UNUSED, (IoHandlerFactory) null, factory, made);
        this.loops = List.copyOf(made);
        List<Thread> list = new ArrayList<>(loopCount);
        for (int i = 0; i < loopCount; i++) {
            list.add(newLoopThread(loops.get(i), i));
        }
        this.threads = List.copyOf(list);
    }

    /**
     * Makes {@code loopCount} loops of the backend named {@code providerName} ({@code "nio"},
     * {@code "epoll"}) and starts their threads.
     *
     * @throws IllegalArgumentException if {@code loopCount < 1}, if no such backend exists, or if
     *     it is not driven by Netty
     * @throws IllegalStateException if the backend is not available here
     * @apiNote asyncio: no counterpart.
     */
    public static LoopGroup create(int loopCount, String providerName) {
        return create(loopCount, LoopFactory.byName(Objects.requireNonNull(providerName, "providerName")));
    }

    /**
     * Makes {@code loopCount} loops with {@code factory}, which must make Netty-driven loops, and
     * starts their threads.
     *
     * @throws IllegalArgumentException if {@code loopCount < 1} or if {@code factory} makes loops
     *     that Netty does not drive
     * @apiNote asyncio: no counterpart.
     */
    public static LoopGroup create(int loopCount, LoopFactory factory) {
        Objects.requireNonNull(factory, "factory");
        if (loopCount < 1) {
            throw new IllegalArgumentException("a LoopGroup needs at least one loop, was asked for " + loopCount);
        }
        LoopGroup group;
        try {
            group = new LoopGroup(loopCount, factory, new ArrayList<>(loopCount));
        } catch (IllegalStateException e) {
            // Netty wraps whatever newChild threw in "failed to create a child event loop".
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
        group.threads.forEach(Thread::start);
        return group;
    }

    @Override
    protected IoEventLoop newChild(Executor unused, IoHandlerFactory alsoUnused, Object... args) {
        LoopFactory factory = (LoopFactory) args[0];
        @SuppressWarnings("unchecked")
        List<EventLoop> made = (List<EventLoop>) args[1];
        EventLoop loop = null;
        try {
            loop = ParentGroup.newLoop(this, factory);
            IoEventLoop child = NettyDriver.of(loop).nettyLoop();
            made.add(loop);
            return child;
        } catch (RuntimeException | Error e) {
            if (loop != null) {
                loop.close();
            }
            made.forEach(EventLoop::close);
            throw e;
        }
    }

    private static Thread newLoopThread(EventLoop loop, int index) {
        // Built with a Runnable, so FastThreadLocalThread removes its FastThreadLocals (allocator
        // caches) when the thread ends.
        Thread t = new FastThreadLocalThread(null, () -> runThenClose(loop),
            "jasyncio-" + loop.providerName() + "-" + index, LOOP_STACK_BYTES);
        t.setDaemon(true);
        return t;
    }

    private static void runThenClose(EventLoop loop) {
        try {
            loop.runForever();
        } finally {
            loop.close();
        }
    }

    /**
     * The group's Jasyncio loops, one per thread, in thread-index order. Any thread.
     *
     * @apiNote asyncio: no counterpart.
     */
    public List<EventLoop> loops() {
        return loops;
    }

    /**
     * Asks every loop to stop and returns at once; each loop's thread then closes its loop. The
     * quiet period and the timeout are ignored (a quiet period would sleep inside the loop).
     * The returned future completes when every loop is closed. Any thread, loop threads included.
     *
     * @apiNote asyncio: no counterpart; Netty's {@code EventLoopGroup.shutdownGracefully}.
     */
    @Override
    public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
        requestStop();
        return terminationFuture();
    }

    /**
     * Same as {@link #shutdownGracefully(long, long, TimeUnit)}.
     *
     * @deprecated as in Netty; use {@link #shutdownGracefully()} or {@link #close()}.
     */
    @Override
    @Deprecated
    public void shutdown() {
        requestStop();
    }

    /**
     * Whether stopping was requested (or every Netty loop was shut down through Netty). Any thread.
     *
     * @apiNote asyncio: no counterpart.
     */
    @Override
    public boolean isShuttingDown() {
        return stopRequested.get() || super.isShuttingDown();
    }

    /**
     * Stops every loop, waits for every loop thread to end, and leaves every loop closed. An
     * interrupt does not cut the wait short; it is kept for the caller. Not on a loop thread of
     * this group, which would wait for itself: call {@link #shutdownGracefully()} there.
     *
     * @throws IllegalStateException if called on one of this group's loop threads
     * @apiNote asyncio: no counterpart; {@code ExecutorService.close()}.
     */
    @Override
    public void close() {
        Thread self = Thread.currentThread();
        if (threads.contains(self)) {
            throw new IllegalStateException("LoopGroup.close() called on its own loop thread " + self.getName()
                + ": it would wait for itself to end. Call shutdownGracefully() there, or close() from another thread");
        }
        requestStop();
        boolean interrupted = false;
        for (Thread t : threads) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        for (EventLoop loop : loops) {
            // Normally already closed by its thread; this catches a thread that never started.
            loop.close();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void requestStop() {
        if (!stopRequested.compareAndSet(false, true)) {
            return;
        }
        for (EventLoop loop : loops) {
            try {
                loop.callSoonThreadsafe(loop::stop);
            } catch (IllegalStateException closed) {
                // Its thread already ended and closed it: nothing left to stop.
            }
        }
    }

    @Override
    public String toString() {
        return "LoopGroup" + loops;
    }
}
