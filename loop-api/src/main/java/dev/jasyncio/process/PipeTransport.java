package dev.jasyncio.process;

import dev.jasyncio.EventLoop;
import dev.jasyncio.ExceptionContext;
import dev.jasyncio.net.BaseProtocol;
import dev.jasyncio.net.Transport;
import dev.jasyncio.net.WriteBufferLimits;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * What the two pipe transports share: the loop, the protocol, the one {@code connectionLost}
 * (which the process transport hears of too, whatever the protocol), and the operations of the
 * other direction, which throw.
 */
abstract sealed class PipeTransport implements Transport permits PipeReader, PipeWriter {
    final EventLoop loop;
    /** 0, 1 or 2. */
    final int fd;
    /** Told of the loss after the protocol. */
    private final ProcessTransport owner;
    private BaseProtocol protocol;
    /** connectionLost was scheduled; nothing else is delivered. */
    private boolean lost;

    PipeTransport(EventLoop loop, int fd, ProcessTransport owner) {
        this.loop = loop;
        this.fd = fd;
        this.owner = owner;
        this.protocol = new PipeProtocol(owner, fd);
    }

    /** Starts the thread that moves the bytes; called once the protocols are in place. */
    abstract void start();

    /** Delivers connectionLost(error) once, on a later iteration, then tells the process transport. Loop thread. */
    final void lose(Throwable error) {
        if (lost) {
            return;
        }
        lost = true;
        loop.callSoon(() -> {
            try {
                protocol.connectionLost(error);
            } catch (RuntimeException e) {
                report("Exception in connectionLost of a pipe", e);
            }
            owner.pipeLost(fd, error);
        });
    }

    final boolean isLost() {
        return lost;
    }

    /** Hands the callback exception {@code e} to the loop's exception handler. */
    final void report(String message, Throwable e) {
        loop.callExceptionHandler(ExceptionContext.of(message, e).with("transport", this).with("protocol", protocol));
    }

    /**
     * Runs {@code r} on the loop from another thread; false (and nothing runs) when the loop is
     * closed, so the pipe's thread closes its end and ends instead of waiting for a loop that is
     * gone (the child then sees its pipe close rather than blocking on it forever).
     */
    final boolean post(Runnable r) {
        return post(loop, r);
    }

    /**
     * How long a pipe thread waits (for a chunk to write, for a credit to read) before it checks
     * whether the loop has closed: nothing else tells it, and a closed loop never wakes it.
     */
    static final long LOOP_CHECK_SECONDS = 1;

    /** Whether the loop is closed (a volatile read: any thread). */
    final boolean loopClosed() {
        return loop.isClosed();
    }

    /** Runs {@code r} on {@code loop} from any thread; false (and nothing runs) when the loop is closed. */
    static boolean post(EventLoop loop, Runnable r) {
        try {
            loop.callSoonThreadsafe(r);
            return true;
        } catch (IllegalStateException loopClosed) {
            // Nobody is left to tell: the loop that owned the process is closed.
            return false;
        }
    }

    final UnsupportedOperationException wrongDirection(String operation) {
        return new UnsupportedOperationException(operation + "() on " + this + ": the pipe of fd " + fd
            + (fd == 0 ? " is write-only" : " is read-only"));
    }

    @Override
    public BaseProtocol getProtocol() {
        return protocol;
    }

    @Override
    public void setProtocol(BaseProtocol protocol) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
    }

    @Override
    public Object getExtraInfo(String name) {
        return null;
    }

    @Override
    public void write(byte[] data) {
        throw wrongDirection("write");
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        throw wrongDirection("write");
    }

    @Override
    public void write(ByteBuffer data) {
        throw wrongDirection("write");
    }

    @Override
    public void writelines(Iterable<byte[]> data) {
        throw wrongDirection("writelines");
    }

    @Override
    public void writeEof() {
        throw wrongDirection("writeEof");
    }

    @Override
    public boolean canWriteEof() {
        return false;
    }

    @Override
    public void setWriteBufferLimits(long high, long low) {
        throw wrongDirection("setWriteBufferLimits");
    }

    @Override
    public WriteBufferLimits getWriteBufferLimits() {
        throw wrongDirection("getWriteBufferLimits");
    }

    @Override
    public long getWriteBufferSize() {
        return 0;
    }

    @Override
    public void pauseReading() {
        throw wrongDirection("pauseReading");
    }

    @Override
    public void resumeReading() {
        throw wrongDirection("resumeReading");
    }

    @Override
    public boolean isReading() {
        return false;
    }
}
