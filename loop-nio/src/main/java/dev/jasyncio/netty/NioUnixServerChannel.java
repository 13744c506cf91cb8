package dev.jasyncio.netty;

import io.netty.channel.ChannelMetadata;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.ServerChannel;
import io.netty.channel.ServerChannelRecvByteBufAllocator;
import io.netty.channel.nio.AbstractNioMessageChannel;
import io.netty.channel.socket.DuplexChannel;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Map;

/**
 * A listening Unix domain socket of the JDK under Netty's NIO transport, bound before it is
 * registered, that leaves its socket file in place when it closes (Netty's
 * {@code NioServerDomainSocketChannel} deletes the path on close, even when another server's
 * file has replaced ours). Accepted connections are {@link NioUnixSocketChannel}s.
 */
final class NioUnixServerChannel extends AbstractNioMessageChannel implements ServerChannel {
    /** The NIO backend's Unix channels. */
    static final UnixDomainChannels CHANNELS = new UnixDomainChannels() {
        @Override
        public DuplexChannel newSocket() {
            return new NioUnixSocketChannel();
        }

        @Override
        public SocketAddress address(UnixDomainSocketAddress address) {
            return address;
        }

        @Override
        public ServerChannel bindServer(UnixDomainSocketAddress address, int backlog) throws IOException {
            ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                socket.bind(address, backlog);
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
            return new NioUnixServerChannel(socket, address, backlog);
        }
    };

    private static final ChannelMetadata METADATA = new ChannelMetadata(false);

    private final SocketAddress address;
    private final DefaultChannelConfig config;

    private NioUnixServerChannel(ServerSocketChannel socket, SocketAddress address, int backlog) {
        super(null, socket, SelectionKey.OP_ACCEPT);
        this.address = address;
        this.config = new Config(backlog);
    }

    @Override
    protected ServerSocketChannel javaChannel() {
        return (ServerSocketChannel) super.javaChannel();
    }

    @Override
    public DefaultChannelConfig config() {
        return config;
    }

    @Override
    public ChannelMetadata metadata() {
        return METADATA;
    }

    @Override
    public boolean isActive() {
        return isOpen();
    }

    @Override
    protected int doReadMessages(List<Object> out) throws Exception {
        SocketChannel accepted = javaChannel().accept();
        if (accepted == null) {
            return 0;
        }
        out.add(new NioUnixSocketChannel(this, accepted));
        return 1;
    }

    @Override
    protected void doClose() throws Exception {
        super.doClose();
        javaChannel().close();
    }

    @Override
    protected SocketAddress localAddress0() {
        return address;
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return null;
    }

    @Override
    protected void doBind(SocketAddress localAddress) {
        throw new UnsupportedOperationException("already bound to " + address);
    }

    @Override
    protected boolean doConnect(SocketAddress remoteAddress, SocketAddress localAddress) {
        throw new UnsupportedOperationException();
    }

    @Override
    protected void doFinishConnect() {
        throw new UnsupportedOperationException();
    }

    @Override
    protected void doDisconnect() {
        throw new UnsupportedOperationException();
    }

    @Override
    protected boolean doWriteMessage(Object msg, ChannelOutboundBuffer in) {
        throw new UnsupportedOperationException();
    }

    /**
     * The options of a listening channel, SO_BACKLOG among them: at first the backlog the socket
     * was bound with. A backlog set later is kept and reported but reaches no socket, as in
     * Netty's NioServerSocketChannel config, which keeps it for the next bind; this channel was
     * bound before it existed and binds no more, so that next bind never comes.
     */
    private final class Config extends DefaultChannelConfig {
        private volatile int backlog;

        Config(int backlog) {
            super(NioUnixServerChannel.this, new ServerChannelRecvByteBufAllocator());
            this.backlog = backlog;
        }

        @Override
        protected void autoReadCleared() {
            clearReadPending();
        }

        @Override
        public Map<ChannelOption<?>, Object> getOptions() {
            return getOptions(super.getOptions(), ChannelOption.SO_BACKLOG);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getOption(ChannelOption<T> option) {
            if (option == ChannelOption.SO_BACKLOG) {
                return (T) Integer.valueOf(backlog);
            }
            return super.getOption(option);
        }

        @Override
        public <T> boolean setOption(ChannelOption<T> option, T value) {
            validate(option, value);
            if (option != ChannelOption.SO_BACKLOG) {
                return super.setOption(option, value);
            }
            int given = (Integer) value;
            if (given < 0) {
                throw new IllegalArgumentException("SO_BACKLOG cannot be negative, was " + given
                    + " for the Unix socket listening at " + address + ": give 0 or more");
            }
            backlog = given;
            return true;
        }
    }
}
