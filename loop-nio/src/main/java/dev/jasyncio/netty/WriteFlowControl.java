package dev.jasyncio.netty;

import dev.jasyncio.net.BaseProtocol;
import dev.jasyncio.net.DatagramProtocol;
import dev.jasyncio.net.WriteBufferLimits;

/**
 * A transport's write buffer as asyncio counts it (its _FlowControlMixin): the bytes handed to
 * Netty and not yet written, the high- and low-water marks, and whether the protocol was told
 * pauseWriting and not yet resumeWriting. The stream transports' {@link WriteSide} and
 * {@link NettyDatagramTransport} keep their count here.
 *
 * <p>The owner counts bytes in and out and decides when the protocol is told, since each adds its
 * own conditions to the water marks (a stream that follows a wrapped channel also pauses while it
 * is not writable; neither resumes a protocol once its transport was aborted or closed). Each
 * change is told once; a failure of the protocol's callback goes to the owner's {@link Reporter}.
 *
 * <p>{@code WriteSide} extends this class rather than holding one, so that the count it changes on
 * every write and every write's completion is a field of its own: no load of another object on
 * the W7 path. The datagram transport holds one. Loop thread only (or the loop's hand-off task).
 */
sealed class WriteFlowControl permits WriteSide {
    /** Where a transport reports a failure of its protocol, to the loop's exception handler. */
    interface Reporter {
        void report(String message, Throwable t);
    }

    private final Reporter reporter;
    /** Bytes handed to Netty and not yet written (or dropped). */
    private long size;
    private long high = WriteBufferLimits.DEFAULT_HIGH;
    private long low = WriteBufferLimits.DEFAULT_LOW;
    /** The protocol was told pauseWriting and not yet resumeWriting. */
    private boolean paused;

    WriteFlowControl(Reporter reporter) {
        this.reporter = reporter;
    }

    /** {@code bytes} more were handed to Netty. */
    final void added(long bytes) {
        size += bytes;
    }

    /** Netty wrote (or dropped) {@code bytes} of what it was handed. */
    final void removed(long bytes) {
        size -= bytes;
    }

    /** asyncio's get_write_buffer_size. */
    final long size() {
        return size;
    }

    final boolean isAboveHigh() {
        return size > high;
    }

    final boolean isAtOrBelowLow() {
        return size <= low;
    }

    final boolean isPaused() {
        return paused;
    }

    /**
     * Tells {@code protocol} pauseWriting; the owner checked that it is not paused. A stream's
     * {@link BaseProtocol} and a {@link DatagramProtocol} share no type, hence the test.
     */
    final void pauseProtocol(Object protocol) {
        assert !paused;
        paused = true;
        try {
            if (protocol instanceof BaseProtocol stream) {
                stream.pauseWriting();
            } else {
                ((DatagramProtocol) protocol).pauseWriting();
            }
        } catch (Throwable t) {
            reporter.report("protocol.pauseWriting() failed", t);
        }
    }

    /** Tells {@code protocol} (as {@link #pauseProtocol}) resumeWriting; the owner checked that it is paused. */
    final void resumeProtocol(Object protocol) {
        assert paused;
        paused = false;
        try {
            if (protocol instanceof BaseProtocol stream) {
                stream.resumeWriting();
            } else {
                ((DatagramProtocol) protocol).resumeWriting();
            }
        } catch (Throwable t) {
            reporter.report("protocol.resumeWriting() failed", t);
        }
    }

    /** Takes new water marks, checked as {@link WriteBufferLimits} checks them; the owner then sees whether to pause. */
    final void useLimits(long high, long low) {
        WriteBufferLimits limits = new WriteBufferLimits(low, high);
        this.high = limits.high();
        this.low = limits.low();
    }

    /** asyncio's get_write_buffer_limits. */
    final WriteBufferLimits limits() {
        return new WriteBufferLimits(low, high);
    }
}
