package dev.jasyncio.netty;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.ExceptionContext;
import dev.jasyncio.Task;
import dev.jasyncio.net.BaseProtocol;
import dev.jasyncio.net.BufferedProtocol;
import dev.jasyncio.net.Protocol;
import dev.jasyncio.net.Transport;
import dev.jasyncio.net.WriteBufferLimits;
import dev.jasyncio.spi.NetworkBackend;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * A {@link Transport} over one Netty TCP channel of the loop's own Netty event loop, and the last
 * handler of that channel's pipeline: Netty calls it on the loop thread, inside the driver's poll,
 * and it calls the protocol there.
 */
final class NettyTransport extends ChannelInboundHandlerAdapter implements Transport {
    /*
     * Implementation overview (asyncio's _SelectorSocketTransport over a Netty channel).
     *
     * Lifecycle:
     *   NEW --ready (channel active, or TLS handshake done)--> OPEN --close()/abort()/fatal error--> CLOSING
     *   any --channel inactive--> CLOSED; connectionLost runs (once, in a later callback) if
     *   connectionMade ran.
     * Before OPEN the protocol is not known: reads are held; a failure goes to `start`.
     *
     * Reading: Netty reads with autoRead; pauseReading clears autoRead. Netty may still deliver
     * the rest of the batch it is reading, and the protocol may pause inside dataReceived, so
     * reads that arrive while paused (or before OPEN) wait in `held`, in order, and are delivered
     * by a loop callback after resumeReading, never inside it. autoRead is set again only once
     * `held` is empty, which bounds `held` to about one read batch.
     *
     * Writing: our own count of bytes handed to Netty and not yet written (`pending`), decremented
     * by each write's promise, drives pauseWriting (inside write(), above `high`) and
     * resumeWriting (at or below `low`), exactly as asyncio counts; Netty's own writability
     * counts a per-message overhead and wakes only strictly below its low mark. close() and
     * writeEof() wait for `pending` to reach 0, because Netty's close and shutdownOutput fail the
     * writes still queued.
     *
     * Invariants: (1) every ByteBuf read is released exactly once: delivered and released, held,
     * or released on close; (2) connectionLost runs at most once, after connectionMade, in its
     * own loop callback (never inside another protocol callback); (3) the protocol is called on
     * the loop thread only; (4) Netty calls are made on the loop thread, in program order (see
     * Threading).
     *
     * Threading: the loop thread, and under the hand-off coroutine engine a task's virtual
     * thread, which runs only while the loop thread waits for it (a strict hand-off), so our
     * fields need no synchronisation. Netty's own methods would hop from that virtual thread
     * through the event loop's task queue, and could then overtake calls made later on the loop
     * thread; so Netty calls go through direct()/defer(): from the virtual thread they wait in
     * `deferred`, which runs, in order, on the loop thread before any later Netty call. Any other
     * thread fails at once in checkCaller(), before it changes anything.
     */

    private static final System.Logger LOG = System.getLogger("dev.jasyncio.net");
    /** The name of this handler in its channel's pipeline. */
    static final String HANDLER_NAME = "transport";
    /** asyncio's LOG_THRESHOLD_FOR_CONNLOST_WRITES. */
    private static final int DROPPED_WRITES_WARNING = 5;

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
    private final SSLContext tlsContext;
    /** Told once about readiness or failure; null afterwards. */
    private Start start;
    private BaseProtocol protocol;
    /** The server that accepted this connection, told when it ends; null for a client. */
    private NetworkBackend.Acceptor acceptor;
    /** The transport the server knows this connection by: this one, or the one startTls replaced. */
    private Transport acceptorKey = this;
    /** The transport that took the channel over in startTls, or null. */
    private NettyTransport successor;
    /** Reads to replay through TLS once the startTls swap is done; null when none is pending. */
    private ArrayDeque<ByteBuf> handOverReplay;
    private State state = State.NEW;
    /** connectionMade was called, so connectionLost is owed. */
    private boolean made;
    private boolean lostScheduled;
    /** The first error: the one connectionLost reports. */
    private Throwable error;
    private InetSocketAddress peername;
    private InetSocketAddress sockname;

