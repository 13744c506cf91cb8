package dev.jasyncio.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.FileRegion;
import io.netty.channel.MessageSizeEstimator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.AbstractNioByteChannel;
import io.netty.channel.nio.NioIoOps;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.socket.SocketChannelConfig;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.Map;

/**
 * A Unix domain stream socket of the JDK under Netty's NIO transport that can be half-closed.
 *
 * <p>Netty's own {@code NioDomainSocketChannel} cannot: its byte-reading loop half-closes only
 * for a config that is a {@link SocketChannelConfig}, which the domain channel's is not (and its
 * config ignores the {@code ALLOW_HALF_CLOSURE} option), so the peer's EOF closes it and the
 * writes still queued fail. This channel's config is a {@code SocketChannelConfig} whose TCP
 * settings are refused, and it takes {@code ALLOW_HALF_CLOSURE}, {@code SO_SNDBUF} and
 * {@code SO_RCVBUF} as options too, as a {@code Bootstrap} gives them.
 */
final class NioUnixSocketChannel extends AbstractNioByteChannel implements DuplexChannel {
    private final Config config;
    private volatile boolean inputShutdown;
    private volatile boolean outputShutdown;

    /** A client socket, to connect. */
    NioUnixSocketChannel() {
        this(null, open());
    }

    /** A socket accepted by {@code parent}. */
    NioUnixSocketChannel(Channel parent, SocketChannel socket) {
        super(parent, socket);
        this.config = new Config();
    }

    private static SocketChannel open() {
        try {
            return SocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            throw new ChannelException("cannot open a Unix domain socket", e);
        }
    }

    @Override
    protected SocketChannel javaChannel() {
        return (SocketChannel) super.javaChannel();
    }

    @Override
    public SocketChannelConfig config() {
        return config;
    }

    @Override
    public boolean isActive() {
        SocketChannel ch = javaChannel();
        return ch.isOpen() && ch.isConnected();
    }

    // ---- half-closing

    @Override
    public boolean isInputShutdown() {
        return inputShutdown || !isActive();
    }

    @Override
    protected boolean isInputShutdown0() {
        return isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
        return outputShutdown || !isActive();
    }

    @Override
    public boolean isShutdown() {
        return isInputShutdown() && isOutputShutdown() || !isActive();
    }

    @Override
    protected void doShutdownOutput() throws Exception {
        javaChannel().shutdownOutput();
        outputShutdown = true;
    }

    @Override
    public ChannelFuture shutdownOutput() {
        return shutdownOutput(newPromise());
    }

    @Override
    public ChannelFuture shutdownOutput(ChannelPromise promise) {
        onLoop(() -> ((AbstractUnsafe) unsafe()).shutdownOutput(promise));
        return promise;
    }

    @Override
    public ChannelFuture shutdownInput() {
        return shutdownInput(newPromise());
    }

    @Override
    public ChannelFuture shutdownInput(ChannelPromise promise) {
        onLoop(() -> {
            try {
                javaChannel().shutdownInput();
                inputShutdown = true;
                promise.setSuccess();
            } catch (Throwable t) {
                promise.setFailure(t);
            }
        });
        return promise;
    }

    @Override
    public ChannelFuture shutdown() {
        return shutdown(newPromise());
    }

    @Override
    public ChannelFuture shutdown(ChannelPromise promise) {
        shutdownOutput().addListener(out -> shutdownInput().addListener(in -> {
            Throwable failure = out.cause() != null ? out.cause() : in.cause();
            if (failure == null) {
                promise.setSuccess();
            } else {
                promise.setFailure(failure);
            }
        }));
        return promise;
    }

    private void onLoop(Runnable call) {
        if (eventLoop().inEventLoop()) {
            call.run();
        } else {
            eventLoop().execute(call);
        }
    }

    // ---- socket calls

    @Override
    protected SocketAddress localAddress0() {
        try {
            return javaChannel().getLocalAddress();
        } catch (IOException closed) {
            return null;
        }
    }

    @Override
    protected SocketAddress remoteAddress0() {
        try {
            return javaChannel().getRemoteAddress();
        } catch (IOException closed) {
            return null;
        }
    }

    @Override
    protected void doBind(SocketAddress localAddress) throws Exception {
        javaChannel().bind(localAddress);
    }

    @Override
    protected boolean doConnect(SocketAddress remoteAddress, SocketAddress localAddress) throws Exception {
        if (localAddress != null) {
            doBind(localAddress);
        }
        boolean done = false;
        try {
            boolean connected = javaChannel().connect(remoteAddress);
            if (!connected) {
                addAndSubmit(NioIoOps.CONNECT);
            }
            done = true;
            return connected;
        } finally {
            if (!done) {
                doClose();
            }
        }
    }

    @Override
    protected void doFinishConnect() throws Exception {
        if (!javaChannel().finishConnect()) {
            throw new IOException("the Unix socket did not finish connecting");
        }
    }

