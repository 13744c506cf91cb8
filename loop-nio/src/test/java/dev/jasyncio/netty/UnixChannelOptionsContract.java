package dev.jasyncio.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backend's Unix domain sockets ({@link ChannelKinds#unixDomain()}) under Netty bootstraps, as
 * a user who builds their own pipeline uses them: what {@code Bootstrap.option} and
 * {@code ServerBootstrap.childOption} give reaches the channels, a Unix socket's config takes
 * back every option it lists, and a listening socket reports its backlog.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class UnixChannelOptionsContract {
    /** Well under the kernel's default, so that what the socket reports (Linux doubles it) shows it was set. */
    private static final int BUFFER_SIZE = 16 * 1024;
    private static final WriteBufferWaterMark MARKS = new WriteBufferWaterMark(4 * 1024, 8 * 1024);
    /** The backlog our listening sockets are bound with: small, so that the kernel's queue can be filled. */
    private static final int BACKLOG = 8;

    /** The backend under test, e.g. {@code "nio"}. */
    protected abstract String providerName();

    /** A bootstrap's option setter: {@code option} for a client, {@code childOption} for accepted channels. */
    private interface OptionSetter {
        <T> void set(ChannelOption<T> option, T value);
    }

    private static void giveOptions(OptionSetter options) {
        options.set(ChannelOption.ALLOW_HALF_CLOSURE, true);
        options.set(ChannelOption.SO_SNDBUF, BUFFER_SIZE);
        options.set(ChannelOption.SO_RCVBUF, BUFFER_SIZE);
        options.set(ChannelOption.WRITE_BUFFER_WATER_MARK, MARKS);
        options.set(ChannelOption.AUTO_READ, false);
    }

    private static void assertOptionsReached(Channel ch, String end) {
        ChannelConfig config = ch.config();
        assertEquals(true, config.getOption(ChannelOption.ALLOW_HALF_CLOSURE), end + ": ALLOW_HALF_CLOSURE");
        for (ChannelOption<Integer> size : List.of(ChannelOption.SO_SNDBUF, ChannelOption.SO_RCVBUF)) {
            Integer got = config.getOption(size);
            assertTrue(got != null && got >= BUFFER_SIZE && got <= 2 * BUFFER_SIZE,
                end + ": " + size + " is " + got + " where " + BUFFER_SIZE + " was given");
        }
        assertSame(MARKS, config.getOption(ChannelOption.WRITE_BUFFER_WATER_MARK), end + ": WRITE_BUFFER_WATER_MARK");
        assertEquals(false, config.getOption(ChannelOption.AUTO_READ), end + ": AUTO_READ");
    }

    /** Half-closure, the kernel's buffer sizes and the generic options reach the client and the accepted channel. */
    @Test
    public void bootstrapOptionsReachBothEndsOfAUnixConnection(@TempDir Path dir) throws Exception {
        try (LoopThread lt = LoopThread.start(providerName())) {
            Path path = dir.resolve("options.sock");
            CompletableFuture<Channel> accepted = new CompletableFuture<>();
            Channel server = listen(lt.driver(), path, b -> giveOptions(b::childOption), new ChannelInitializer<>() {
                @Override
                protected void initChannel(Channel ch) {
                    accepted.complete(ch);
                }
            });
            try {
                Channel client = connect(lt.driver(), path, b -> giveOptions(b::option), new ChannelInboundHandlerAdapter());
                assertOptionsReached(client, "client, given Bootstrap.option");
                assertOptionsReached(accepted.get(5, TimeUnit.SECONDS), "accepted channel, given ServerBootstrap.childOption");
                client.close().await(5, TimeUnit.SECONDS);
            } finally {
                server.close().await(5, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * ALLOW_HALF_CLOSURE given as a child option keeps an accepted channel open at the client's
     * EOF: it hears the input shut down and still answers.
     */
    @Test
    public void halfClosureGivenAsAChildOptionLetsTheAcceptedChannelAnswerAfterEof(@TempDir Path dir) throws Exception {
        try (LoopThread lt = LoopThread.start(providerName())) {
            Path path = dir.resolve("half.sock");
            Channel server = listen(lt.driver(), path, b -> b.childOption(ChannelOption.ALLOW_HALF_CLOSURE, true),
                new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new CountThenAnswer());
                    }
                });
            try {
                CompletableFuture<String> answer = new CompletableFuture<>();
                connect(lt.driver(), path, b -> { }, new SendThenShutdownOutput(new byte[70_000], answer));
                assertEquals("got 70000 bytes", answer.get(10, TimeUnit.SECONDS));
            } finally {
                server.close().await(5, TimeUnit.SECONDS);
            }
        }
    }

    /** Each option a Unix socket's config lists, getOption gives alike and setOption takes back; a TCP option is unknown. */
    @Test
    public void everyOptionAUnixSocketListsItTakesBack() throws Exception {
        try (LoopThread lt = LoopThread.start(providerName())) {
            DuplexChannel ch = lt.driver().channelKinds().unixDomain().newSocket();
            try {
                ChannelConfig config = ch.config();
                Map<ChannelOption<?>, Object> options = config.getOptions();
                for (ChannelOption<?> expected : List.of(ChannelOption.ALLOW_HALF_CLOSURE,
                        ChannelOption.SO_SNDBUF, ChannelOption.SO_RCVBUF, ChannelOption.AUTO_READ)) {
                    assertTrue(options.containsKey(expected), expected + " is missing from getOptions(): " + options.keySet());
                }
                options.forEach((option, value) -> assertEquals(value, config.getOption(option), "getOption(" + option + ")"));
                // Compared first: setting the water marks one by one makes a new WRITE_BUFFER_WATER_MARK.
                for (Map.Entry<ChannelOption<?>, Object> e : options.entrySet()) {
                    assertTrue(setBack(config, e.getKey(), e.getValue()), "setOption(" + e.getKey() + ") refused what getOptions() listed");
                }
                assertFalse(config.setOption(ChannelOption.TCP_NODELAY, true), "a Unix socket has no TCP_NODELAY");
            } finally {
                ch.unsafe().closeForcibly();
            }
        }
    }

    /** A listening Unix socket's SO_BACKLOG, by getOption and among getOptions, is the backlog the kernel queues for. */
    @Test
    public void aListeningUnixSocketReportsTheBacklogItWasBoundWith(@TempDir Path dir) throws Exception {
        try (LoopThread lt = LoopThread.start(providerName())) {
            Path path = dir.resolve("backlog.sock");
            ServerChannel server = lt.driver().channelKinds().unixDomain().bindServer(UnixDomainSocketAddress.of(path), BACKLOG);
            try {
                ChannelConfig config = server.config();
                assertEquals(BACKLOG, config.getOption(ChannelOption.SO_BACKLOG), "getOption(SO_BACKLOG)");
                Map<ChannelOption<?>, Object> options = config.getOptions();
                assertEquals(BACKLOG, options.get(ChannelOption.SO_BACKLOG), "SO_BACKLOG in getOptions(): " + options);
                assertKernelQueuesFor(BACKLOG, path);
                assertThrows(IllegalArgumentException.class, () -> config.setOption(ChannelOption.SO_BACKLOG, -1),
                    "a negative backlog");
            } finally {
                server.unsafe().closeForcibly();
            }
        }
    }

    /**
     * SO_BACKLOG given to a socket bound already (here as a ServerBootstrap option) is kept for a
     * next bind, as Netty's own server socket configs keep it: the config reports it, while the
     * listening socket keeps the backlog it was bound with.
     */
    @Test
    public void aBacklogGivenAfterTheBindIsReportedButTheSocketKeepsItsOwn(@TempDir Path dir) throws Exception {
        try (LoopThread lt = LoopThread.start(providerName())) {
            Path path = dir.resolve("late.sock");
            int late = BACKLOG / 2;
            // Not accepting, so that the clients stay in the kernel's queue.
            Channel server = listen(lt.driver(), path,
                b -> b.option(ChannelOption.AUTO_READ, false).option(ChannelOption.SO_BACKLOG, late),
                new ChannelInboundHandlerAdapter());
            try {
                assertEquals(late, server.config().getOption(ChannelOption.SO_BACKLOG), "getOption(SO_BACKLOG) after the bootstrap's");
                assertKernelQueuesFor(BACKLOG, path);
            } finally {
                server.close().await(5, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Fills the queue of the socket listening at {@code path} with connections nobody accepts:
     * Linux queues one more than the backlog and refuses a non-blocking connect beyond that.
     * Elsewhere the count is the kernel's own business, so this checks nothing.
     */
    private static void assertKernelQueuesFor(int backlog, Path path) throws IOException {
        if (!System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")) {
            return;
        }
        List<SocketChannel> clients = new ArrayList<>();
        try {
            int limit = 8 * backlog;
            while (clients.size() < limit) {
                SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX);
                clients.add(client);
                client.configureBlocking(false);
                try {
                    client.connect(UnixDomainSocketAddress.of(path));
                } catch (SocketException full) {
                    assertEquals(backlog + 1, clients.size() - 1, "connections queued before one was refused: " + full);
                    return;
                }
            }
            throw new AssertionError("the kernel queued " + limit + " connections for a backlog of " + backlog);
        } finally {
            for (SocketChannel client : clients) {
                client.close();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> boolean setBack(ChannelConfig config, ChannelOption<T> option, Object value) {
        return config.setOption(option, (T) value);
    }

    /**
     * A listening Unix socket of the backend at {@code path}, registered by a ServerBootstrap that
     * {@code configure} was given; its accepted channels get {@code childHandler}.
     */
    private static Channel listen(NettyDriver driver, Path path, Consumer<ServerBootstrap> configure, ChannelHandler childHandler)
            throws Exception {
        ServerChannel bound = driver.channelKinds().unixDomain().bindServer(UnixDomainSocketAddress.of(path), BACKLOG);
        ChannelFactory<ServerChannel> preBound = () -> bound;
        ServerBootstrap b = new ServerBootstrap().group(driver.nettyLoop()).channelFactory(preBound).childHandler(childHandler);
        configure.accept(b);
        ChannelFuture registering = b.register();
        assertTrue(registering.await(5, TimeUnit.SECONDS) && registering.isSuccess(), () -> "register failed: " + registering.cause());
        // ServerBootstrap adds its acceptor from a task it queued while registering: no client before it ran.
        registering.channel().eventLoop().submit(() -> { }).get(5, TimeUnit.SECONDS);
        return registering.channel();
    }

    /** A backend Unix socket connected to {@code path} by a Bootstrap that {@code configure} was given. */
    private static Channel connect(NettyDriver driver, Path path, Consumer<Bootstrap> configure, ChannelHandler handler)
            throws InterruptedException {
        UnixDomainChannels unix = driver.channelKinds().unixDomain();
        ChannelFactory<Channel> sockets = unix::newSocket;
        Bootstrap b = new Bootstrap().group(driver.nettyLoop()).channelFactory(sockets).disableResolver().handler(handler);
        configure.accept(b);
        ChannelFuture connecting = b.connect(unix.address(UnixDomainSocketAddress.of(path)));
        assertTrue(connecting.await(5, TimeUnit.SECONDS) && connecting.isSuccess(), () -> "connect failed: " + connecting.cause());
        return connecting.channel();
    }

    /** Counts what it reads; at the input's shutdown answers how much, then closes. */
    private static final class CountThenAnswer extends ChannelInboundHandlerAdapter {
        private int received;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            received += buf.readableBytes();
            buf.release();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event == ChannelInputShutdownEvent.INSTANCE) {
                byte[] answer = ("got " + received + " bytes").getBytes(StandardCharsets.US_ASCII);
                ctx.writeAndFlush(Unpooled.wrappedBuffer(answer)).addListener(ChannelFutureListener.CLOSE);
            }
            ctx.fireUserEventTriggered(event);
        }
    }

    /** Sends {@code request}, shuts its output down, and completes {@code answer} with what came back before the close. */
    private static final class SendThenShutdownOutput extends ChannelInboundHandlerAdapter {
        private final byte[] request;
        private final CompletableFuture<String> answer;
        private final ByteArrayOutputStream got = new ByteArrayOutputStream();

        SendThenShutdownOutput(byte[] request, CompletableFuture<String> answer) {
            this.request = request;
            this.answer = answer;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            // Shutting the output down fails the writes still queued: only once the request is out.
            ctx.writeAndFlush(Unpooled.wrappedBuffer(request))
                .addListener(f -> ((DuplexChannel) ctx.channel()).shutdownOutput());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws IOException {
            ByteBuf buf = (ByteBuf) msg;
            buf.readBytes(got, buf.readableBytes());
            buf.release();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            answer.complete(got.toString(StandardCharsets.US_ASCII));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            answer.completeExceptionally(cause);
            ctx.close();
        }
    }
}
