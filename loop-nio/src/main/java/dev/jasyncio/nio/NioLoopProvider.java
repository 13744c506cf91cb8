package dev.jasyncio.nio;

import dev.jasyncio.netty.ChannelKinds;
import dev.jasyncio.netty.NettyDriver;
import dev.jasyncio.netty.UnixDomainChannels;
import dev.jasyncio.spi.EventLoopProvider;
import dev.jasyncio.spi.IoDriver;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The {@code nio} backend: loops driven by Netty's {@code NioIoHandler} over the JDK's
 * {@link java.nio.channels.Selector}. Always available; chosen by default when epoll is not.
 *
 * @apiNote asyncio: {@code asyncio.SelectorEventLoop} with the JDK's default selector.
 */
public final class NioLoopProvider implements EventLoopProvider {
    /** NIO's select takes whole milliseconds (see NettyDriver): round bounded waits up to them. */
    private static final long SELECT_GRANULARITY_NANOS = 1_000_000L;

    /** Made by {@link java.util.ServiceLoader}. */
    public NioLoopProvider() {}

    /**
     * {@code "nio"}.
     *
     * @apiNote asyncio: no counterpart.
     */
    @Override
    public String name() {
        return "nio";
    }

    /**
     * Always true: NIO is part of the JDK.
     *
     * @apiNote asyncio: no counterpart.
     */
    @Override
    public boolean isAvailable() {
        return true;
    }

    /**
     * 200: above {@code core}, below {@code epoll}.
     *
     * @apiNote asyncio: no counterpart.
     */
    @Override
    public int priority() {
        return 200;
    }

    /**
     * A {@link NettyDriver} over a new {@code NioIoHandler}, with the NIO channel classes.
     *
     * @apiNote asyncio: no counterpart.
     */
    @Override
    public IoDriver newDriver(IoDriver.Host host) {
        return new NettyDriver(host, Nio.HANDLERS, Nio.CHANNELS, SELECT_GRANULARITY_NANOS);
    }

    /** Loaded on the first newDriver, so that listing providers loads no Netty class. */
    private static final class Nio {
        static final IoHandlerFactory HANDLERS = NioIoHandler.newFactory();
        static final ChannelKinds CHANNELS =
            new ChannelKinds(NioServerSocketChannel.class, NioSocketChannel.class, NioDatagramChannel.class,
                UnixDomainChannels.nio());
    }
}
