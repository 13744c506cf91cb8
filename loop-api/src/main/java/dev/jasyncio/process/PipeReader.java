package dev.jasyncio.process;

import dev.jasyncio.EventLoop;
import dev.jasyncio.net.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The read-only transport of a subprocess's stdout or stderr: a daemon thread reads the pipe and
 * hands each chunk to the loop, which delivers it to the protocol.
 */
final class PipeReader extends PipeTransport {
    /*
     * Overview: the pump thread blocks in InputStream.read (the JDK offers no non-blocking pipe),
     * then posts the chunk with callSoonThreadsafe. Flow control is a count of credits: the pump
     * takes one before each read, and the loop gives it back once the chunk has been delivered to
     * the protocol (or dropped). So at most CREDITS chunks are ever read ahead of the protocol;
     * while reading is paused, the chunks that arrive are held (no dataReceived after
     * pauseReading, as asyncio promises) and the pump, out of credits, leaves the child blocked
     * on a full pipe: memory stays bounded whatever the child writes. The end of the stream waits
     * behind the held chunks.
     *
     * Closing: the loop drops what is held and gives the pump the credits it needs; the pump
     * notices at its next wake-up and closes the stream itself (closing it from the loop thread
     * could race with the blocked read), so the child gets EPIPE on its next write. A closed loop
     * gives no credits back (reading paused, or its queued callbacks dropped): the pump, waiting
     * for one, checks every LOOP_CHECK_SECONDS and then closes the stream the same way, so a
     * child nobody reads is not left blocked on its full pipe forever.
     *
     * Threading: paused, held and the protocol calls are loop-thread only; credits and closing
     * are the only state the pump shares.
     */

    /** Bytes asked of one read: the size of a Linux pipe buffer. */
    private static final int CHUNK = 64 * 1024;
    /** Chunks the pump may read ahead of the protocol. */
    private static final int CREDITS = 2;
    /** Held after the chunks when the stream ends normally. */
    private static final Object END = new Object();

    private final InputStream in;
    private final String threadName;
    private final Semaphore credits = new Semaphore(CREDITS);
    /** Set by close() on the loop thread, read by the pump. */
    private volatile boolean closing;
    private boolean paused;
    /** What arrived while paused, in order: chunks (byte[]), then possibly END or the read error. */
    private final ArrayDeque<Object> held = new ArrayDeque<>();

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
                if (!credits.tryAcquire(LOOP_CHECK_SECONDS, TimeUnit.SECONDS)) {
                    if (loopClosed()) {
                        break; // nobody will give a credit back: close our end (finally)
                    }
                    continue;
                }
                if (closing) {
                    break;
                }
                int n = in.read(buffer);
                if (n < 0) {
                    post(() -> arrived(END));
                    break;
                }
                if (n > 0) {
                    byte[] data = Arrays.copyOf(buffer, n);
                    if (!post(() -> arrived(data))) {
                        break; // the loop is closed: close our end (finally)
                    }
                } else {
                    credits.release();
                }
            }
        } catch (IOException e) {
            post(() -> arrived(e));
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

    /** A chunk, END or the read error, from the pump. Loop thread. */
    private void arrived(Object item) {
        if (closing || isLost()) {
            credits.release();
            return;
        }
        if (paused || !held.isEmpty()) {
            held.add(item);
            return;
        }
        deliver(item);
    }

    private void deliver(Object item) {
        if (item instanceof byte[] data) {
            try {
                ((Protocol) getProtocol()).dataReceived(data);
            } catch (RuntimeException e) {
                report("Exception in dataReceived of a pipe", e);
            }
            credits.release();
        } else if (item == END) {
            try {
                ((Protocol) getProtocol()).eofReceived();
            } catch (RuntimeException e) {
                report("Exception in eofReceived of a pipe", e);
            }
            lose(null);
        } else {
            lose((IOException) item);
        }
    }

    /** Delivers what was held while paused, until paused again. Loop thread. */
    private void deliverHeld() {
        while (!paused && !closing && !isLost() && !held.isEmpty()) {
            deliver(held.poll());
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
        if (!held.isEmpty()) {
            loop.callSoon(this::deliverHeld);
        }
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
        held.clear();
        credits.release(CREDITS);
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
        return "PipeReader[fd " + fd + (closing ? ", closed" : isLost() ? ", ended" : paused ? ", paused" : "")
            + (held.isEmpty() ? "" : ", " + held.size() + " held") + "]";
    }
}