    @Override
    protected void doDisconnect() throws Exception {
        doClose();
    }

    @Override
    protected void doClose() throws Exception {
        try {
            super.doClose();
        } finally {
            javaChannel().close();
        }
    }

    @Override
    protected int doReadBytes(ByteBuf buf) throws Exception {
        RecvByteBufAllocator.Handle handle = unsafe().recvBufAllocHandle();
        handle.attemptedBytesRead(buf.writableBytes());
        return buf.writeBytes(javaChannel(), handle.attemptedBytesRead());
    }

    @Override
    protected int doWriteBytes(ByteBuf buf) throws Exception {
        return buf.readBytes(javaChannel(), buf.readableBytes());
    }

    @Override
    protected long doWriteFileRegion(FileRegion region) throws Exception {
        return region.transferTo(javaChannel(), region.transferred());
    }

    /**
     * The generic options, half-closure, and the buffer sizes, through their setters and as
     * options; no TCP settings (as options they are unknown).
     */
    private final class Config extends DefaultChannelConfig implements SocketChannelConfig {
        private volatile boolean allowHalfClosure;

        Config() {
            super(NioUnixSocketChannel.this);
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
            clearReadPending();
        }

        @Override
        public boolean isAllowHalfClosure() {
            return allowHalfClosure;
        }

        @Override
        public Config setAllowHalfClosure(boolean on) {
            allowHalfClosure = on;
            return this;
        }

        @Override
        public int getSendBufferSize() {
            return socketOption(StandardSocketOptions.SO_SNDBUF);
        }

        @Override
        public Config setSendBufferSize(int size) {
            setSocketOption(StandardSocketOptions.SO_SNDBUF, size);
            return this;
        }

        @Override
        public int getReceiveBufferSize() {
            return socketOption(StandardSocketOptions.SO_RCVBUF);
        }

        @Override
        public Config setReceiveBufferSize(int size) {
            setSocketOption(StandardSocketOptions.SO_RCVBUF, size);
            return this;
        }

        private int socketOption(java.net.SocketOption<Integer> option) {
            try {
                return javaChannel().getOption(option);
            } catch (IOException e) {
                throw new ChannelException(e);
            }
        }

        private void setSocketOption(java.net.SocketOption<Integer> option, int value) {
            try {
                javaChannel().setOption(option, value);
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
        public Config setTcpNoDelay(boolean on) {
            throw notTcp("TCP_NODELAY");
        }

        @Override
        public int getSoLinger() {
            throw notTcp("SO_LINGER");
        }

        @Override
        public Config setSoLinger(int seconds) {
            throw notTcp("SO_LINGER");
        }

        @Override
        public boolean isKeepAlive() {
            throw notTcp("SO_KEEPALIVE");
        }

        @Override
        public Config setKeepAlive(boolean on) {
            throw notTcp("SO_KEEPALIVE");
        }

        @Override
        public int getTrafficClass() {
            throw notTcp("IP_TOS");
        }

        @Override
        public Config setTrafficClass(int trafficClass) {
            throw notTcp("IP_TOS");
        }

        @Override
        public boolean isReuseAddress() {
            throw notTcp("SO_REUSEADDR");
        }

        @Override
        public Config setReuseAddress(boolean on) {
            throw notTcp("SO_REUSEADDR");
        }

        @Override
        public Config setPerformancePreferences(int connectionTime, int latency, int bandwidth) {
            throw notTcp("performance preferences");
        }

        // Covariant returns of the generic setters, as SocketChannelConfig declares them.

        @Override
        public Config setConnectTimeoutMillis(int millis) {
            super.setConnectTimeoutMillis(millis);
            return this;
        }

        @Override
        @Deprecated
        public Config setMaxMessagesPerRead(int max) {
            super.setMaxMessagesPerRead(max);
            return this;
        }

        @Override
        public Config setWriteSpinCount(int count) {
            super.setWriteSpinCount(count);
            return this;
        }

        @Override
        public Config setAllocator(ByteBufAllocator allocator) {
            super.setAllocator(allocator);
            return this;
        }

        @Override
        public Config setRecvByteBufAllocator(RecvByteBufAllocator allocator) {
            super.setRecvByteBufAllocator(allocator);
            return this;
        }

        @Override
        public Config setAutoRead(boolean autoRead) {
            super.setAutoRead(autoRead);
            return this;
        }

        @Override
        public Config setAutoClose(boolean autoClose) {
            super.setAutoClose(autoClose);
            return this;
        }

        @Override
        public Config setMessageSizeEstimator(MessageSizeEstimator estimator) {
            super.setMessageSizeEstimator(estimator);
            return this;
        }

        @Override
        public Config setWriteBufferWaterMark(WriteBufferWaterMark marks) {
            super.setWriteBufferWaterMark(marks);
            return this;
        }
    }
}