    // reading
    private boolean readingPaused;
    private final ArrayDeque<ByteBuf> held = new ArrayDeque<>(4);
    /** The peer's EOF arrived while reads were held; delivered after them. */
    private boolean eofHeld;
    private boolean eofSeen;
    private boolean deliveryScheduled;

    // writing
    private long pending;
    private long high = WriteBufferLimits.DEFAULT_HIGH;
    private long low = WriteBufferLimits.DEFAULT_LOW;
    private boolean writingPaused;
    private boolean eofWritten;
    private boolean shutdownWhenDrained;
    private boolean closeWhenDrained;
    private boolean aborted;
    private int droppedWrites;

    // Netty calls made from a hand-off task's virtual thread, waiting for the loop thread
    private ArrayDeque<Runnable> deferred;
    private boolean deferredScheduled;

    NettyTransport(EventLoop loop, Channel channel, SslHandler tls, SSLContext tlsContext, Start start) {
        this.loop = loop;
        this.channel = channel;
        this.tls = tls;
        this.tlsContext = tlsContext;
        this.start = start;
    }

    void setAcceptor(NetworkBackend.Acceptor acceptor) {
        this.acceptor = acceptor;
    }

    /**
     * startTls: hands the channel over to {@code upgraded}, which sits behind {@code tls} in the
     * pipeline from now on. Reads this transport still held are replayed through TLS; the server
     * (if any) goes on knowing the connection by this transport, whose close and abort now act
     * on {@code upgraded}.
     */
    void handOver(NettyTransport upgraded, SslHandler tls) {
        successor = upgraded;
        upgraded.acceptor = acceptor;
        upgraded.acceptorKey = acceptorKey;
        acceptor = null;
        state = State.CLOSED;
        // Reads that arrive before the swap (a hand-off task defers it) join these: they are TLS bytes.
        ArrayDeque<ByteBuf> replay = new ArrayDeque<>(held);
        held.clear();
        eofHeld = false;
        handOverReplay = replay;
        Runnable swap = () -> {
            ArrayDeque<ByteBuf> pending = handOverReplay;
            handOverReplay = null;
            if (pending == null) {
                // The channel closed first (channelInactive released the reads and failed the upgrade).
                return;
            }
            io.netty.channel.ChannelPipeline p = channel.pipeline();
            p.addBefore(HANDLER_NAME, "tls", tls);
            p.replace(HANDLER_NAME, HANDLER_NAME, upgraded);
            ByteBuf b;
            boolean any = !pending.isEmpty();
            while ((b = pending.poll()) != null) {
                p.fireChannelRead(b);
            }
            if (any) {
                p.fireChannelReadComplete();
            }
            channel.config().setAutoRead(true);
        };
        if (direct()) {
            swap.run();
        } else {
            defer(swap);
        }
    }

    /** startTls: attaches {@code p} without connectionMade (the connection was made long ago). */
    void startUpgraded(BaseProtocol p) {
        protocol = Objects.requireNonNull(p, "protocol");
        state = State.OPEN;
        made = true;
        if (!held.isEmpty() || eofHeld) {
            scheduleHeldDelivery();
        }
    }

    /** Whether startTls may upgrade this transport: open, plain, not handed over yet. */
    boolean canStartTls() {
        return state == State.OPEN && tls == null && successor == null;
    }

