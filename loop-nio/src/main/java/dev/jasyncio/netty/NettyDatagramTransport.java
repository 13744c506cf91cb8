package dev.jasyncio.netty;

import dev.jasyncio.EventLoop;
import dev.jasyncio.ExceptionContext;
import dev.jasyncio.net.DatagramProtocol;
import dev.jasyncio.net.DatagramTransport;
import dev.jasyncio.net.Transport;
import dev.jasyncio.net.WriteBufferLimits;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.Objects;

/**
 * A {@link DatagramTransport} over one Netty UDP channel of the loop's own Netty event loop, and
 * the last handler of its pipeline: Netty calls it on the loop thread, and it calls the protocol
 * there.
 */
final class NettyDatagramTransport extends ChannelInboundHandlerAdapter
        implements DatagramTransport, WriteFlowControl.Reporter {
    /*
     * Implementation overview (asyncio's _SelectorDatagramTransport over a Netty channel).
     *
     * Lifecycle: NEW --start(protocol)--> OPEN --close()/abort()/fatal error--> CLOSING;
     * any --channel inactive--> CLOSED; connectionLost runs (once, in a later callback) if
     * connectionMade ran. The channel reads nothing (autoRead off) until connectionMade returned.
     *
     * Errors: a failed receive (Netty's exceptionCaught with an IOException, e.g. the
     * PortUnreachableException of a connected socket after an ICMP "port unreachable") and a
     * failed send (a write promise's failure) go to errorReceived; the endpoint stays open, as in
     * asyncio. Netty's NIO datagram channel closes itself on a receive error other than
     * PortUnreachableException: connectionLost then reports that error.
     *
     * Sending: `writes` counts the bytes handed to Netty and not yet written, decremented by
     * each write's promise; it drives pauseWriting/resumeWriting as asyncio's buffer size does,
     * and close() closes the channel once it is 0 (Netty's close would fail the queued writes).
     *
     * Threading: the loop thread, and a hand-off task of the loop while the loop thread waits for
     * it; ChannelCalls keeps the Netty calls of both in program order.
     */

    private enum State { NEW, OPEN, CLOSING, CLOSED }

    private final EventLoop loop;
    private final Channel channel;
    private final ChannelCalls calls;
    /** The address of a connected endpoint, or null. */
    private final InetSocketAddress remote;
    private InetSocketAddress sockname;
    private DatagramProtocol protocol;
    private State state = State.NEW;
    /** connectionMade was called, so connectionLost is owed. */
    private boolean made;
    private boolean lostScheduled;
    /** The error connectionLost reports: a fatal one, or the receive error Netty closed the channel on. */
    private Throwable error;
    /** The last receive error: Netty's NIO channel closes itself after some. */
    private IOException lastReceiveError;
    /** The datagrams handed to Netty and not yet sent, in bytes, and the protocol's write flow control. */
    private final WriteFlowControl writes = new WriteFlowControl(this);
    private boolean closeWhenDrained;
    /** Closed by abort() or a fatal error: the datagrams not yet sent are dropped, and no resumeWriting follows. */
    private boolean aborted;

    NettyDatagramTransport(EventLoop loop, Channel channel, InetSocketAddress remote) {
        this.loop = loop;
        this.channel = channel;
        this.calls = new ChannelCalls(loop, channel);
        this.remote = remote;
    }

    Channel channel() {
        return channel;
    }

    /** Attaches {@code p}, calls its connectionMade, then starts receiving (unless that failed: then it closes). */
    void start(DatagramProtocol p) {
        protocol = Objects.requireNonNull(p, "protocol");
        sockname = (InetSocketAddress) channel.localAddress();
        state = State.OPEN;
        made = true;
        try {
            p.connectionMade(this);
        } catch (Throwable t) {
            fatal(t, "Fatal error: protocol.connectionMade() call failed.");
            return;
        }
        if (state == State.OPEN) {
            calls.setAutoRead(true);
        }
    }

    // ---- Netty events (loop thread)

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        byte[] data;
        InetSocketAddress from;
        try {
            if (msg instanceof DatagramPacket packet) {
                data = bytes(packet.content());
                from = packet.sender() != null ? packet.sender() : remote;
            } else if (msg instanceof ByteBuf buf) {
                data = bytes(buf);
                from = remote;
            } else {
                return;
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
        if (state != State.OPEN) {
            return;
        }
        try {
            protocol.datagramReceived(data, from);
        } catch (Throwable t) {
            // asyncio reports it and keeps the endpoint: one bad datagram does not end it.
            report("Exception in protocol.datagramReceived()", t);
        }
    }

    private static byte[] bytes(ByteBuf buf) {
        byte[] data = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), data);
        return data;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException io) {
            lastReceiveError = io;
            errorReceived(io);
        } else {
            fatal(cause, "Fatal read error on datagram transport");
        }
    }

    private void errorReceived(IOException e) {
        if (state != State.OPEN && state != State.CLOSING) {
            return;
        }
        try {
            protocol.errorReceived(e);
        } catch (Throwable t) {
            report("Exception in protocol.errorReceived()", t);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        State before = state;
        state = State.CLOSED;
        if (before == State.OPEN && error == null) {
            // Netty closed the channel by itself, after this receive error.
            error = lastReceiveError;
        }
        if (made && !lostScheduled && !loop.isClosed()) {
            lostScheduled = true;
            loop.callSoon(this::callConnectionLost);
        }
    }

    private void callConnectionLost() {
        try {
            protocol.connectionLost(error);
        } catch (Throwable t) {
            report("Fatal error: protocol.connectionLost() call failed.", t);
        }
    }

    private void fatal(Throwable t, String message) {
        report(message, t);
        if (error == null) {
            error = t;
        }
        forceClose();
    }

    @Override
    public void report(String message, Throwable t) {
        ExceptionContext context = ExceptionContext.of(message, t).with("transport", this);
        if (protocol != null) {
            context = context.with("protocol", protocol);
        }
        loop.callExceptionHandler(context);
    }

    // ---- sending

    @Override
    public void sendto(byte[] data) {
        sendto(data, null);
    }

    @Override
    public void sendto(byte[] data, InetSocketAddress to) {
        calls.checkCaller();
        Objects.requireNonNull(data, "data");
        if (state != State.OPEN) {
            throw new IllegalStateException("sendto on " + this + ": the endpoint is " + (state == State.NEW ? "not open yet"
                : "closing or closed (close(), abort() or a fatal error)") + ", the datagram is not sent");
        }
        InetSocketAddress target = target(to);
        if (data.length == 0) {
            // Netty's datagram channels skip empty messages: nothing would go out anyway.
            return;
        }
        ByteBuf buf = channel.alloc().ioBuffer(data.length);
        buf.writeBytes(data);
        Object message = remote != null ? buf : new DatagramPacket(buf, target);
        int length = data.length;
        writes.added(length);
        ChannelPromise promise = channel.newPromise();
        promise.addListener(new SendDone(length));
        if (calls.direct()) {
            channel.writeAndFlush(message, promise);
        } else {
            calls.defer(() -> channel.writeAndFlush(message, promise));
        }
        maybePauseProtocol();
    }

    private InetSocketAddress target(InetSocketAddress to) {
        if (remote != null) {
            if (to != null && !to.equals(remote)) {
                throw new IllegalArgumentException("Invalid address: this endpoint is connected to " + remote
                    + ", so sendto takes null or that address, not " + to);
            }
            return remote;
        }
        if (to == null) {
            throw new IllegalArgumentException("sendto needs an address: this endpoint is not connected"
                + " (it was made without a remote address)");
        }
        if (to.isUnresolved()) {
            throw new IllegalArgumentException("sendto needs a resolved address, not " + to
                + ": resolve it first (Net.resolve)");
        }
        return to;
    }

    /** Counts one datagram out of the write buffer's size once Netty has sent (or dropped) it. */
    private final class SendDone implements ChannelFutureListener {
        private final int length;

        SendDone(int length) {
            this.length = length;
        }

        @Override
        public void operationComplete(ChannelFuture f) {
            writes.removed(length);
            Throwable cause = f.cause();
            if (cause instanceof IOException io && !(cause instanceof ClosedChannelException)) {
                errorReceived(io);
            } else if (cause != null && !(cause instanceof ClosedChannelException)) {
                fatal(cause, "Fatal write error on datagram transport");
            }
            maybeResumeProtocol();
            if (writes.size() == 0 && closeWhenDrained) {
                closeWhenDrained = false;
                calls.close();
            }
        }
    }

    private void maybePauseProtocol() {
        if (!writes.isAboveHigh() || writes.isPaused() || flowControlEnded()) {
            return;
        }
        writes.pauseProtocol(protocol);
    }

    private void maybeResumeProtocol() {
        if (!writes.isPaused() || !writes.isAtOrBelowLow() || flowControlEnded()) {
            return;
        }
        writes.resumeProtocol(protocol);
    }

    /**
     * Once aborted or gone, or while the closing loop fails what is queued, the protocol hears
     * neither pause nor resume: asyncio's abort empties the buffer, and connectionLost follows.
     * What is still counted then (a datagram a hand-off task queued) leaves or fails unheard.
     */
    private boolean flowControlEnded() {
        return aborted || state == State.CLOSED || loop.isClosed();
    }

    @Override
    public long getWriteBufferSize() {
        return writes.size();
    }

    @Override
    public void setWriteBufferLimits(long high, long low) {
        calls.checkCaller();
        writes.useLimits(high, low);
        if (protocol != null) {
            maybePauseProtocol();
        }
    }

    @Override
    public WriteBufferLimits getWriteBufferLimits() {
        return writes.limits();
    }

    // ---- closing

    @Override
    public void close() {
        calls.checkCaller();
        if (state != State.OPEN) {
            return;
        }
        state = State.CLOSING;
        calls.setAutoRead(false);
        if (writes.size() == 0) {
            calls.close();
        } else {
            closeWhenDrained = true;
        }
    }

    @Override
    public void abort() {
        calls.checkCaller();
        forceClose();
    }

    /** Closes at once; the datagrams not yet sent fail (and are not reported). */
    private void forceClose() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSING;
        // Before the close, which fails the queued datagrams at once, in this call.
        aborted = true;
        closeWhenDrained = false;
        calls.close();
    }

    @Override
    public boolean isClosing() {
        return state != State.OPEN;
    }

    // ---- information

    @Override
    public Object getExtraInfo(String name) {
        switch (name) {
            case Transport.PEERNAME:
                return remote;
            case Transport.SOCKNAME:
                return sockname;
            default:
                return null;
        }
    }

    @Override
    public DatagramProtocol getProtocol() {
        return protocol;
    }

    @Override
    public void setProtocol(DatagramProtocol protocol) {
        calls.checkCaller();
        this.protocol = Objects.requireNonNull(protocol, "protocol");
    }

    @Override
    public String toString() {
        return "DatagramTransport[" + (sockname != null ? sockname : channel) + (remote != null ? " -> " + remote : "")
            + ", " + state.name().toLowerCase() + (writes.size() > 0 ? ", " + writes.size() + " bytes buffered" : "") + "]";
    }
}
