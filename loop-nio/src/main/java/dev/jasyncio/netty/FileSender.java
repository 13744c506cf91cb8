package dev.jasyncio.netty;

import dev.jasyncio.Async;
import dev.jasyncio.CancelledError;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import io.netty.channel.DefaultFileRegion;
import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletionException;

/**
 * The sendfile of one {@link NettyTransport}: a {@code FileRegion} that Netty hands to the
 * kernel's sendfile (epoll) or to {@code FileChannel.transferTo} (NIO, sendfile on Linux) when
 * nothing in the pipeline needs to see the bytes; else the file read in chunks off the loop thread
 * and written with the transport's flow control.
 */
final class FileSender {
    /*
     * Overview (asyncio's _sendfile_native of the selector loop and base_events._sendfile_fallback).
     * Both paths make the transport refuse other writes until they end, then set the file's
     * position to offset + bytes sent, also after an error. Reading goes on: asyncio pauses it
     * because it swaps the protocol out meanwhile, which we do not; and a TLS connection that
     * stopped reading would leave the peer's session tickets unread, so that a close right after
     * would reset the connection and lose the peer's last bytes.
     * The region and the chunks count in the transport's write buffer like any write: close()
     * waits for them, and the protocol sees pauseWriting/resumeWriting as the buffer fills and
     * drains. The fallback reads the next chunk while the previous one is being sent, and waits
     * for the buffer to come down to the low-water mark before writing once it is above the high.
     *
     * Threading: the loop thread, or the loop's hand-off task (the Netty calls go through the
     * transport's ChannelCalls).
     */

    /** Bytes read per chunk on the fallback path: asyncio's SENDFILE_FALLBACK_READBUFFER_SIZE. */
    static final int CHUNK = 256 * 1024;

    private final NettyTransport transport;
    private final WriteSide writes;
    private final EventLoop loop;

    FileSender(NettyTransport transport, WriteSide writes, EventLoop loop) {
        this.transport = transport;
        this.writes = writes;
        this.loop = loop;
    }

    /** Sends the bytes zero-copy if nothing in the pipeline needs to see them, else by the fallback if {@code fallback}. */
    long send(FileChannel file, long offset, long count, boolean fallback) throws IOException {
        // Zero-copy only when no handler needs to see the bytes (TLS, or the codecs of a wrapped channel).
        boolean zeroCopy = transport.channel().pipeline().first() == transport;
        if (!zeroCopy && !fallback) {
            throw new UnsupportedOperationException("fallback is disabled and zero-copy sendfile is not possible on "
                + transport + (transport.isTls() ? " (TLS encrypts every byte)"
                    : " (handlers in the pipeline must see the bytes)"));
        }
        writes.beginFile();
        long[] sent = {0};
        try {
            return zeroCopy ? sendRegion(file, offset, count, sent) : sendChunks(file, offset, count, sent);
        } finally {
            writes.endFile();
            if (sent[0] > 0) {
                file.position(offset + sent[0]);
            }
        }
    }

    private long sendRegion(FileChannel file, long offset, long count, long[] sent) throws IOException {
        long size = file.size();
        long n = offset >= size ? 0 : Math.min(count, size - offset);
        if (n == 0) {
            return 0;
        }
        BorrowedFileRegion region = new BorrowedFileRegion(file, offset, n);
        Future<Void> done = loop.createFuture();
        writes.writeFile(region, n, done);
        try {
            awaitIo(done);
        } catch (CancelledError cancelled) {
            // The region stays queued in Netty and would go on reading the caller's file after
            // we return (or fail once it is closed), leaving the peer a stream cut short at an
            // unknown byte: the connection cannot be trusted any more.
            transport.abort();
            throw cancelled;
        } finally {
            sent[0] = region.transferred();
        }
        return n;
    }

    private long sendChunks(FileChannel file, long offset, long count, long[] sent) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(count, CHUNK));
        Future<Integer> reading = read(file, chunk, offset);
        while (true) {
            int n = awaitIo(reading);
            if (n <= 0) {
                return sent[0];
            }
            awaitIo(writes.belowLowWhenAboveHigh(loop));
            if (!transport.isOpen()) {
                throw new SocketException("Connection closed by peer while sendfile was sending " + transport);
            }
            chunk.flip();
            writes.writeFileChunk(chunk);
            sent[0] += n;
            if (sent[0] >= count) {
                return sent[0];
            }
            chunk.clear().limit((int) Math.min(count - sent[0], CHUNK));
            reading = read(file, chunk, offset + sent[0]);
        }
    }

    /** Reads into {@code chunk} at {@code position} on the loop's default executor. */
    private Future<Integer> read(FileChannel file, ByteBuffer chunk, long position) {
        return loop.runInExecutor(null, () -> file.read(chunk, position));
    }

    private static <T> T awaitIo(Future<T> future) throws IOException {
        try {
            return Async.await(future);
        } catch (CompletionException e) {
            throw NettyNetwork.asIOException(e.getCause());
        }
    }

    /**
     * A region of a file that belongs to the caller: Netty releases a region once written, and a
     * {@link DefaultFileRegion} then closes its file. Stays a DefaultFileRegion, which epoll hands
     * to sendfile(2) (any other FileRegion is copied through a buffer there).
     */
    private static final class BorrowedFileRegion extends DefaultFileRegion {
        BorrowedFileRegion(FileChannel file, long position, long count) {
            super(file, position, count);
        }

        @Override
        protected void deallocate() {
            // The caller's file stays open.
        }
    }
}