    /** The channel under this transport. */
    Channel channel() {
        return channel;
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
        peername = (InetSocketAddress) channel.remoteAddress();
        sockname = (InetSocketAddress) channel.localAddress();
        s.ready(this);
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
        made = true;
        try {
            p.connectionMade(this);
        } catch (Throwable t) {
            fatal(t, "Fatal error: protocol.connectionMade() call failed.");
            return;
        }
        if (state == State.OPEN && (!held.isEmpty() || eofHeld)) {
            scheduleHeldDelivery();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (handOverReplay != null) {
            handOverReplay.add(buf);
            return;
        }
        if (state == State.NEW || (state == State.OPEN && (readingPaused || deliveryScheduled || !held.isEmpty()))) {
            held.add(buf);
        } else if (state == State.OPEN) {
            if (!deliver(buf)) {
                held.addFirst(buf);
            }
        } else {
            buf.release();
        }
    }

    /**
     * Hands {@code buf} to the protocol; true if it is all consumed (and released), false if the
     * protocol paused reading before the whole of it was delivered (then it is kept, not released).
     */
    private boolean deliver(ByteBuf buf) {
        if (protocol instanceof BufferedProtocol bp) {
            return deliverBuffered(bp, buf);
        }
        byte[] data = new byte[buf.readableBytes()];
        buf.readBytes(data);
        buf.release();
        try {
            ((Protocol) protocol).dataReceived(data);
        } catch (Throwable t) {
            fatal(t, "Fatal error: protocol.dataReceived() call failed.");
        }
        return true;
    }

    private boolean deliverBuffered(BufferedProtocol bp, ByteBuf buf) {
        try {
            while (buf.isReadable()) {
                if (state != State.OPEN) {
                    break;
                }
                if (readingPaused) {
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
            fatal(t, "Fatal error: protocol.bufferUpdated() call failed.");
        }
        buf.release();
        return true;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess()) {
                becomeReady();
            } else {
                failBeforeReady(unwrap(handshake.cause()));
            }
        } else if (evt == ChannelInputShutdownEvent.INSTANCE
            || evt instanceof SslCloseCompletionEvent close && close.isSuccess()) {
            eofArrived();
        }
        ReferenceCountUtil.release(evt);
    }

    private void eofArrived() {
        if (eofSeen) {
            return;
        }
        eofSeen = true;
        if (state == State.NEW || (state == State.OPEN && (readingPaused || deliveryScheduled || !held.isEmpty()))) {
            eofHeld = true;
        } else if (state == State.OPEN) {
            deliverEof();
        }
    }

    private void deliverEof() {
        boolean keepOpen;
        try {
            keepOpen = protocol instanceof BufferedProtocol bp ? bp.eofReceived() : ((Protocol) protocol).eofReceived();
        } catch (Throwable t) {
            fatal(t, "Fatal error: protocol.eofReceived() call failed.");
            return;
        }
        // Over TLS a half-closed connection is not possible (asyncio closes whatever is returned).
        if (!keepOpen || tls != null) {
            close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable e = unwrap(cause);
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
        if (successor != null) {
            // Closed before the startTls swap: the upgrade fails, and the server hears of it.
            ArrayDeque<ByteBuf> replay = handOverReplay;
            handOverReplay = null;
            if (replay != null) {
                replay.forEach(ByteBuf::release);
            }
            successor.channelInactive(ctx);
            return;
        }
        State before = state;
        state = State.CLOSED;
        releaseHeld();
        if (before == State.NEW) {
            failBeforeReady(error != null ? error : new ClosedChannelException());
        }
        if ((made || acceptor != null) && !lostScheduled && !loop.isClosed()) {
            // A loop that closes closes its channels too: its pending callbacks are dropped, and
            // so is connectionLost then.
            lostScheduled = true;
            loop.callSoon(this::callConnectionLost);
        }
    }

    private void callConnectionLost() {
        try {
            if (made) {
                protocol.connectionLost(error);
            }
        } catch (Throwable t) {
            report("Fatal error: protocol.connectionLost() call failed.", t);
        } finally {
            NetworkBackend.Acceptor a = acceptor;
            if (a != null) {
                acceptor = null;
                a.closed(acceptorKey);
            }
        }
    }

    /** asyncio's _fatal_error: report what is not an I/O error, then close without flushing. */
    private void fatal(Throwable t, String message) {
        if (t instanceof IOException) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: {1}", this, message, t);
        } else {
            report(message, t);
        }
        forceClose(t);
    }

    private void report(String message, Throwable t) {
        ExceptionContext context = ExceptionContext.of(message, t).with("transport", this);
        if (protocol != null) {
            context = context.with("protocol", protocol);
        }
        loop.callExceptionHandler(context);
    }

    private static Throwable unwrap(Throwable t) {
        if (t instanceof DecoderException && t.getCause() instanceof SSLException ssl) {
            return ssl;
        }
        return t;
    }

    // ---- writing

    @Override
    public void write(byte[] data) {
        write(data, 0, data.length);
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        checkCaller();
        Objects.checkFromIndexSize(offset, length, data.length);
        if (!writable(length)) {
            return;
        }
        ByteBuf buf = channel.alloc().ioBuffer(length);
        buf.writeBytes(data, offset, length);
        send(buf, length, true);
    }

    @Override
    public void write(ByteBuffer data) {
        checkCaller();
        int length = data.remaining();
        if (!writable(length)) {
            data.position(data.limit());
            return;
        }
        ByteBuf buf = channel.alloc().ioBuffer(length);
        buf.writeBytes(data);
        send(buf, length, true);
    }

    @Override
    public void writelines(Iterable<byte[]> data) {
        checkCaller();
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
            if (direct()) {
                channel.flush();
            } else {
                defer(channel::flush);
            }
        }
    }

