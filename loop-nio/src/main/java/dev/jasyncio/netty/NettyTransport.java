package dev.jasyncio.netty;

import dev.jasyncio.EventLoop;
import dev.jasyncio.ExceptionContext;
import dev.jasyncio.net.BaseProtocol;
import dev.jasyncio.net.Transport;
import dev.jasyncio.net.WriteBufferLimits;
import dev.jasyncio.spi.NetworkBackend;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ClosedChannelException;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * A {@link Transport} over one Netty TCP channel of the loop's own Netty event loop, and the last
 * handler of that channel's pipeline: Netty calls it on the loop thread, inside the driver's poll,
 * and it calls the protocol there.
 */
final class NettyTransport extends ChannelInboundHandlerAdapter implements Transport, WriteFlowControl.Reporter {
    /*
     * Implementation overview (asyncio's _SelectorSocketTransport over a Netty channel).
     *
     * Lifecycle:
     *   NEW --ready (channel active, or TLS handshake done)--> OPEN --close()/abort()/fatal error--> CLOSING
     *   any --channel inactive--> CLOSED; connectionLost runs (once, in a later callback) if
     *   connectionMade ran, and the server that accepted the connection hears of its end
     *   (ConnectionEnd, which also keeps the first error).
     * Before OPEN the protocol is not known: reads are held; a failure goes to `start`.
     *
     * This class keeps the lifecycle and hands the rest to its parts:
     *   Reading: ReadSide (held reads while paused or before OPEN, delivered by a later callback;
     *   pauseReading and resumeReading).
     *   Writing: WriteSide, which counts in WriteFlowControl (asyncio's count of buffered bytes
     *   and water marks; close and writeEof wait for the buffer to drain); sendfile: FileSender.
     *   startTls: TlsHandOver (the channel passes to the upgraded transport; reads not delivered
     *   yet are replayed through TLS). This transport is CLOSED from then on, and its close,
     *   abort, isClosing and sendfile act on the upgraded one.
     *   getExtraInfo: ExtraInfo. Netty calls: ChannelCalls.
     *
     * Invariants: (1) every ByteBuf read is released exactly once (see ReadSide); (2)
     * connectionLost runs at most once, after connectionMade, in its own loop callback (never
     * inside another protocol callback; see ConnectionEnd); (3) the protocol is called on the
     * loop thread only; (4) Netty calls are made on the loop thread, in program order (see
     * Threading).
     *
     * Threading: the loop thread, and under the hand-off coroutine engine a task's virtual
     * thread, which runs only while the loop thread waits for it; ChannelCalls keeps the Netty
     * calls of both in program order and refuses any other thread.
     */

    private static final System.Logger LOG = System.getLogger("dev.jasyncio.net");
    /** The name of this handler in its channel's pipeline. */
    static final String HANDLER_NAME = "transport";

    private enum State { NEW, OPEN, CLOSING, CLOSED }

    /** What to do once the connection is ready (or failed before it was). */
    interface Start {
        /** The transport is ready: attach a protocol with {@link #start(BaseProtocol)}, or close it. */
        void ready(NettyTransport transport);

        /** The connection failed before it was ready (connect error, TLS handshake failure). */
        void failed(NettyTransport transport, Throwable cause);
    }

    private final EventLoop loop;
    private final Channel channel;
    /** The TLS handler in front of this one, or null for plain TCP. */
    private final SslHandler tls;
    /** Netty calls in program order (see Threading). */
    private final ChannelCalls calls;
    private final ReadSide reads;
    private final WriteSide writes;
    /** The first error, and connectionLost and the server's notice owed when the channel closes. */
    private final ConnectionEnd end;
    /** What getExtraInfo answers. */
    private final ExtraInfo info;

    private State state = State.NEW;
    /** Closed by abort() or a fatal error: the buffered writes are dropped. */
    private boolean aborted;
    /** Told once about readiness or failure; null afterwards. */
    private Start start;
    private BaseProtocol protocol;
    /** startTls's hand-over of the channel to the transport that took it over; null unless upgraded. */
    private TlsHandOver upgrade;
    /** Made by the first sendfile. */
    private FileSender fileSender;

    NettyTransport(EventLoop loop, Channel channel, SslHandler tls, SSLContext tlsContext, Start start) {
        this.loop = loop;
        this.channel = channel;
        this.tls = tls;
        this.calls = new ChannelCalls(loop, channel);
        this.reads = new ReadSide(this, calls, loop);
        this.writes = new WriteSide(this, channel, calls);
        this.end = new ConnectionEnd(this, loop);
        this.info = new ExtraInfo(tls, tlsContext);
        this.start = start;
    }

    void setAcceptor(NetworkBackend.Acceptor acceptor) {
        end.setAcceptor(acceptor);
    }

