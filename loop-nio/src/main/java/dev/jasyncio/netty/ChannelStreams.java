package dev.jasyncio.netty;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.net.StreamReader;
import dev.jasyncio.net.Streams;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.DuplexChannelConfig;
import io.netty.handler.ssl.SslHandler;
import java.util.Objects;

/**
 * A Netty channel of a Jasyncio loop as a {@link StreamReader}/{@link dev.jasyncio.net.StreamWriter}
 * pair: the bytes that reach the end of its pipeline are read from the reader, and what the writer
 * writes enters the pipeline at its end, so the codecs and the {@code SslHandler} in front keep
 * working both ways.
 *
 * {@snippet :
 * // in a handler of a channel on a LoopGroup (or NettyDriver.nettyLoop()):
 * public void channelActive(ChannelHandlerContext ctx) {
 *     Streams s = ChannelStreams.wrap(ctx.channel());
 *     Async.getRunningLoop().createTask(() -> {
 *         for (byte[] line : s.reader()) {
 *             s.writer().write(line);
 *             s.writer().drain();
 *         }
 *         s.close();
 *         return null;
 *     });
 * }
 * }
 *
 * <p>Flow control is the streams' own: reading stops ({@code autoRead} off) while the reader holds
 * more than twice its limit, and {@code drain()} waits while the bytes written and not yet sent
 * are above the channel's {@code WriteBufferWaterMark} high mark, or while Netty says the channel
 * is not writable, until both are back at or below its low mark. The streams are the channel's
 * connection: closing the writer closes the channel once the bytes written are sent, and the
 * reader ends when the channel does (with the error that closed it, if any).
 *
 * @apiNote asyncio: {@code asyncio.open_connection(sock=sock)}, for a connection that something
 *     else (here Netty) has already made.
 */
public final class ChannelStreams {
    /** The name of the handler that {@link #wrap} adds at the end of the pipeline. */
    public static final String HANDLER_NAME = NettyTransport.HANDLER_NAME;

    private ChannelStreams() {}

    /**
     * {@link #wrap(Channel, int)} with the default limit, {@link StreamReader#DEFAULT_LIMIT}.
     *
     * @apiNote asyncio: {@code asyncio.open_connection(sock=sock)}.
     */
    public static Streams wrap(Channel channel) {
        return wrap(channel, StreamReader.DEFAULT_LIMIT);
    }

    /**
     * Adds a handler named {@link #HANDLER_NAME} at the end of the pipeline of {@code channel},
     * an active channel of a Jasyncio loop, and returns the streams over it (the reader with
     * {@code limit}). It turns {@code autoRead} on: from now on the reader's flow control drives
     * it, so a channel may be kept from reading, with {@code autoRead} off, until it is wrapped.
     * It also sets {@code ALLOW_HALF_CLOSURE}, so that the peer's EOF ends the reader and leaves
     * the writer open, as with the streams of {@code Net.openConnection}.
     * The handlers in front must pass {@code ByteBuf}s on (a message of any other type closes
     * the streams with an error). If an {@code SslHandler} is in the pipeline, the writer's
     * {@code getExtraInfo} gives the TLS keys of {@link dev.jasyncio.net.Transport} (but
     * {@code sslcontext}, which the handler does not know), and
     * {@code canWriteEof()} is false.
     *
     * <p>On the channel's own loop thread only: in a handler of the channel, in a callback of
     * its loop, or in a task of that loop under the continuation engine (under the hand-off
     * engine a task runs on a thread of its own: wrap the channel in a handler there).
     *
     * @throws IllegalStateException if called on another thread than the channel's loop thread,
     *     if the channel is not active (not connected yet, or closed), or if it was wrapped already
     * @throws IllegalArgumentException if the channel's event loop is not a Jasyncio loop, or
     *     {@code limit < 1}
     * @apiNote asyncio: {@code asyncio.open_connection(sock=sock, limit=limit)}.
     */
    public static Streams wrap(Channel channel, int limit) {
        Objects.requireNonNull(channel, "channel");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        EventLoop loop = loopOf(channel);
        if (!channel.isActive()) {
            throw new IllegalStateException("channel " + channel + " is not active: wrap it once it is connected"
                + " (in channelActive, or in a connect listener) and before it closes");
        }
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(NettyTransport.class) != null) {
            throw new IllegalStateException("channel " + channel + " already has streams or a transport: it is wrapped once");
        }
        SslHandler tls = pipeline.get(SslHandler.class);
        // The peer's EOF must end the reader only: without this Netty closes the channel on it,
        // and what the writer still has to say (and reads not taken yet) would be lost.
        if (channel.config() instanceof DuplexChannelConfig) {
            NettyNetwork.allowHalfClosure(channel);
        } else {
            channel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        }
        return Streams.open(limit, protocol -> {
            NettyTransport transport = new NettyTransport(loop, channel, tls, null, null);
            pipeline.addLast(HANDLER_NAME, transport);
            transport.adopt(protocol);
            return transport;
        });
    }

    /** The Jasyncio loop whose thread runs {@code channel}, checking that this is that thread. */
    private static EventLoop loopOf(Channel channel) {
        if (!channel.isRegistered()) {
            throw new IllegalStateException("channel " + channel + " is not registered with an event loop yet: wrap it"
                + " once it is active (in channelActive, or in a connect listener)");
        }
        if (!channel.eventLoop().inEventLoop()) {
            throw new IllegalStateException("ChannelStreams.wrap was called on thread " + Thread.currentThread().getName()
                + ", not on the loop thread of channel " + channel + ": call it in a handler of the channel (under the"
                + " hand-off engine a task runs on a thread of its own)");
        }
        EventLoop loop;
        try {
            loop = Async.getRunningLoop();
        } catch (IllegalStateException notOurs) {
            throw new IllegalArgumentException(notJasyncio(channel), notOurs);
        }
        if (!(loop.ioDriver() instanceof NettyDriver driver) || driver.nettyLoop() != channel.eventLoop()) {
            throw new IllegalArgumentException(notJasyncio(channel));
        }
        return loop;
    }

    private static String notJasyncio(Channel channel) {
        return "channel " + channel + " runs on " + channel.eventLoop() + ", which is not a Jasyncio loop: register it"
            + " with a LoopGroup or a loop's NettyDriver.nettyLoop()";
    }
}
