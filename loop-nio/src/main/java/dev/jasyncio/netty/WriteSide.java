package dev.jasyncio.netty;

import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.net.BaseProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelProgressiveFuture;
import io.netty.channel.ChannelProgressiveFutureListener;
import io.netty.channel.ChannelProgressivePromise;
import io.netty.channel.FileRegion;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.DuplexChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;

/**
 * The writing half of a {@link NettyTransport}: copies each write into a Netty buffer, counts
 * what Netty has not written yet, and drives the protocol's write flow control from that count.
 *
 * <p>Our own count of bytes handed to Netty and not yet written ({@link WriteFlowControl}),
 * decremented as each write's progressive promise reports bytes written, drives pauseWriting
 * (inside write, above the high-water mark) and resumeWriting (at or below the low one), exactly
 * as asyncio counts; Netty's own writability counts a per-message overhead and wakes only
 * strictly below its low mark, so it is not used. A close and a writeEof wait for the count to
 * reach 0, because Netty's close and shutdownOutput fail the writes still queued.
 *
 * <p>Writes made while Netty delivers a read batch of this channel (a protocol answering in
 * dataReceived) are flushed once, when the batch ends, as Netty's own handlers do in
 * channelReadComplete: one write system call for everything answered in the batch instead of one
 * per write. A write that would take the count above the high-water mark flushes at once, so that
 * the protocol is paused for a full socket, never for a flush it has not been given yet. Any
 * other write is flushed at once, as asyncio's write tries the socket at once.
 *
 * <p>Loop thread only (or the loop's hand-off task, through {@link ChannelCalls}).
 */
final class WriteSide extends WriteFlowControl {
    private static final System.Logger LOG = System.getLogger("dev.jasyncio.net");
    /** asyncio's LOG_THRESHOLD_FOR_CONNLOST_WRITES. */
    private static final int DROPPED_WRITES_WARNING = 5;

    private final NettyTransport transport;
    private final Channel channel;
    private final ChannelCalls calls;
    /** ChannelStreams: also paused while the channel is not writable (see followChannel). */
    private boolean followsChannel;
    /** A sendfile is in progress: other writes are refused. */
    private boolean sendingFile;
    /** FileSender waits on it for the buffer to come down to the low-water mark; null when nobody waits. */
    private Future<Void> lowWaiter;
    private boolean eofWritten;
    private boolean shutdownWhenDrained;
    private boolean closeWhenDrained;
    /** Netty is delivering a read batch of this channel: flushes wait for its end. */
    private boolean inReadBatch;
    /** A write made during the read batch has not been flushed yet. */
    private boolean flushOwed;
    /** {@link #readBatchEnded}, made once: the fallback end of a batch (see oweFlush). */
    private final Runnable endReadBatch = this::readBatchEnded;
    private int droppedWrites;

    WriteSide(NettyTransport transport, Channel channel, ChannelCalls calls) {
        super(transport);
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
        if (!writable(data.remaining())) {
            data.position(data.limit());
            return;
        }
        copyAndSend(data);
    }

