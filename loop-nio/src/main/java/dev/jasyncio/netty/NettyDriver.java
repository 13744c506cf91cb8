package dev.jasyncio.netty;

import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.net.BaseProtocol;
import dev.jasyncio.net.ConnectOptions;
import dev.jasyncio.net.DatagramOptions;
import dev.jasyncio.net.DatagramProtocol;
import dev.jasyncio.net.DatagramTransport;
import dev.jasyncio.net.ServerOptions;
import dev.jasyncio.net.Transport;
import dev.jasyncio.spi.IoDriver;
import dev.jasyncio.spi.NetworkBackend;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import java.util.concurrent.locks.LockSupport;

/**
 * The I/O driver of the Netty backends: the loop thread drives one Netty event loop, so Netty
 * channels, pipelines and codecs run on the Jasyncio loop thread, between its callbacks.
 *
 * <p>A Netty-backed loop belongs to the first thread that runs it: Netty ties selectors and
 * channels to one thread, so running it later on another thread throws
 * {@link IllegalStateException}, and it should be closed on that thread too (closing it elsewhere
 * cannot release the selector and logs a warning). {@link #nettyLoop()} is a complete Netty
 * {@code EventLoopGroup} of one loop: pass it to {@code ServerBootstrap.group} or
 * {@code Bootstrap.group}. Never shut it down through Netty: {@link EventLoop#close()} does that,
 * without Netty's quiet period (which would sleep inside the loop).
 *
 * @apiNote asyncio: the selector under {@code BaseSelectorEventLoop}; no public counterpart.
 */
public final class NettyDriver implements IoDriver, NetworkBackend {
    /*
     * Implementation overview.
     *
     * The loop core decides how long to wait; this driver turns that into one call on a Netty
     * ManualIoEventLoop (`io`), which selects or epoll_waits, handles ready channels, then runs
     * Netty's own task queue and due scheduled tasks. Netty 4.2.18's ManualIoEventLoop.run(long
     * waitNanos) reads its argument as: < 0 never block (same as runNow()), 0 block with NO
     * limit, > 0 block at most that long. Hence:
     *   poll(0)        -> io.runNow()
     *   poll(FOREVER)  -> io.run(0)
     *   poll(w)        -> io.run(w rounded up to waitGranularityNanos)
     * Netty shortens any wait by itself for its own scheduled tasks (SslHandler handshake
     * timeouts, IdleStateHandler, connect timeouts) and skips it when its task queue is not empty.
     * NIO's select takes whole milliseconds and rounds to the nearest one, so a 0.4 ms wait would
     * become selectNow() and the loop would spin until the timer is due: the NIO provider passes
     * a granularity of 1 ms and we round up. epoll arms a timerfd in nanoseconds: granularity 1.
     *
     * State:
     * - io: made in the constructor without an owning thread; Netty allows setting it once.
     * - owner: null until the first bind (or a close before any run) claims the loop, then fixed.
     * - previousExecutor: Netty's current-executor mapping of the owner thread before bind.
     *
     * Invariants:
     * (1) only the owner calls io.run / io.runNow (Netty checks it too, but with a bare ISE; bind
     *     checks first to say what happened);
     * (2) io blocks only if host.canBlock(), which Netty asks right before it blocks (see
     *     DrivenIoEventLoop), so no callSoonThreadsafe wakeup is lost;
     * (3) between bind and unbind, ThreadExecutorMap.currentExecutor() is io on the owner thread,
     *     as on one of Netty's own loop threads: the adaptive allocator's thread-local magazines
     *     and the pooled allocator's cache trimming depend on it, and the allocator decides once
     *     per thread, at its first allocation, which may happen in a callback outside io.run;
     * (4) once io has terminated (close, or someone shut it down through Netty), poll parks like
     *     the core backend instead of calling io, which would return at once and make the loop spin.
     *
     * Non-invariants: close() on another thread than the owner cannot run io, so the selector
     * stays open (Netty offers no way to release it from outside); we log it.
     *
     * Threading: wakeup() from any thread; bind() from any thread that tries to run the loop;
     * everything else on the owner. `owner` is volatile for wakeup() and for bind's message.
     *
     * ThreadExecutorMap lives in io.netty.util.internal, a package Netty exports from its module
     * (netty-buffer reads it) but does not promise to keep; Netty 4.2.18 offers no public way to
     * map a thread that Netty does not start itself: ManualIoEventLoop sets it only inside run(),
     * SingleThreadEventExecutor only on threads it starts. The class and its two methods have
     * been stable since Netty 4.1.
     */

