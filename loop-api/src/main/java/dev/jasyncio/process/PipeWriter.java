package dev.jasyncio.process;

import dev.jasyncio.EventLoop;
import dev.jasyncio.net.WriteBufferLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The write-only transport of a subprocess's stdin: writes never block the loop; a daemon thread
 * takes the queued chunks and writes them to the pipe, blocking while the child does not read.
 */
final class PipeWriter extends PipeTransport {
    /*
     * Overview: write() copies the bytes into the queue and counts them in `buffered`; the writer
     * thread writes and flushes each chunk, then posts how many bytes left, and the loop
     * subtracts them. Flow control is asyncio's: pauseWriting once `buffered` exceeds the high
     * mark, resumeWriting when it falls to the low mark. close() queues END: the thread writes
     * what is queued, closes the pipe (the child reads EOF) and posts connectionLost(null). A
     * failed write (the child has exited or closed its stdin: "Broken pipe", "Stream closed")
     * ends the transport with connectionLost(that IOException) and drops the rest. abort() drops
     * the queue and zeroes `buffered` at once; the chunk then in flight still completes, and its
     * count is ignored, as is everything once the pipe is lost.
     *
     * The loop thread never touches the OutputStream: the JDK's pipe stream synchronizes close
     * with a write that may block for as long as the child does not read.
     *
     * Threading: everything but `queue` is loop-thread only.
     */

    /** Queued after the last chunk by close(). */
    private static final byte[] END = new byte[0];

    private final OutputStream out;
    private final String threadName;
    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    /** Bytes written by the protocol and not yet written to the pipe. */
    private long buffered;
    private WriteBufferLimits limits = WriteBufferLimits.DEFAULT;
    private boolean protocolPaused;
    private boolean closing;
    /** writeEof() was called: later writes are a mistake, not a race with the child. */
    private boolean eofWritten;

    PipeWriter(EventLoop loop, ProcessTransport owner, OutputStream out, String threadName) {
        super(loop, 0, owner);
        this.out = out;
        this.threadName = threadName;
    }

    @Override
    void start() {
        Thread.ofPlatform().daemon().name(threadName).start(this::drainQueue);
    }

    /** The writer thread's body. */
    private void drainQueue() {
        try {
            while (true) {
                byte[] chunk = queue.poll(LOOP_CHECK_SECONDS, TimeUnit.SECONDS);
                if (chunk == null) {
                    if (loopClosed()) {
                        closeQuietly(); // nobody can write any more; the child sees its stdin end
                        return;
                    }
                    continue;
                }
                if (chunk == END) {
                    out.close();
                    post(() -> lose(null));
                    return;
                }
                out.write(chunk);
                out.flush();
                if (!post(() -> written(chunk.length))) {
                    closeQuietly();
                    return;
                }
            }
        } catch (IOException e) {
            post(() -> lose(e));
            closeQuietly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            out.close();
        } catch (IOException ignored) {
            // Already broken: the error was reported.
        }
    }

    private void written(int n) {
        if (isLost()) {
            return; // the chunk abort() found in flight: the buffer was dropped (and counted out) then
        }
        buffered -= n;
        if (protocolPaused && buffered <= limits.low()) {
            protocolPaused = false;
            try {
                getProtocol().resumeWriting();
            } catch (RuntimeException e) {
                report("Exception in resumeWriting of a pipe", e);
            }
        }
    }

    private void maybePause() {
        if (!protocolPaused && buffered > limits.high()) {
            protocolPaused = true;
            try {
                getProtocol().pauseWriting();
            } catch (RuntimeException e) {
                report("Exception in pauseWriting of a pipe", e);
            }
        }
    }

    @Override
    public void write(byte[] data) {
        write(data, 0, data.length);
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, data.length);
        if (eofWritten) {
            throw new IllegalStateException("write() after writeEof() on " + this);
        }
        if (closing || isLost() || length == 0) {
            return;
        }
        queue.add(Arrays.copyOfRange(data, offset, offset + length));
        buffered += length;
        maybePause();
    }

    @Override
    public void write(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        write(bytes);
    }

    @Override
    public void writelines(Iterable<byte[]> data) {
        for (byte[] b : data) {
            write(b);
        }
    }

    /** Closes the pipe once the queued bytes are written: the child reads an end of file. */
    @Override
    public void writeEof() {
        eofWritten = true;
        close();
    }

    @Override
    public boolean canWriteEof() {
        return true;
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        queue.add(END);
    }

    @Override
    public void abort() {
        closing = true;
        queue.clear();
        queue.add(END);
        buffered = 0;
        protocolPaused = false; // a lost pipe resumes nobody
        lose(null);
    }

    @Override
    public boolean isClosing() {
        return closing || isLost();
    }

    @Override
    public void setWriteBufferLimits(long high, long low) {
        limits = new WriteBufferLimits(low, high);
        maybePause();
    }

    @Override
    public WriteBufferLimits getWriteBufferLimits() {
        return limits;
    }

    @Override
    public long getWriteBufferSize() {
        return buffered;
    }

    @Override
    public String toString() {
        return "PipeWriter[fd 0" + (isLost() ? ", closed" : closing ? ", closing" : "") + ", " + buffered + " bytes buffered]";
    }
}
