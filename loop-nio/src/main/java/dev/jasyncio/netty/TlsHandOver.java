package dev.jasyncio.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import java.util.ArrayDeque;

/**
 * startTls on a plain {@link NettyTransport}: its channel passes to the upgraded transport, which
 * sits behind the new {@link SslHandler} from then on.
 *
 * <p>The reads the old transport had not delivered, and those that arrive before the swap is made
 * (a hand-off task's call defers it to the loop thread), are the peer's first TLS bytes: they are
 * kept and replayed through the SslHandler once it is in place, and released if the channel
 * closes first. What the protocol wrote in the clear before the upgrade goes out before the swap.
 *
 * <p>Loop thread only (the swap goes through the old transport's {@link ChannelCalls}).
 */
final class TlsHandOver {
    private final NettyTransport upgraded;
    private final SslHandler tls;
    /** The old transport's writes, which may still owe the flush of a read batch. */
    private final WriteSide writes;
    /** Reads to replay through TLS once the swap is done; null once it is done or the channel closed. */
    private ArrayDeque<ByteBuf> replay;

    TlsHandOver(NettyTransport upgraded, SslHandler tls, WriteSide writes, ArrayDeque<ByteBuf> held) {
        this.upgraded = upgraded;
        this.tls = tls;
        this.writes = writes;
        this.replay = held;
    }

    /** The transport that took the channel over. */
    NettyTransport upgraded() {
        return upgraded;
    }

    /** Keeps {@code buf}, read before the swap, for the replay; false once the swap is done or the channel closed. */
    boolean hold(ByteBuf buf) {
        if (replay == null) {
            return false;
        }
        replay.add(buf);
        return true;
    }

    /** Puts the SslHandler and the upgraded transport into the pipeline and replays the reads kept. */
    void swap() {
        // What the protocol wrote in the clear before the upgrade goes out first.
        writes.flushOwed();
        ArrayDeque<ByteBuf> pending = replay;
        replay = null;
        if (pending == null) {
            // The channel closed first (channelInactive released the reads and failed the upgrade).
            return;
        }
        ChannelPipeline p = upgraded.channel().pipeline();
        p.addBefore(NettyTransport.HANDLER_NAME, "tls", tls);
        p.replace(NettyTransport.HANDLER_NAME, NettyTransport.HANDLER_NAME, upgraded);
        ByteBuf b;
        boolean any = !pending.isEmpty();
        while ((b = pending.poll()) != null) {
            p.fireChannelRead(b);
        }
        if (any) {
            p.fireChannelReadComplete();
        }
        upgraded.channel().config().setAutoRead(true);
    }

    /** The channel closed before the swap: the upgrade fails, and the server hears of it. */
    void channelClosed(ChannelHandlerContext ctx) {
        ArrayDeque<ByteBuf> held = replay;
        replay = null;
        if (held != null) {
            held.forEach(ByteBuf::release);
        }
        upgraded.channelInactive(ctx);
    }
}