    /** Close passes before giving up; termination normally takes one (see close()). */
    private static final int MAX_CLOSE_PASSES = 16;
    private static final System.Logger LOG = System.getLogger("dev.jasyncio.netty");

    /** The Jasyncio loop. */
    private final Host host;
    /** The Netty loop this driver runs. */
    private final DrivenIoEventLoop io;
    /** What is registered with {@link #io}: whether I/O may still arrive. */
    private final RegisteredHandles handles;
    /** The channel classes that can register with {@link #io}. */
    private final ChannelKinds channelKinds;
    /** Bounded waits are rounded up to a multiple of this (1: exact). */
    private final long waitGranularityNanos;
    /** The thread that owns the loop, or null before the first run. */
    private volatile Thread owner;
    /** Owner only: the executor mapped to the owner before bind. */
    private EventExecutor previousExecutor;
    /** The TCP transports, made on first use (so that a loop that never connects loads none of it). */
    private NettyNetwork network;

    /**
     * Makes the driver of one loop: called by a provider's {@code newDriver}. If a
     * {@link LoopGroup} is making the loop, the Netty loop's {@code parent()} is that group.
     *
     * @param host the loop that owns the driver
     * @param handlerFactory makes the Netty I/O handler ({@code NioIoHandler.newFactory()}, {@code EpollIoHandler.newFactory()}…)
     * @param channelKinds the channel classes that match the handler
     * @param waitGranularityNanos bounded waits are rounded up to a multiple of this; 1 for none
     * @throws IllegalArgumentException if {@code waitGranularityNanos < 1}
     * @apiNote asyncio: no counterpart.
     */
    public NettyDriver(Host host, IoHandlerFactory handlerFactory, ChannelKinds channelKinds, long waitGranularityNanos) {
        if (waitGranularityNanos < 1) {
            throw new IllegalArgumentException("waitGranularityNanos must be >= 1, was " + waitGranularityNanos);
        }
        this.host = Objects.requireNonNull(host, "host");
        this.channelKinds = Objects.requireNonNull(channelKinds, "channelKinds");
        this.waitGranularityNanos = waitGranularityNanos;
        this.handles = new RegisteredHandles(handlerFactory);
        this.io = new DrivenIoEventLoop(ParentGroup.current(), handles, host);
    }

    /**
     * The driver of {@code loop}, which must come from a Netty backend.
     *
     * @throws IllegalArgumentException if {@code loop} is not driven by Netty (e.g. the {@code core} backend)
     * @apiNote asyncio: no counterpart.
     */
    public static NettyDriver of(EventLoop loop) {
        Objects.requireNonNull(loop, "loop");
        if (loop.ioDriver() instanceof NettyDriver driver) {
            return driver;
        }
        throw new IllegalArgumentException("loop " + loop + " is not driven by Netty (its backend is '"
            + loop.providerName() + "'): make it with a Netty backend, e.g. LoopFactory.byName(\"nio\") or \"epoll\"");
    }

    /**
     * The Netty event loop that this driver runs: a one-loop {@code EventLoopGroup} whose channels
     * and tasks run on the Jasyncio loop thread. Any thread.
     *
     * @apiNote asyncio: no counterpart.
     */
    public IoEventLoop nettyLoop() {
        return io;
    }