    /** Whether a write of {@code length} bytes goes ahead (asyncio drops writes once closed or lost). */
    private boolean writable(int length) {
        if (successor != null) {
            throw new IllegalStateException("this transport was upgraded by startTls: write to the transport it returned");
        }
        if (eofWritten) {
            throw new IllegalStateException("Cannot call write() after writeEof()");
        }
        if (length == 0) {
            return false;
        }
        if (state != State.OPEN) {
            if (++droppedWrites == DROPPED_WRITES_WARNING) {
                LOG.log(System.Logger.Level.WARNING, "{0}: writes after the connection was closed or lost are dropped",
                    this);
            }
            return false;
        }
        return true;
    }

    private void send(ByteBuf buf, int length, boolean flush) {
        pending += length;
        ChannelPromise promise = channel.newPromise();
        promise.addListener(new WriteDone(length));
        if (direct()) {
            if (flush) {
                channel.writeAndFlush(buf, promise);
            } else {
                channel.write(buf, promise);
            }
        } else if (flush) {
            defer(() -> channel.writeAndFlush(buf, promise));
        } else {
            defer(() -> channel.write(buf, promise));
        }
        maybePauseProtocol();
    }

    /** Counts one write out of {@link #pending} when Netty has written (or dropped) it. */
    private final class WriteDone implements ChannelFutureListener {
        private final int length;

        WriteDone(int length) {
            this.length = length;
        }

        @Override
        public void operationComplete(ChannelFuture f) {
            pending -= length;
            if (!f.isSuccess() && error == null && !aborted && !(f.cause() instanceof ClosedChannelException)) {
                error = unwrap(f.cause());
            }
            maybeResumeProtocol();
            if (pending == 0) {
                if (shutdownWhenDrained) {
                    shutdownWhenDrained = false;
                    shutdownOutput();
                }
                if (closeWhenDrained) {
                    closeWhenDrained = false;
                    closeChannel();
                }
            }
        }
    }

    private void maybePauseProtocol() {
        if (pending <= high || writingPaused || protocol == null) {
            return;
        }
        writingPaused = true;
        try {
            protocol.pauseWriting();
        } catch (Throwable t) {
            report("protocol.pauseWriting() failed", t);
        }
    }

    private void maybeResumeProtocol() {
        // Not once aborted or gone: asyncio drops the buffer then, and connectionLost follows.
        if (!writingPaused || pending > low || aborted || state == State.CLOSED) {
            return;
        }
        writingPaused = false;
        try {
            protocol.resumeWriting();
        } catch (Throwable t) {
            report("protocol.resumeWriting() failed", t);
        }
    }

