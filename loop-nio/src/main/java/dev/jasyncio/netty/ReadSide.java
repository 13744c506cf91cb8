package dev.jasyncio.netty;

import dev.jasyncio.EventLoop;
import dev.jasyncio.net.BaseProtocol;
import dev.jasyncio.net.BufferedProtocol;
import dev.jasyncio.net.Protocol;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The reading half of a {@link NettyTransport}: hands what Netty reads to the protocol, or holds
 * it while reading is paused or the protocol is not attached yet.
 *
 * <p>Netty reads with autoRead; pausing clears autoRead. Netty may still deliver the rest of the
 * batch it is reading, and the protocol may pause inside dataReceived, so reads that arrive
 * while paused (or before the protocol is attached) wait in {@code held}, in order, and are
 * delivered by a loop callback after a resume, never inside it. autoRead is set again only once
 * {@code held} is empty, which bounds {@code held} to about one read batch. The peer's EOF waits
 * behind the held reads.
 *
 * <p>Invariant: every ByteBuf given to {@link #received} is released exactly once: delivered and
 * released, held (then delivered or released by {@link #stop} / {@link #releaseHeld}), or
 * released at once when the transport is closing. Loop thread only (or the loop's hand-off task).
 */
final class ReadSide {
    private final NettyTransport transport;
    private final ChannelCalls calls;
    private final EventLoop loop;
    private boolean paused;
    private final ArrayDeque<ByteBuf> held = new ArrayDeque<>(4);
    /** The peer's EOF arrived while reads were held; delivered after them. */
    private boolean eofHeld;
    private boolean eofSeen;
    private boolean deliveryScheduled;

    ReadSide(NettyTransport transport, ChannelCalls calls, EventLoop loop) {
        this.transport = transport;
        this.calls = calls;
        this.loop = loop;
    }

    /** Netty read {@code buf}: deliver it now, hold it, or (closing) drop it. */
    void received(ByteBuf buf) {
        if (transport.isNew() || (transport.isOpen() && mustHold())) {
            held.add(buf);
        } else if (transport.isOpen()) {
            if (!deliver(buf)) {
                held.addFirst(buf);
            }
        } else {
            buf.release();
        }
    }

    private boolean mustHold() {
        return paused || deliveryScheduled || !held.isEmpty();
    }

    /** The peer closed its write side (TCP FIN, or a TLS close_notify). */
    void eofArrived() {
        if (eofSeen) {
            return;
        }
        eofSeen = true;
        if (transport.isNew() || (transport.isOpen() && mustHold())) {
            eofHeld = true;
        } else if (transport.isOpen()) {
            deliverEof();
        }
    }

    /** The protocol is attached: deliver what was held meanwhile (in a later callback). */
    void attached() {
        if (transport.isOpen() && (!held.isEmpty() || eofHeld)) {
            scheduleDelivery();
        }
    }

    /** The transport is open and reading is not paused. */
    boolean isReading() {
        return transport.isOpen() && !paused;
    }

    /** pauseReading: nothing to do unless reading. */
    void pause() {
        if (!isReading()) {
            return;
        }
        paused = true;
        calls.setAutoRead(false);
    }

    /** resumeReading: nothing to do unless the transport is open and reading paused. */
    void resume() {
        if (!transport.isOpen() || !paused) {
            return;
        }
        paused = false;
        if (!held.isEmpty() || eofHeld) {
            scheduleDelivery();
        } else {
            readAgain();
        }
    }

    /**
     * Turns autoRead back on, unless by the time the call runs (a hand-off task's call runs
     * later, on the loop thread) reading was paused again, the peer's EOF arrived or the
     * transport is closing: Netty's epoll drops a socket with no interest left from its set once
     * the input is shut down, and re-arming it then fails (epoll_ctl: ENOENT).
     */
    private void readAgain() {
        calls.run(() -> {
            if (!paused && !eofSeen && transport.isOpen()) {
                transport.channel().config().setAutoRead(true);
            }
        });
    }

    /** Closing: nothing more is delivered. */
    void stop() {
        releaseHeld();
        eofHeld = false;
        calls.setAutoRead(false);
    }

    void releaseHeld() {
        ByteBuf b;
        while ((b = held.poll()) != null) {
            b.release();
        }
    }

    /** startTls: the reads not delivered yet, which belong to TLS from now on. */
    ArrayDeque<ByteBuf> takeHeld() {
        ArrayDeque<ByteBuf> taken = new ArrayDeque<>(held);
        held.clear();
        eofHeld = false;
        return taken;
    }

    private void scheduleDelivery() {
        if (!deliveryScheduled) {
            deliveryScheduled = true;
            loop.callSoon(this::deliverHeld);
        }
    }

    /** Delivers the reads held while paused (or before the protocol was attached), in order. */
    private void deliverHeld() {
        deliveryScheduled = false;
        ByteBuf b;
        while (transport.isOpen() && !paused && (b = held.poll()) != null) {
            if (!deliver(b)) {
                held.addFirst(b);
                return;
            }
        }
        if (!transport.isOpen() || paused) {
            return;
        }
        if (eofHeld) {
            eofHeld = false;
            deliverEof();
        } else {
            readAgain();
        }
    }

    /**
     * Hands {@code buf} to the protocol; true if it is all consumed (and released), false if the
     * protocol paused reading before the whole of it was delivered (then it is kept, not released).
     */
    private boolean deliver(ByteBuf buf) {
        BaseProtocol protocol = transport.getProtocol();
        if (protocol instanceof BufferedProtocol bp) {
            return deliverBuffered(bp, buf);
        }
        byte[] data = new byte[buf.readableBytes()];
        buf.readBytes(data);
        buf.release();
        try {
            ((Protocol) protocol).dataReceived(data);
        } catch (Throwable t) {
            transport.fatal(t, "Fatal error: protocol.dataReceived() call failed.");
        }
        return true;
    }

    private boolean deliverBuffered(BufferedProtocol bp, ByteBuf buf) {
        try {
            while (buf.isReadable() && transport.isOpen()) {
                if (paused) {
                    return false;
                }
                int available = buf.readableBytes();
                ByteBuffer into = bp.getBuffer(available);
                if (into == null || !into.hasRemaining()) {
                    throw new IllegalStateException("getBuffer(" + available + ") returned " + (into == null ? "null" : "a full buffer")
                        + ": it must return a buffer with room for at least one byte");
                }
                int n = Math.min(available, into.remaining());
                int limit = into.limit();
                into.limit(into.position() + n);
                buf.readBytes(into);
                into.limit(limit);
                bp.bufferUpdated(n);
            }
        } catch (Throwable t) {
            transport.fatal(t, "Fatal error: protocol.bufferUpdated() call failed.");
        }
        buf.release();
        return true;
    }

    private void deliverEof() {
        BaseProtocol protocol = transport.getProtocol();
        boolean keepOpen;
        try {
            keepOpen = protocol instanceof BufferedProtocol bp ? bp.eofReceived() : ((Protocol) protocol).eofReceived();
        } catch (Throwable t) {
            transport.fatal(t, "Fatal error: protocol.eofReceived() call failed.");
            return;
        }
        // Over TLS a half-closed connection is not possible (asyncio closes whatever is returned).
        if (!keepOpen || transport.isTls()) {
            transport.close();
        }
    }
}
