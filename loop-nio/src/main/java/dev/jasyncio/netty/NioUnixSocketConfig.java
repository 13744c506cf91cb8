package dev.jasyncio.netty;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.MessageSizeEstimator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannelConfig;
import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.Map;

/**
 * The config of a {@link NioUnixSocketChannel}: a {@link SocketChannelConfig}, since Netty's NIO
 * byte-reading loop half-closes only for one. It has the generic options, half-closure and the
 * buffer sizes, through their setters and as options ({@code ALLOW_HALF_CLOSURE},
 * {@code SO_SNDBUF}, {@code SO_RCVBUF}), as a {@code Bootstrap} gives them; its TCP settings are
 * refused (as options they are unknown).
 */
final class NioUnixSocketConfig extends DefaultChannelConfig implements SocketChannelConfig {
    private final SocketChannel socket;
    private final Runnable autoReadCleared;
    private volatile boolean allowHalfClosure;

    /** The config of {@code channel} over {@code socket}; {@code autoReadCleared} runs when autoRead is turned off. */
    NioUnixSocketConfig(Channel channel, SocketChannel socket, Runnable autoReadCleared) {
        super(channel);
        this.socket = socket;
        this.autoReadCleared = autoReadCleared;
    }

    // A bootstrap gives its options through setOption alone, and only logs a warning for one
    // answered false: DefaultChannelConfig answers for the generic options, these for ours.

    @Override
    public Map<ChannelOption<?>, Object> getOptions() {
        return getOptions(super.getOptions(),
            ChannelOption.ALLOW_HALF_CLOSURE, ChannelOption.SO_SNDBUF, ChannelOption.SO_RCVBUF);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getOption(ChannelOption<T> option) {
        if (option == ChannelOption.ALLOW_HALF_CLOSURE) {
            return (T) Boolean.valueOf(isAllowHalfClosure());
        }
        if (option == ChannelOption.SO_SNDBUF) {
            return (T) Integer.valueOf(getSendBufferSize());
        }
        if (option == ChannelOption.SO_RCVBUF) {
            return (T) Integer.valueOf(getReceiveBufferSize());
        }
        return super.getOption(option);
    }

    @Override
    public <T> boolean setOption(ChannelOption<T> option, T value) {
        validate(option, value);
        if (option == ChannelOption.ALLOW_HALF_CLOSURE) {
            setAllowHalfClosure((Boolean) value);
        } else if (option == ChannelOption.SO_SNDBUF) {
            setSendBufferSize((Integer) value);
        } else if (option == ChannelOption.SO_RCVBUF) {
            setReceiveBufferSize((Integer) value);
        } else {
            return super.setOption(option, value);
        }
        return true;
    }

    @Override
    protected void autoReadCleared() {
        autoReadCleared.run();
    }

    @Override
    public boolean isAllowHalfClosure() {
        return allowHalfClosure;
    }

    @Override
    public NioUnixSocketConfig setAllowHalfClosure(boolean on) {
        allowHalfClosure = on;
        return this;
    }

    @Override
    public int getSendBufferSize() {
        return socketOption(StandardSocketOptions.SO_SNDBUF);
    }

    @Override
    public NioUnixSocketConfig setSendBufferSize(int size) {
        setSocketOption(StandardSocketOptions.SO_SNDBUF, size);
        return this;
    }

    @Override
    public int getReceiveBufferSize() {
        return socketOption(StandardSocketOptions.SO_RCVBUF);
    }

    @Override
    public NioUnixSocketConfig setReceiveBufferSize(int size) {
        setSocketOption(StandardSocketOptions.SO_RCVBUF, size);
        return this;
    }

    private int socketOption(SocketOption<Integer> option) {
        try {
            return socket.getOption(option);
        } catch (IOException e) {
            throw new ChannelException(e);
        }
    }

    private void setSocketOption(SocketOption<Integer> option, int value) {
        try {
            socket.setOption(option, value);
        } catch (IOException e) {
            throw new ChannelException(e);
        }
    }

    private UnsupportedOperationException notTcp(String setting) {
        return new UnsupportedOperationException(setting + " is a TCP setting: a Unix domain socket has none");
    }

    @Override
    public boolean isTcpNoDelay() {
        throw notTcp("TCP_NODELAY");
    }

    @Override
    public NioUnixSocketConfig setTcpNoDelay(boolean on) {
        throw notTcp("TCP_NODELAY");
    }

    @Override
    public int getSoLinger() {
        throw notTcp("SO_LINGER");
    }

    @Override
    public NioUnixSocketConfig setSoLinger(int seconds) {
        throw notTcp("SO_LINGER");
    }

    @Override
    public boolean isKeepAlive() {
        throw notTcp("SO_KEEPALIVE");
    }

    @Override
    public NioUnixSocketConfig setKeepAlive(boolean on) {
        throw notTcp("SO_KEEPALIVE");
    }

    @Override
    public int getTrafficClass() {
        throw notTcp("IP_TOS");
    }

    @Override
    public NioUnixSocketConfig setTrafficClass(int trafficClass) {
        throw notTcp("IP_TOS");
    }

    @Override
    public boolean isReuseAddress() {
        throw notTcp("SO_REUSEADDR");
    }

    @Override
    public NioUnixSocketConfig setReuseAddress(boolean on) {
        throw notTcp("SO_REUSEADDR");
    }

    @Override
    public NioUnixSocketConfig setPerformancePreferences(int connectionTime, int latency, int bandwidth) {
        throw notTcp("performance preferences");
    }

    // Covariant returns of the generic setters, as SocketChannelConfig declares them.

    @Override
    public NioUnixSocketConfig setConnectTimeoutMillis(int millis) {
        super.setConnectTimeoutMillis(millis);
        return this;
    }

    @Override
    @Deprecated
    public NioUnixSocketConfig setMaxMessagesPerRead(int max) {
        super.setMaxMessagesPerRead(max);
        return this;
    }

    @Override
    public NioUnixSocketConfig setWriteSpinCount(int count) {
        super.setWriteSpinCount(count);
        return this;
    }

    @Override
    public NioUnixSocketConfig setAllocator(ByteBufAllocator allocator) {
        super.setAllocator(allocator);
        return this;
    }

    @Override
    public NioUnixSocketConfig setRecvByteBufAllocator(RecvByteBufAllocator allocator) {
        super.setRecvByteBufAllocator(allocator);
        return this;
    }

    @Override
    public NioUnixSocketConfig setAutoRead(boolean autoRead) {
        super.setAutoRead(autoRead);
        return this;
    }

    @Override
    public NioUnixSocketConfig setAutoClose(boolean autoClose) {
        super.setAutoClose(autoClose);
        return this;
    }

    @Override
    public NioUnixSocketConfig setMessageSizeEstimator(MessageSizeEstimator estimator) {
        super.setMessageSizeEstimator(estimator);
        return this;
    }

    @Override
    public NioUnixSocketConfig setWriteBufferWaterMark(WriteBufferWaterMark marks) {
        super.setWriteBufferWaterMark(marks);
        return this;
    }
}