    /**
     * The channel classes that can register with {@link #nettyLoop()}. Any thread.
     *
     * @apiNote asyncio: no counterpart.
     */
    public ChannelKinds channelKinds() {
        return channelKinds;
    }

    @Override
    public void bind(Thread loopThread) {
        if (loopThread != Thread.currentThread()) {
            throw new IllegalArgumentException("bind(" + loopThread.getName() + ") must be called on that thread, not on "
                + Thread.currentThread().getName());
        }
        if (owner != loopThread) {
            claim(loopThread);
        }
        previousExecutor = ThreadExecutorMap.setCurrentExecutor(io);
    }

    /** Makes {@code thread} the owner, once; a later claim by another thread throws. */
    private void claim(Thread thread) {
        try {
            io.setOwningThread(thread);
        } catch (IllegalStateException alreadyOwned) {
            Thread first = owner;
            throw new IllegalStateException("a Netty-backed loop runs on the thread that first ran it ("
                + (first != null ? first.getName() : "another thread") + "); it cannot run on thread " + thread.getName()
                + ": Netty ties its selector and channels to one thread. Run it on that thread, or make a new loop here",
                alreadyOwned);
        }
        owner = thread;
    }

    @Override
    public void unbind() {
        ThreadExecutorMap.setCurrentExecutor(previousExecutor);
        previousExecutor = null;
    }

    @Override
    public void poll(long waitNanos) {
        if (io.isTerminated()) {
            parkWithoutNetty(waitNanos);
        } else if (waitNanos <= 0) {
            io.runNow();
        } else if (waitNanos == FOREVER) {
            io.run(0);
        } else {
            io.run(roundUp(waitNanos, waitGranularityNanos));
        }
    }

    /**
     * {@code waitNanos} rounded up to a multiple of {@code granularity}; 0 (Netty's "no limit")
     * if that overflows.
     */
    static long roundUp(long waitNanos, long granularity) {
        long rest = waitNanos % granularity;
        if (rest == 0) {
            return waitNanos;
        }
        long up = waitNanos + (granularity - rest);
        return up > 0 ? up : 0;
    }

    /** Invariant (4): the Netty loop is gone, so wait like the core backend's ParkDriver. */
    private void parkWithoutNetty(long waitNanos) {
        if (waitNanos <= 0 || !host.canBlock()) {
            return;
        }
        if (waitNanos == FOREVER) {
            LockSupport.park(this);
        } else {
            LockSupport.parkNanos(this, waitNanos);
        }
    }

    /**
     * True while a channel (or any other Netty handle) is registered with {@link #nettyLoop()}:
     * a listening server, a connection, one being connected. A task scheduled on the Netty loop
     * without any channel does not count. Loop thread only.
     */
    @Override
    public boolean mayReceiveIo() {
        return !io.isTerminated() && handles.any();
    }

    @Override
    public void wakeup() {
        if (io.isShuttingDown()) {
            // Netty ignores wakeups once shutting down; poll parks instead (invariant 4).
            Thread t = owner;
            if (t != null) {
                LockSupport.unpark(t);
            }
        } else {
            io.wakeup();
        }
    }

    /**
     * Shuts the Netty loop down and runs it until it has terminated: its channels are closed and
     * its handler releases the selector. The quiet period and the timeout are 0, so Netty's
     * confirmShutdown never sleeps (it sleeps 100 ms per pass while a quiet period lasts) and
     * terminates on the first pass, unless System.nanoTime() stands still across that pass.
     */
    @Override
    public void close() {
        Thread self = Thread.currentThread();
        if (owner == null) {
            // Never ran: this thread may release it, and then nobody can run it any more.
            claim(self);
        }
        io.shutdownGracefully(0, 0, TimeUnit.NANOSECONDS);
        if (owner != self) {
            LOG.log(System.Logger.Level.WARNING, "closing a Netty-backed loop on thread {0}, but it belongs to thread {1}:"
                + " its selector and channels can only be released there and stay open. Close the loop on the thread"
                + " that ran it", self.getName(), owner.getName());
            return;
        }
        for (int pass = 0; pass < MAX_CLOSE_PASSES && !io.isTerminated(); pass++) {
            io.runNow();
        }
        if (!io.isTerminated()) {
            LOG.log(System.Logger.Level.WARNING, "the Netty loop of {0} did not terminate after {1} passes; giving up",
                host.loop(), MAX_CLOSE_PASSES);
        }
    }

