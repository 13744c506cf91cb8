package dev.jasyncio.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.net.Streams;
import dev.jasyncio.net.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.MessageToByteEncoder;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ChannelStreams}: a Netty channel of a Jasyncio loop read and written as streams, with the
 * handlers in front of the streams still at work, and the streams' flow control on the channel.
 * The peer is a plain blocking socket on the test thread.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class ChannelStreamsContract {

    /** The backend under test, e.g. {@code "nio"}. */
    protected abstract String providerName();

    /**
     * A server on a one-loop {@link LoopGroup} whose accepted channels get {@code front} (the
     * handlers in front of the streams) and a handler that wraps them when active and runs
     * {@code serve} as a task of the loop; {@code ended} completes when that task has ended.
     */
    private static Channel serve(LoopGroup group, Consumer<Channel> front, CompletableFuture<Void> ended, StreamsTask serve)
            throws Exception {
        ChannelFuture bind = new ServerBootstrap().group(group)
            .channel(NettyDriver.of(group.loops().get(0)).channelKinds().serverSocket())
            .childHandler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    front.accept(ch);
                    ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelActive(ChannelHandlerContext ctx) {
                            Streams s = ChannelStreams.wrap(ctx.channel());
                            Async.getRunningLoop().createTask(() -> {
                                try {
                                    serve.run(ctx.channel(), s);
                                    ended.complete(null);
                                } catch (Throwable t) {
                                    ended.completeExceptionally(t);
                                }
                                return null;
                            });
                            ctx.fireChannelActive();
                        }
                    });
                }
            })
            .bind(new InetSocketAddress(NettyEchoContract.LOOPBACK, 0));
        assertTrue(bind.await(5, TimeUnit.SECONDS) && bind.isSuccess(), () -> "bind failed: " + bind.cause());
        return bind.channel();
    }

    private interface StreamsTask {
        void run(Channel channel, Streams streams) throws Exception;
    }

    /** The test's side of the connection: a blocking socket, and the server's loop. */
    private interface Peer {
        void talk(Socket socket, EventLoop loop) throws Exception;
    }

    /**
     * Serves one connection as {@link #serve} does, runs {@code peer} on a socket connected to
     * it, and returns once the serving task has ended too.
     */
    private void exchange(Consumer<Channel> front, StreamsTask serve, Peer peer) throws Exception {
        CompletableFuture<Void> ended = new CompletableFuture<>();
        try (LoopGroup group = LoopGroup.create(1, providerName())) {
            Channel server = serve(group, front, ended, serve);
            try (Socket socket = connect(server)) {
                peer.talk(socket, group.loops().get(0));
                ended.get(5, TimeUnit.SECONDS);
            } finally {
                server.close().await(5, TimeUnit.SECONDS);
            }
        }
    }

    private static Socket connect(Channel server) throws Exception {
        Socket socket = new Socket();
        socket.connect(server.localAddress(), 5_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static byte[] readAll(InputStream in) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    /** Upper-cases every ByteBuf written: an encoder in front of the streams. */
    private static final class UpperCase extends MessageToByteEncoder<ByteBuf> {
        @Override
        protected void encode(ChannelHandlerContext ctx, ByteBuf msg, ByteBuf out) {
            out.writeBytes(msg.toString(StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        }
    }

    /**
     * Lines come through a frame decoder in front, go back through an encoder in front, the
     * peer's EOF ends the reader, and closing the streams closes the channel.
     */
    @Test
    public void theHandlersInFrontKeepWorkingBothWays() throws Exception {
        CompletableFuture<Object> peer = new CompletableFuture<>();
        exchange(ch -> ch.pipeline().addLast(new LineBasedFrameDecoder(1024, false, true), new UpperCase()), (ch, s) -> {
            peer.complete(s.writer().getExtraInfo(Transport.PEERNAME));
            for (byte[] line : s.reader()) {
                s.writer().write(line);
                s.writer().drain();
            }
            s.close();
        }, (socket, loop) -> {
            socket.getOutputStream().write("hello\nstreams\n".getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            assertEquals("HELLO\nSTREAMS\n", new String(readAll(socket.getInputStream()), StandardCharsets.US_ASCII));
            assertEquals(socket.getLocalSocketAddress(), peer.get(5, TimeUnit.SECONDS));
        });
    }

    /** While the reader holds more than twice its limit the channel stops reading; every byte still arrives. */
    @Test
    public void readingStopsWhileTheReaderIsFull() throws Exception {
        byte[] payload = new byte[4 << 20];
        new Random(7).nextBytes(payload);
        CompletableFuture<Channel> accepted = new CompletableFuture<>();
        CompletableFuture<Void> go = new CompletableFuture<>();
        CompletableFuture<byte[]> received = new CompletableFuture<>();
        exchange(ch -> { }, (ch, s) -> {
            accepted.complete(ch);
            while (!go.isDone()) {
                Async.sleep(Duration.ofMillis(2));
            }
            received.complete(s.reader().read(-1));
            s.close();
        }, (socket, loop) -> {
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    socket.getOutputStream().write(payload);
                    socket.shutdownOutput();
                } catch (Exception e) {
                    received.completeExceptionally(e);
                }
            });
            Channel ch = accepted.get(5, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (LoopThread.onLoop(loop, () -> ch.config().isAutoRead())) {
                assertTrue(System.nanoTime() < deadline, "autoRead still on while nobody reads");
                Thread.sleep(2);
            }
            go.complete(null);
            assertArrayEquals(payload, received.get(10, TimeUnit.SECONDS));
            writer.join(5_000);
        });
    }

    /**
     * drain() waits while Netty says the channel is not writable, even when the bytes that fill it
     * were written to the channel directly rather than through the streams; all go out in order.
     */
    @Test
    public void drainWaitsWhileTheChannelIsNotWritable() throws Exception {
        byte[] direct = new byte[32 << 20];
        new Random(8).nextBytes(direct);
        CompletableFuture<Boolean> blockedInDrain = new CompletableFuture<>();
        CompletableFuture<Void> drained = new CompletableFuture<>();
        exchange(ch -> { }, (ch, s) -> {
            ch.writeAndFlush(Unpooled.wrappedBuffer(direct));
            s.writer().write("!".getBytes(StandardCharsets.US_ASCII));
            Async.getRunningLoop().callLater(Duration.ofMillis(50), () -> blockedInDrain.complete(!drained.isDone()));
            s.writer().drain();
            drained.complete(null);
            s.close();
        }, (socket, loop) -> {
            assertTrue(blockedInDrain.get(5, TimeUnit.SECONDS), "drain returned while the channel was not writable");
            byte[] all = readAll(socket.getInputStream());
            assertEquals(direct.length + 1, all.length);
            assertArrayEquals(direct, Arrays.copyOf(all, direct.length));
            assertEquals('!', all[direct.length]);
            drained.get(5, TimeUnit.SECONDS);
        });
    }

    /**
     * Streams over a channel that is not a DuplexChannel (here a connected UDP channel) cannot
     * shut their output down alone: canWriteEof() is false, writeEof() says so, and closing the
     * writer still closes the channel.
     */
    @Test
    public void aChannelThatIsNotDuplexCannotWriteEof() throws Exception {
        try (LoopGroup group = LoopGroup.create(1, providerName())) {
            EventLoop loop = group.loops().get(0);
            Channel udp = NettyDriver.of(loop).channelKinds().datagram().getDeclaredConstructor().newInstance();
            assertTrue(group.register(udp).await(5, TimeUnit.SECONDS));
            ChannelFuture connect = udp.connect(new InetSocketAddress(NettyEchoContract.LOOPBACK, 9));
            assertTrue(connect.await(5, TimeUnit.SECONDS) && connect.isSuccess(), () -> "connect failed: " + connect.cause());
            Object[] seen = LoopThread.onLoop(loop, () -> {
                Streams s = ChannelStreams.wrap(udp);
                boolean canWriteEof = s.writer().canWriteEof();
                Throwable writeEof = failure(() -> s.writer().writeEof());
                s.writer().close();
                return new Object[] {canWriteEof, writeEof};
            });
            assertFalse((Boolean) seen[0], "canWriteEof() on a channel that is not a DuplexChannel");
            UnsupportedOperationException e = assertInstanceOf(UnsupportedOperationException.class, seen[1]);
            assertTrue(e.getMessage().contains("is not a DuplexChannel") && e.getMessage().contains(udp.getClass().getName()),
                e.getMessage());
            assertTrue(udp.closeFuture().await(5, TimeUnit.SECONDS), "closing the writer closes the channel");
        }
    }

    /** Only the channel's loop thread may wrap it; a channel of a plain Netty loop is refused with a clear error. */
    @Test
    public void wrapRefusesOtherThreadsAndOtherLoops() throws Exception {
        try (LoopGroup group = LoopGroup.create(1, providerName())) {
            Channel ours = NettyDriver.of(group.loops().get(0)).channelKinds().socket().getDeclaredConstructor().newInstance();
            assertTrue(group.register(ours).await(5, TimeUnit.SECONDS));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ChannelStreams.wrap(ours));
            assertTrue(e.getMessage().contains("not on the loop thread"), e.getMessage());
            IllegalStateException inactive = assertInstanceOf(IllegalStateException.class,
                LoopThread.onLoop(group.loops().get(0), () -> failure(() -> ChannelStreams.wrap(ours))));
            assertTrue(inactive.getMessage().contains("is not active"), inactive.getMessage());
            ours.close().await(5, TimeUnit.SECONDS);
        }
        MultiThreadIoEventLoopGroup netty = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel theirs = new NioSocketChannel();
            assertTrue(netty.register(theirs).await(5, TimeUnit.SECONDS));
            Throwable e = theirs.eventLoop().submit(() -> failure(() -> ChannelStreams.wrap(theirs))).get(5, TimeUnit.SECONDS);
            assertInstanceOf(IllegalArgumentException.class, e);
            assertTrue(e.getMessage().contains("not a Jasyncio loop"), e.getMessage());
            assertFalse(theirs.pipeline().names().contains(ChannelStreams.HANDLER_NAME));
            theirs.close().await(5, TimeUnit.SECONDS);
        } finally {
            netty.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    private static Throwable failure(Runnable r) {
        try {
            r.run();
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("no exception");
    }
}
