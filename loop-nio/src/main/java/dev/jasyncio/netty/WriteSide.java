package dev.jasyncio.netty;

import dev.jasyncio.net.BaseProtocol;
import dev.jasyncio.net.WriteBufferLimits;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.DuplexChannel;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;

/**
 * The writing half of a {@link NettyTransport}: copies each write into a Netty buffer, counts
 * what Netty has not written yet, and drives the protocol's write flow control from that count.
 *
 * <p>Our own count of bytes handed to Netty and not yet written ({@code pending}), decremented by
 * each write's promise, drives pauseWriting (inside write, above {@code high}) and resumeWriting
 * (at or below {@code low}), exactly as asyncio counts; Netty's own writability counts a
 * per-message overhead and wakes only strictly below its low mark, so it is not used. A close and
 * a writeEof wait for {@code pending} to reach 0, because Netty's close and shutdownOutput fail
 * the writes still queued.
 *
 * <p>Loop thread only (or the loop's hand-off task, through {@link ChannelCalls}).
 */
final class WriteSide {
    private static final System.Logger LOG = System.getLogger("dev.jasyncio.net");
    /** asyncio's LOG_THRESHOLD_FOR_CONNLOST_WRITES. */
    private static final int DROPPED_WRITES_WARNING = 5;

    private final NettyTransport transport;
    private final Channel channel;
    private final ChannelCalls calls;
    /** Bytes handed to Netty and not yet written (or dropped). */
    private long pending;
    private long high = WriteBufferLimits.DEFAULT_HIGH;
    private long low = WriteBufferLimits.DEFAULT_LOW;
    /** The protocol was told pauseWriting and not yet resumeWriting. */
    private boolean paused;
    private boolean eofWritten;
    private boolean shutdownWhenDrained;
    private boolean closeWhenDrained;
    private int droppedWrites;

    WriteSide(NettyTransport transport, Channel channel, ChannelCalls calls) {
        this.transport = transport;
        this.channel = channel;
        this.calls = calls;
    }

    void write(byte[] data, int offset, int length) {
        if (!writable(length)) {
            return;
        }
        ByteBuf buf = channel.alloc().ioBuffer(length);
        buf.writeBytes(data, offset, length);
        send(buf, length, true);
    }

    void write(ByteBuffer data) {
        int length = data.remaining();
        if (!writable(length)) {
            data.position(data.limit());
            return;
        }
        ByteBuf buf = channel.alloc().ioBuffer(length);
        buf.writeBytes(data);
        send(buf, length, true);
    }

    void writelines(Iterable<byte[]> data) {
        boolean any = false;
        for (byte[] b : data) {
            if (writable(b.length)) {
                ByteBuf buf = channel.alloc().ioBuffer(b.length);
                buf.writeBytes(b);
                send(buf, b.length, false);
                any = true;
            }
        }
        if (any) {
            if (calls.direct()) {
                channel.flush();
            } else {
                calls.defer(channel::flush);
            }
        }
    }

    /** Whether a write of {@code length} bytes goes ahead (asyncio drops writes once closed or lost). */
    private boolean writable(int length) {
        if (eofWritten) {
            throw new IllegalStateException("Cannot call write() after writeEof()");
        }
        if (length == 0) {
            return false;
        }
        if (!transport.isOpen()) {
            if (++droppedWrites == DROPPED_WRITES_WARNING) {
                LOG.log(System.Logger.Level.WARNING, "{0}: writes after the connection was closed or lost are dropped",
                    transport);
            }
            return false;
        }
        return true;
    }

    private void send(ByteBuf buf, int length, boolean flush) {
        pending += length;
        ChannelPromise promise = channel.newPromise();
        promise.addListener(new WriteDone(length));
        if (calls.direct()) {
            if (flush) {
                channel.writeAndFlush(buf, promise);
            } else {
                channel.write(buf, promise);
            }
        } else if (flush) {
            calls.defer(() -> channel.writeAndFlush(buf, promise));
        } else {
            calls.defer(() -> channel.write(buf, promise));
        }
        maybePauseProtocol();
    }

    /** Counts one write out of {@link #pending} when Netty has written (or dropped) it. */
    private final class WriteDone implements ChannelFutureListener {
        private final int length;

        WriteDone(int length) {
            this.length = length;
        }

        @Override
        public void operationComplete(ChannelFuture f) {
            pending -= length;
            if (!f.isSuccess() && !(f.cause() instanceof ClosedChannelException)) {
                transport.writeFailed(f.cause());
            }
            maybeResumeProtocol();
            if (pending == 0) {
                if (shutdownWhenDrained) {
                    shutdownWhenDrained = false;
                    shutdownOutput();
                }
                if (closeWhenDrained) {
                    closeWhenDrained = false;
                    transport.closeChannel();
                }
            }
        }
    }

    private void maybePauseProtocol() {
        BaseProtocol protocol = transport.getProtocol();
        if (pending <= high || paused || protocol == null) {
            return;
        }
        paused = true;
        try {
            protocol.pauseWriting();
        } catch (Throwable t) {
            transport.report("protocol.pauseWriting() failed", t);
        }
    }

    private void maybeResumeProtocol() {
        // Not once aborted or gone: asyncio drops the buffer then, and connectionLost follows.
        if (!paused || pending > low || transport.isAbortedOrClosed()) {
            return;
        }
        paused = false;
        try {
            transport.getProtocol().resumeWriting();
        } catch (Throwable t) {
            transport.report("protocol.resumeWriting() failed", t);
        }
    }

    /** Shuts the write side down once what is buffered has been written. */
    void writeEof() {
        if (eofWritten) {
            return;
        }
        eofWritten = true;
        if (pending == 0) {
            shutdownOutput();
        } else {
            shutdownWhenDrained = true;
        }
    }

    private void shutdownOutput() {
        if (calls.direct()) {
            ((DuplexChannel) channel).shutdownOutput();
        } else {
            calls.defer(() -> ((DuplexChannel) channel).shutdownOutput());
        }
    }

    /** Closes the channel once what is buffered has been written. */
    void closeWhenDrained() {
        if (pending == 0) {
            transport.closeChannel();
        } else {
            closeWhenDrained = true;
        }
    }

    /** Aborting: nothing waits for the buffer any more. */
    void abandon() {
        closeWhenDrained = false;
        shutdownWhenDrained = false;
    }

    void setLimits(long high, long low) {
        WriteBufferLimits limits = new WriteBufferLimits(low, high);
        this.high = limits.high();
        this.low = limits.low();
        // Netty's own marks only matter to handlers that look at isWritable(); keep them alike.
        WriteBufferWaterMark marks = new WriteBufferWaterMark((int) Math.min(low, Integer.MAX_VALUE),
            (int) Math.min(high, Integer.MAX_VALUE));
        if (calls.direct()) {
            channel.config().setWriteBufferWaterMark(marks);
        } else {
            calls.defer(() -> channel.config().setWriteBufferWaterMark(marks));
        }
        maybePauseProtocol();
    }

    WriteBufferLimits limits() {
        return new WriteBufferLimits(low, high);
    }

    long size() {
        return pending;
    }
}