    private void copyAndSend(ByteBuffer data) {
        int length = data.remaining();
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
            if (!calls.direct()) {
                calls.defer(channel::flush);
            } else if (mayHoldFlush()) {
                oweFlush();
            } else {
                channel.flush();
            }
        }
    }

    /** Netty starts delivering a read batch (channelRead). */
    void readBatchStarted() {
        inReadBatch = true;
    }

    /** The read batch is over (channelReadComplete): flush what was written during it. */
    void readBatchEnded() {
        inReadBatch = false;
        flushOwed();
    }

    /**
     * Holds this flush for the end of the read batch. Netty ends every batch of its own read loop
     * with channelReadComplete, but a handler in front of a wrapped channel (ChannelStreams) may
     * deliver reads without one: a task on Netty's queue, which runs right after this poll's I/O,
     * then ends the batch anyway, so a flush is never held past the poll that owed it.
     */
    private void oweFlush() {
        if (!flushOwed) {
            flushOwed = true;
            channel.eventLoop().execute(endReadBatch);
        }
    }

    /** Flushes what a read batch still holds back (the batch ends, or startTls hands the channel over). */
    void flushOwed() {
        if (flushOwed) {
            flushOwed = false;
            channel.flush();
        }
    }

    /** Inside a read batch, with the count (this write counted) not above the high-water mark. */
    private boolean mayHoldFlush() {
        return inReadBatch && !isAboveHigh();
    }

    /** Whether a write of {@code length} bytes goes ahead (asyncio drops writes once closed or lost). */
    private boolean writable(int length) {
        if (eofWritten) {
            throw new IllegalStateException("Cannot call write() after writeEof()");
        }
        if (sendingFile) {
            throw new IllegalStateException("unable to write: sendfile is in progress on " + transport);
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
        added(length);
        ChannelProgressivePromise promise = channel.newProgressivePromise();
        promise.addListener(new WriteDone(length));
        if (calls.direct()) {
            if (!flush) {
                channel.write(buf, promise);
            } else if (mayHoldFlush()) {
                channel.write(buf, promise);
                oweFlush();
            } else {
                channel.writeAndFlush(buf, promise);
            }
        } else if (flush) {
            calls.defer(() -> channel.writeAndFlush(buf, promise));
        } else {
            calls.defer(() -> channel.write(buf, promise));
        }
        maybePauseProtocol();
    }

    /**
     * Counts one write out of the write buffer's size as Netty writes it: in part, when the socket took
     * only part of it (Netty reports a progressive promise's progress as it removes the bytes
     * written), and the rest when it is written or dropped. So the buffer size is exact, as
     * asyncio's is. What waits for the buffer to drain (a writeEof, a close) waits for the
     * completion, since Netty fails the writes it still holds when the channel shuts.
     */
    private final class WriteDone implements ChannelProgressiveFutureListener {
        private final long length;
        /** What of this write has been counted out of the write buffer's size already. */
        private long counted;

        WriteDone(long length) {
            this.length = length;
        }

        @Override
        public void operationProgressed(ChannelProgressiveFuture f, long progress, long total) {
            if (progress > counted && progress < length) {
                removed(progress - counted);
                counted = progress;
                drained();
            }
        }

        @Override
        public void operationComplete(ChannelProgressiveFuture f) {
            removed(length - counted);
            counted = length;
            if (!f.isSuccess() && !(f.cause() instanceof ClosedChannelException)) {
                transport.writeFailed(f.cause());
            }
            drained();
            if (size() == 0) {
                if (shutdownWhenDrained) {
                    shutdownWhenDrained = false;
                    shutdownOutput();
                }
                if (closeWhenDrained) {
                    closeWhenDrained = false;
                    calls.close();
                }
            }
        }
    }

    /** The count came down: resume the protocol, wake FileSender, at or below the low-water mark. */
    private void drained() {
        maybeResumeProtocol();
        Future<Void> w = lowWaiter;
        if (w != null && isAtOrBelowLow()) {
            lowWaiter = null;
            // Its sendfile may have been cancelled meanwhile (a task's cancel cancels what it awaits).
            if (!w.isDone()) {
                w.setResult(null);
            }
        }
    }

    // ---- sendfile (FileSender)

    void beginFile() {
        // As write(): the bytes would follow the EOF, and shutdownOutput fails what is still queued.
        if (eofWritten) {
            throw new IllegalStateException("Cannot call sendfile() after writeEof()");
        }
        if (sendingFile) {
            throw new IllegalStateException("another sendfile is in progress on " + transport);
        }
        sendingFile = true;
    }

    void endFile() {
        sendingFile = false;
    }

    /** Writes one chunk read by the sendfile fallback, which other writes must not interleave. */
    void writeFileChunk(ByteBuffer chunk) {
        copyAndSend(chunk);
    }

    /** Writes {@code region} ({@code length} bytes); {@code done} completes once it is sent, or fails with the reason. */
    void writeFile(FileRegion region, long length, Future<Void> done) {
        added(length);
        ChannelProgressivePromise promise = channel.newProgressivePromise();
        promise.addListener(new WriteDone(length));
        promise.addListener(f -> {
            if (done.isDone()) {
                return; // the sendfile was cancelled; FileSender has aborted the transport
            }
            if (f.isSuccess()) {
                done.setResult(null);
            } else {
                done.setException(f.cause() instanceof IOException ? f.cause() : new IOException(f.cause()));
            }
        });
        calls.run(() -> channel.writeAndFlush(region, promise));
        maybePauseProtocol();
    }

    /**
     * Completed at once if the buffer is at or below the high-water mark, else once it has come
     * down to the low one (or the connection has ended and nothing is left in it).
     */
    Future<Void> belowLowWhenAboveHigh(EventLoop loop) {
        Future<Void> f = loop.createFuture();
        if (!isAboveHigh()) {
            f.setResult(null);
        } else {
            lowWaiter = f;
        }
        return f;
    }

    private void maybePauseProtocol() {
        BaseProtocol protocol = transport.getProtocol();
        if (isPaused() || protocol == null || !isAboveHigh() && (!followsChannel || channel.isWritable())
                || transport.writeFlowControlEnded()) {
            return;
        }
        pauseProtocol(protocol);
    }

    private void maybeResumeProtocol() {
        // Not once aborted or gone: asyncio drops the buffer then, and connectionLost follows.
        if (!isPaused() || !isAtOrBelowLow() || followsChannel && !channel.isWritable()
                || transport.writeFlowControlEnded()) {
            return;
        }
        resumeProtocol(transport.getProtocol());
    }

    /** Only a DuplexChannel shuts its output down alone (ChannelStreams wraps channels of any kind). */
    boolean canWriteEof() {
        return !transport.isTls() && channel instanceof DuplexChannel;
    }

    /** Shuts the write side down once what is buffered has been written; refused where it cannot be. */
    void writeEof() {
        if (transport.isTls()) {
            throw new UnsupportedOperationException("writeEof() is not possible over TLS (canWriteEof() is false): "
                + "close the transport instead");
        }
        if (!(channel instanceof DuplexChannel)) {
            throw new UnsupportedOperationException("writeEof() is not possible on " + channel + ": a "
                + channel.getClass().getName() + " is not a DuplexChannel, so its output cannot be shut down alone"
                + " (canWriteEof() is false): close the transport instead");
        }
        if (eofWritten || !transport.isOpen()) {
            return;
        }
        eofWritten = true;
        if (size() == 0) {
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
        if (size() == 0) {
            calls.close();
        } else {
            closeWhenDrained = true;
        }
    }

    /** Aborting: nothing waits for the buffer any more. */
    void abandon() {
        closeWhenDrained = false;
        shutdownWhenDrained = false;
    }

    /**
     * A wrapped channel (ChannelStreams) may hold bytes this count never sees: other writers of
     * the channel, handlers in front that expand or queue what we write. So the water marks start
     * as the channel's own, and the protocol is also paused while Netty says the channel is not
     * writable, and resumed only once it is writable again and the count is at or below low.
     */
    void followChannel() {
        WriteBufferWaterMark marks = channel.config().getWriteBufferWaterMark();
        useLimits(marks.high(), marks.low());
        followsChannel = true;
    }

    /** Netty's writability of the channel changed (it matters only when following the channel). */
    void writabilityChanged() {
        if (!followsChannel) {
            return;
        }
        if (channel.isWritable()) {
            maybeResumeProtocol();
        } else {
            maybePauseProtocol();
        }
    }

    void setLimits(long high, long low) {
        useLimits(high, low);
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
}