    /**
     * startTls: hands the channel over to {@code upgraded}, which sits behind {@code tls} in the
     * pipeline from now on. Reads this transport still held are replayed through TLS; the server
     * (if any) goes on knowing the connection by this transport, whose close and abort now act
     * on {@code upgraded}.
     */
    void handOver(NettyTransport upgraded, SslHandler tls) {
        end.passAcceptorTo(upgraded.end);
        state = State.CLOSED;
        upgrade = new TlsHandOver(upgraded, tls, writes, reads.takeHeld());
        calls.run(upgrade::swap);
    }

    /** startTls: attaches {@code p} without connectionMade (the connection was made long ago). */
    void startUpgraded(BaseProtocol p) {
        protocol = Objects.requireNonNull(p, "protocol");
        state = State.OPEN;
        end.made();
        reads.attached();
    }

    /** Whether startTls may upgrade this transport: open, plain, not handed over yet. */
    boolean canStartTls() {
        return state == State.OPEN && tls == null && upgrade == null;
    }

    /** The channel under this transport. */
    Channel channel() {
        return channel;
    }

    /** Not ready yet: no protocol attached. */
    boolean isNew() {
        return state == State.NEW;
    }

    /** Ready and neither closing nor closed. */
    boolean isOpen() {
        return state == State.OPEN;
    }

    boolean isTls() {
        return tls != null;
    }