    @Override
    public void writeEof() {
        checkCaller();
        if (tls != null) {
            throw new UnsupportedOperationException("writeEof() is not possible over TLS (canWriteEof() is false): "
                + "close the transport instead");
        }
        if (state != State.OPEN || eofWritten) {
            return;
        }
        eofWritten = true;
        if (pending == 0) {
            shutdownOutput();
        } else {
            shutdownWhenDrained = true;
        }
    }

    private void shutdownOutput() {
        if (direct()) {
            ((DuplexChannel) channel).shutdownOutput();
        } else {
            defer(() -> ((DuplexChannel) channel).shutdownOutput());
        }
    }

    @Override
    public boolean canWriteEof() {
        return tls == null;
    }

    @Override
    public void setWriteBufferLimits(long high, long low) {
        checkCaller();
        WriteBufferLimits limits = new WriteBufferLimits(low, high);
        this.high = limits.high();
        this.low = limits.low();
        // Netty's own marks only matter to handlers that look at isWritable(); keep them alike.
        WriteBufferWaterMark marks = new WriteBufferWaterMark((int) Math.min(low, Integer.MAX_VALUE),
            (int) Math.min(high, Integer.MAX_VALUE));
        if (direct()) {
            channel.config().setWriteBufferWaterMark(marks);
        } else {
            defer(() -> channel.config().setWriteBufferWaterMark(marks));
        }
        maybePauseProtocol();
    }

    @Override
    public WriteBufferLimits getWriteBufferLimits() {
        return new WriteBufferLimits(low, high);
    }

    @Override
    public long getWriteBufferSize() {
        return pending;
    }

    // ---- closing

    @Override
    public void close() {
        checkCaller();
        if (successor != null) {
            successor.close();
            return;
        }
        if (state != State.OPEN) {
            return;
        }
        state = State.CLOSING;
        stopReading();
        if (pending == 0) {
            closeChannel();
        } else {
            closeWhenDrained = true;
        }
    }

    @Override
    public void abort() {
        checkCaller();
        if (successor != null) {
            successor.abort();
            return;
        }
        forceClose(null);
    }

    /** asyncio's _force_close: stop at once, dropping what is buffered; {@code cause} goes to connectionLost. */
    private void forceClose(Throwable cause) {
        if (aborted || state == State.CLOSED) {
            return;
        }
        if (cause != null && error == null) {
            error = cause;
        }
        aborted = true;
        state = State.CLOSING;
        closeWhenDrained = false;
        shutdownWhenDrained = false;
        stopReading();
        // Past the pipeline: no TLS close_notify, the queued writes fail at once.
        if (direct()) {
            channel.unsafe().close(channel.voidPromise());
        } else {
            defer(() -> channel.unsafe().close(channel.voidPromise()));
        }
    }

    private void closeChannel() {
        if (direct()) {
            channel.close();
        } else {
            defer(channel::close);
        }
    }

    private void stopReading() {
        releaseHeld();
        eofHeld = false;
        if (direct()) {
            channel.config().setAutoRead(false);
        } else {
            defer(() -> channel.config().setAutoRead(false));
        }
    }

    private void releaseHeld() {
        ByteBuf b;
        while ((b = held.poll()) != null) {
            b.release();
        }
    }

    @Override
    public boolean isClosing() {
        return successor != null ? successor.isClosing() : state != State.OPEN;
    }

    // ---- reading flow control

    @Override
    public void pauseReading() {
        checkCaller();
        if (state != State.OPEN || readingPaused) {
            return;
        }
        readingPaused = true;
        if (direct()) {
            channel.config().setAutoRead(false);
        } else {
            defer(() -> channel.config().setAutoRead(false));
        }
    }

