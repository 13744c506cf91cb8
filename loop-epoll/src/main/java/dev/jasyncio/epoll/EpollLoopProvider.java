package dev.jasyncio.epoll;

import dev.jasyncio.netty.ChannelKinds;
import dev.jasyncio.netty.NettyDriver;
import dev.jasyncio.spi.EventLoopProvider;
import dev.jasyncio.spi.IoDriver;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;

/**
 * The {@code epoll} backend: loops driven by Netty's native {@code EpollIoHandler}. Available
 * when Netty's epoll library loads (Linux on x86_64 or aarch64), and then the default backend.
 *
 * @apiNote asyncio: {@code asyncio.SelectorEventLoop} over {@code selectors.EpollSelector}.
 */
public final class EpollLoopProvider implements EventLoopProvider {
    /** epoll waits with a timerfd, in nanoseconds: no rounding. */
    private static final long TIMERFD_GRANULARITY_NANOS = 1L;

    /** Made by {@link java.util.ServiceLoader}. */
    public EpollLoopProvider() {}

    /**
     * {@code "epoll"}.
     *
     * @apiNote asyncio: no counterpart.
     */
    @Override
    public String name() {
        return "epoll";
    }

    /**
     * Whether Netty's native epoll library loaded ({@code Epoll.isAvailable()}); the first call
     * loads it.
     *
     * @apiNote asyncio: no counterpart.
     */
    @Override
    public boolean isAvailable() {
        return Epoll.isAvailable();
    }

    /**
     * Netty's reason, {@code Epoll.unavailabilityCause()}, or empty when available.
     *
     * @apiNote asyncio: no counterpart.
     */
    @Override
    public String unavailabilityReason() {
        Throwable cause = Epoll.unavailabilityCause();
        return cause == null ? "" : String.valueOf(cause);
    }

    /**
     * 300: the best backend when available.
     *
     * @apiNote asyncio: no counterpart.
     */
    @Override
    public int priority() {
        return 300;
    }

    /**
     * A {@link NettyDriver} over a new {@code EpollIoHandler}, with the epoll channel classes.
     *
     * @throws UnsatisfiedLinkError if the native library is not available (check {@link #isAvailable()})
     * @apiNote asyncio: no counterpart.
     */
    @Override
    public IoDriver newDriver(IoDriver.Host host) {
        return new NettyDriver(host, EpollIoHandler.newFactory(), Native.CHANNELS, TIMERFD_GRANULARITY_NANOS);
    }

    /** Loaded on the first newDriver, after availability was established. */
    private static final class Native {
        static final ChannelKinds CHANNELS =
            new ChannelKinds(EpollServerSocketChannel.class, EpollSocketChannel.class, EpollDatagramChannel.class,
                EpollUnixDomainChannels.INSTANCE);
    }
}