    /**
     * Connects a TCP socket with a Netty {@code Bootstrap} on {@link #nettyLoop()}; see
     * {@link NetworkBackend#connect}. Loop thread only.
     *
     * @apiNote asyncio: the socket half of {@code loop.create_connection()}.
     */
    @Override
    public Future<Transport> connect(InetSocketAddress remote, ConnectOptions options,
            Supplier<? extends BaseProtocol> protocolFactory) {
        return network().connect(remote, options, protocolFactory);
    }

    /**
     * Binds a listening TCP socket with a Netty {@code ServerBootstrap} on {@link #nettyLoop()};
     * see {@link NetworkBackend#listen}. Loop thread only.
     *
     * @apiNote asyncio: the socket half of {@code loop.create_server()}.
     */
    @Override
    public Future<Listener> listen(InetSocketAddress local, ServerOptions options, Acceptor acceptor) {
        return network().listen(local, options, acceptor);
    }

    /**
     * Upgrades a connection of this loop to TLS by putting an {@code SslHandler} in its
     * pipeline; see {@link NetworkBackend#startTls}. Loop thread only.
     *
     * @apiNote asyncio: {@code loop.start_tls()}.
     */
    @Override
    public Future<Transport> startTls(Transport transport, BaseProtocol protocol, SSLContext context, boolean serverSide,
            String serverHostname, Duration handshakeTimeout, Duration shutdownTimeout) {
        return network().startTls(transport, protocol, context, serverSide, serverHostname, handshakeTimeout,
            shutdownTimeout);
    }

    /**
     * Opens a UDP socket with a Netty {@code Bootstrap} on {@link #nettyLoop()}; see
     * {@link NetworkBackend#openDatagram}. Loop thread only.
     *
     * @apiNote asyncio: the socket half of {@code loop.create_datagram_endpoint()}.
     */
    @Override
    public Future<DatagramTransport> openDatagram(InetSocketAddress local, InetSocketAddress remote,
            DatagramOptions options, Supplier<? extends DatagramProtocol> protocolFactory) {
        return network().openDatagram(local, remote, options, protocolFactory);
    }

    /**
     * Connects a Unix stream socket with a Netty {@code Bootstrap} on {@link #nettyLoop()}; see
     * {@link NetworkBackend#connectUnix}. Loop thread only.
     *
     * @apiNote asyncio: the socket half of {@code loop.create_unix_connection()}.
     */
    @Override
    public Future<Transport> connectUnix(UnixDomainSocketAddress remote, ConnectOptions options,
            Supplier<? extends BaseProtocol> protocolFactory) {
        return network().connectUnix(remote, options, protocolFactory);
    }

    /**
     * Binds a listening Unix stream socket and registers it on {@link #nettyLoop()}; see
     * {@link NetworkBackend#listenUnix}. Loop thread only.
     *
     * @apiNote asyncio: the socket half of {@code loop.create_unix_server()}.
     */
    @Override
    public Future<Listener> listenUnix(UnixDomainSocketAddress local, ServerOptions options, Acceptor acceptor) {
        return network().listenUnix(local, options, acceptor);
    }

    private NettyNetwork network() {
        NettyNetwork n = network;
        if (n == null) {
            n = new NettyNetwork(host.loop(), io, channelKinds);
            network = n;
        }
        return n;
    }

    @Override
    public String toString() {
        Thread t = owner;
        return "NettyDriver[" + channelKinds.socket().getSimpleName() + (t != null ? ", owner " + t.getName() : "")
            + (io.isTerminated() ? ", terminated" : "") + "]";
    }
}