    // ---- Netty events (loop thread)

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (tls == null) {
            becomeReady();
        }
        ctx.fireChannelActive();
    }

    private void becomeReady() {
        Start s = start;
        if (s == null || state != State.NEW) {
            return;
        }
        start = null;
        info.learnAddresses(channel);
        s.ready(this);
    }

    /**
     * ChannelStreams: the channel was active before this handler joined its pipeline, so attach
     * {@code p} now (a TLS handshake still under way queues the writes meanwhile). The write flow
     * control follows the channel's water marks and writability, and reading starts.
     */
    void adopt(BaseProtocol p) {
        start = null;
        info.learnAddresses(channel);
        writes.followChannel();
        start(p);
        calls.setAutoRead(true);
    }

    private void failBeforeReady(Throwable cause) {
        Start s = start;
        if (s == null) {
            return;
        }
        start = null;
        s.failed(this, cause);
    }

    /** Attaches {@code p} and calls its connectionMade; called by {@link Start#ready}. */
    void start(BaseProtocol p) {
        protocol = Objects.requireNonNull(p, "protocol");
        state = State.OPEN;
        end.made();
        try {
            p.connectionMade(this);
        } catch (Throwable t) {
            fatal(t, "Fatal error: protocol.connectionMade() call failed.");
            return;
        }
        reads.attached();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            String type = msg.getClass().getName();
            ReferenceCountUtil.release(msg);
            fatal(new IllegalStateException("a " + type + " reached the transport, which reads bytes only: the handlers in"
                + " front of it must pass ByteBufs on"), "Fatal error: a message that is not bytes reached the transport");
            return;
        }
        if (upgrade != null && upgrade.hold(buf)) {
            return;
        }
        writes.readBatchStarted();
        reads.received(buf);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        writes.readBatchEnded();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        writes.writabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess()) {
                becomeReady();
            } else if (state == State.OPEN) {
                // Adopted by ChannelStreams while the handshake was under way: the SslHandler
                // closes the channel, and the protocol must hear why rather than a clean EOF.
                forceClose(TlsEngines.unwrap(handshake.cause()));
            } else {
                failBeforeReady(TlsEngines.unwrap(handshake.cause()));
            }
        } else if (evt == ChannelInputShutdownEvent.INSTANCE
            || evt instanceof SslCloseCompletionEvent close && close.isSuccess()) {
            reads.eofArrived();
        }
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable e = TlsEngines.unwrap(cause);
        if (state == State.NEW) {
            if (tls == null) {
                failBeforeReady(e);
            }
            // With TLS the handshake event reports it; Netty closes the channel.
            ctx.close();
            return;
        }
        if (!(e instanceof IOException)) {
            report("Fatal error on transport", e);
        } else {
            LOG.log(System.Logger.Level.DEBUG, "{0}: connection error", this, e);
        }
        forceClose(e);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (upgrade != null) {
            upgrade.channelClosed(ctx);
            return;
        }
        State before = state;
        state = State.CLOSED;
        reads.releaseHeld();
        if (before == State.NEW) {
            failBeforeReady(end.error() != null ? end.error() : new ClosedChannelException());
        }
        end.channelClosed();
    }

    /** asyncio's _fatal_error: report what is not an I/O error, then close without flushing. */
    void fatal(Throwable t, String message) {
        if (t instanceof IOException) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: {1}", this, message, t);
        } else {
            report(message, t);
        }
        forceClose(t);
    }

    @Override
    public void report(String message, Throwable t) {
        ExceptionContext context = ExceptionContext.of(message, t).with("transport", this);
        if (protocol != null) {
            context = context.with("protocol", protocol);
        }
        loop.callExceptionHandler(context);
    }

    // ---- writing (WriteSide)

    @Override
    public void write(byte[] data) {
        write(data, 0, data.length);
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        calls.checkCaller();
        Objects.checkFromIndexSize(offset, length, data.length);
        checkNotHandedOver();
        writes.write(data, offset, length);
    }

    @Override
    public void write(ByteBuffer data) {
        calls.checkCaller();
        checkNotHandedOver();
        writes.write(data);
    }

    @Override
    public void writelines(Iterable<byte[]> data) {
        calls.checkCaller();
        checkNotHandedOver();
        writes.writelines(data);
    }

    private void checkNotHandedOver() {
        if (upgrade != null) {
            throw new IllegalStateException("this transport was upgraded by startTls: write to the transport it returned");
        }
    }

    @Override
    public void writeEof() {
        calls.checkCaller();
        writes.writeEof();
    }

    @Override
    public boolean canWriteEof() {
        return writes.canWriteEof();
    }

    @Override
    public void setWriteBufferLimits(long high, long low) {
        calls.checkCaller();
        writes.setLimits(high, low);
    }

    @Override
    public WriteBufferLimits getWriteBufferLimits() {
        return writes.limits();
    }

    @Override
    public long getWriteBufferSize() {
        return writes.size();
    }

    // ---- sendfile (FileSender)

    @Override
    public long sendfile(FileChannel file, long offset, long count, boolean fallback) throws IOException {
        calls.checkCaller();
        if (upgrade != null) {
            return upgrade.upgraded().sendfile(file, offset, count, fallback);
        }
        if (state != State.OPEN) {
            throw new IllegalStateException("Transport is closing: " + this);
        }
        FileSender sender = fileSender;
        if (sender == null) {
            sender = new FileSender(this, writes, loop);
            fileSender = sender;
        }
        return sender.send(file, offset, count, fallback);
    }

    /** A write failed (not merely dropped by a close): the error connectionLost reports, unless we aborted. */
    void writeFailed(Throwable cause) {
        if (!aborted) {
            end.failed(TlsEngines.unwrap(cause));
        }
    }

    /**
     * Aborted, closed, or on a loop that is closing (which closes the channel and fails the
     * writes still queued, before channelInactive): the protocol hears no more pauseWriting or
     * resumeWriting, whose callbacks could not run on a closed loop anyway.
     */
    boolean writeFlowControlEnded() {
        return aborted || state == State.CLOSED || loop.isClosed();
    }

    // ---- closing

    @Override
    public void close() {
        calls.checkCaller();
        if (upgrade != null) {
            upgrade.upgraded().close();
            return;
        }
        if (state != State.OPEN) {
            return;
        }
        state = State.CLOSING;
        reads.stop();
        writes.closeWhenDrained();
    }

    @Override
    public void abort() {
        calls.checkCaller();
        if (upgrade != null) {
            upgrade.upgraded().abort();
            return;
        }
        forceClose(null);
    }

    /** asyncio's _force_close: stop at once, dropping what is buffered; {@code cause} goes to connectionLost. */
    private void forceClose(Throwable cause) {
        if (aborted || state == State.CLOSED) {
            return;
        }
        if (cause != null) {
            end.failed(cause);
        }
        aborted = true;
        state = State.CLOSING;
        writes.abandon();
        reads.stop();
        calls.closeAtOnce();
    }

    @Override
    public boolean isClosing() {
        return upgrade != null ? upgrade.upgraded().isClosing() : state != State.OPEN;
    }

    // ---- reading flow control

    @Override
    public void pauseReading() {
        calls.checkCaller();
        reads.pause();
    }

    @Override
    public void resumeReading() {
        calls.checkCaller();
        reads.resume();
    }

    @Override
    public boolean isReading() {
        return reads.isReading();
    }

    // ---- information

    @Override
    public Object getExtraInfo(String name) {
        return info.get(name);
    }

    @Override
    public BaseProtocol getProtocol() {
        return protocol;
    }

    @Override
    public void setProtocol(BaseProtocol protocol) {
        calls.checkCaller();
        this.protocol = Objects.requireNonNull(protocol, "protocol");
    }

    @Override
    public String toString() {
        return "Transport[" + info.describe(channel) + ", " + state.name().toLowerCase()
            + (writes.size() > 0 ? ", " + writes.size() + " bytes buffered" : "") + "]";
    }
}