    @Override
    public void resumeReading() {
        checkCaller();
        if (state != State.OPEN || !readingPaused) {
            return;
        }
        readingPaused = false;
        if (!held.isEmpty() || eofHeld) {
            scheduleHeldDelivery();
        } else {
            autoReadOn();
        }
    }

    private void autoReadOn() {
        if (direct()) {
            channel.config().setAutoRead(true);
        } else {
            defer(() -> channel.config().setAutoRead(true));
        }
    }

    private void scheduleHeldDelivery() {
        if (!deliveryScheduled) {
            deliveryScheduled = true;
            loop.callSoon(this::deliverHeld);
        }
    }

    /** Delivers the reads held while paused (or before the protocol was attached), in order. */
    private void deliverHeld() {
        deliveryScheduled = false;
        ByteBuf b;
        while (state == State.OPEN && !readingPaused && (b = held.poll()) != null) {
            if (!deliver(b)) {
                held.addFirst(b);
                return;
            }
        }
        if (state != State.OPEN || readingPaused) {
            return;
        }
        if (eofHeld) {
            eofHeld = false;
            deliverEof();
        } else if (!eofSeen) {
            autoReadOn();
        }
    }

    @Override
    public boolean isReading() {
        return state == State.OPEN && !readingPaused;
    }

    // ---- information

    @Override
    public Object getExtraInfo(String name) {
        switch (name) {
            case PEERNAME:
                return peername;
            case SOCKNAME:
                return sockname;
            case SSLCONTEXT:
                return tlsContext;
            default:
                break;
        }
        if (tls == null) {
            return null;
        }
        SSLEngine engine = tls.engine();
        SSLSession session = engine.getSession();
        return switch (name) {
            case SSLOBJECT -> engine;
            case SSLSESSION -> session;
            case CIPHER -> session.getCipherSuite();
            case TLS_VERSION -> session.getProtocol();
            case PEERCERT -> {
                try {
                    yield session.getPeerCertificates();
                } catch (SSLPeerUnverifiedException none) {
                    yield null;
                }
            }
            default -> null;
        };
    }

    @Override
    public BaseProtocol getProtocol() {
        return protocol;
    }

    @Override
    public void setProtocol(BaseProtocol protocol) {
        checkCaller();
        this.protocol = Objects.requireNonNull(protocol, "protocol");
    }

    // ---- Netty calls in program order (see Threading)

    /** True if Netty may be called right here: on the loop thread, after the calls deferred earlier. */
    private boolean direct() {
        if (!channel.eventLoop().inEventLoop()) {
            return false;
        }
        if (deferred != null && !deferred.isEmpty()) {
            runDeferred();
        }
        return true;
    }

    /**
     * Throws unless the caller is the loop thread or a hand-off task of this loop (which runs
     * while the loop thread waits): any other thread would race the loop on this transport's
     * state. Called first by every public method that changes it.
     */
    private void checkCaller() {
        if (channel.eventLoop().inEventLoop()) {
            return;
        }
        Task<?> task = Async.currentTask();
        if (task == null || task.getLoop() != loop) {
            throw new IllegalStateException("a transport of " + loop + " was used from thread "
                + Thread.currentThread().getName() + ", outside its loop: transports are loop-thread only;"
                + " from another thread, go through loop.callSoonThreadsafe");
        }
    }

    private void defer(Runnable call) {
        if (deferred == null) {
            deferred = new ArrayDeque<>();
        }
        deferred.add(call);
        if (!deferredScheduled) {
            deferredScheduled = true;
            channel.eventLoop().execute(this::runDeferred);
        }
    }

    private void runDeferred() {
        deferredScheduled = false;
        Runnable call;
        while ((call = deferred.poll()) != null) {
            call.run();
        }
    }

    @Override
    public String toString() {
        return "Transport[" + (tls != null ? "tls " : "") + (peername != null ? sockname + " -> " + peername : channel)
            + ", " + state.name().toLowerCase() + (pending > 0 ? ", " + pending + " bytes buffered" : "") + "]";
    }
}
