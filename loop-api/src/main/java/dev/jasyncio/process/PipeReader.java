package dev.jasyncio.process;

import dev.jasyncio.EventLoop;
import dev.jasyncio.net.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.Semaphore;

/**
 * The read-only transport of a subprocess's stdout or stderr: a daemon thread reads the pipe and
 * hands each chunk to the loop, which delivers it to the protocol.
 */
final class PipeReader extends PipeTransport {
    /*
     * Overview: the pump thread blocks in InputStream.read (the JDK offers no non-blocking pipe),
     * then posts the chunk with callSoonThreadsafe. Flow control is a count of credits: the pump
     * takes one before each read and the loop gives it back once the chunk is delivered, unless
     * the protocol paused reading meanwhile; the credits kept back are returned on resume. So at
     * most CREDITS chunks are read ahead of the protocol, and a paused reader leaves the child
     * blocked on a full pipe: memory stays bounded whatever the child writes.
     *
     * Closing: the loop stops delivering and gives the pump all the credits it needs; the pump
     * notices at its next wake-up and closes the stream itself (closing it from the loop thread
     * could race with the blocked read), so the child gets EPIPE on its next write.
     *
     * Threading: paused, owed and the protocol calls are loop-thread only; credits and closing
     * are the only state the pump shares.
     */

    /** Bytes asked of one read: the size of a Linux pipe buffer. */
    private static final int CHUNK = 64 * 1024;
    /** Chunks the pump may read ahead of the protocol. */
    private static final int CREDITS = 2;

    private final InputStream in;
    private final String threadName;
    private final Semaphore credits = new Semaphore(CREDITS);
    /** Set by close() on the loop thread, read by the pump. */
    private volatile boolean closing;
    private boolean paused;
    /** Credits held back while paused. */
    private int owed;

    PipeReader(EventLoop loop, int fd, ProcessTransport owner, InputStream in, String threadName) {
        super(loop, fd, owner);
        this.in = in;
        this.threadName = threadName;
    }

    @Override
    void start() {
        Thread.ofPlatform().daemon().name(threadName).start(this::pump);
    }

    /** The pump thread's body. */
    private void pump() {
        byte[] buffer = new byte[CHUNK];
        try {
            while (!closing) {
                credits.acquire();
                if (closing) {
                    break;
                }
                int n = in.read(buffer);
                if (n < 0) {
                    post(this::endOfStream);
                    break;
                }
                if (n > 0) {
                    byte[] data = Arrays.copyOf(buffer, n);
                    post(() -> deliver(data));
                }
            }
        } catch (IOException e) {
            post(() -> failed(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                in.close();
            } catch (IOException ignored) {
                // The stream is done with either way.
            }
        }
    }

    private void deliver(byte[] data) {
        if (!closing && !isLost()) {
            try {
                ((Protocol) getProtocol()).dataReceived(data);
            } catch (RuntimeException e) {
                report("Exception in dataReceived of a pipe", e);
            }
        }
        if (paused && !closing) {
            owed++;
        } else {
            credits.release();
        }
    }

    private void endOfStream() {
        if (closing || isLost()) {
            return;
        }
        try {
            ((Protocol) getProtocol()).eofReceived();
        } catch (RuntimeException e) {
            report("Exception in eofReceived of a pipe", e);
        }
        lose(null);
    }

    private void failed(IOException e) {
        if (!closing) {
            lose(e);
        }
    }

    @Override
    public void pauseReading() {
        if (!closing) {
            paused = true;
        }
    }

    @Override
    public void resumeReading() {
        if (!paused || closing) {
            return;
        }
        paused = false;
        credits.release(owed);
        owed = 0;
    }

    @Override
    public boolean isReading() {
        return !paused && !closing && !isLost();
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        credits.release(owed + 1);
        owed = 0;
        lose(null);
    }

    @Override
    public void abort() {
        close();
    }

    @Override
    public boolean isClosing() {
        return closing || isLost();
    }

    @Override
    public String toString() {
        return "PipeReader[fd " + fd + (closing ? ", closed" : isLost() ? ", ended" : paused ? ", paused" : "") + "]";
    }
}
