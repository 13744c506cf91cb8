package dev.jasyncio.bench;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The peer: Netty's own event loop, {@code new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory())}
 * or {@code EpollIoHandler.newFactory()}, made once per trial. The workload runs on the group's one
 * thread; the benchmark thread hands it over with {@code execute()} and waits on a latch.
 */
@State(Scope.Benchmark)
public class NettyLoopState {
    /** Netty's transport: {@code nio} or {@code epoll}. */
    @Param({"nio", "epoll"})
    public String transport;

    public MultiThreadIoEventLoopGroup group;
    /** The group's only event loop. */
    public EventExecutor executor;

    @Setup(Level.Trial)
    public void open() {
        IoHandlerFactory handler = switch (transport) {
            case "nio" -> NioIoHandler.newFactory();
            case "epoll" -> {
                Epoll.ensureAvailability();
                yield EpollIoHandler.newFactory();
            }
            default -> throw new IllegalArgumentException("Unknown Netty transport '" + transport + "': use nio or epoll");
        };
        group = new MultiThreadIoEventLoopGroup(1, handler);
        executor = group.next();
    }

    @TearDown(Level.Trial)
    public void close() {
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
