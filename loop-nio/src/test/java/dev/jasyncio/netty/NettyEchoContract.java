package dev.jasyncio.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.net.Connection;
import dev.jasyncio.net.Net;
import dev.jasyncio.net.Protocol;
import dev.jasyncio.net.Server;
import dev.jasyncio.net.ServerOptions;
import dev.jasyncio.net.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Netty channels on Jasyncio loops: a TCP echo over 127.0.0.1 whose server and client run on one
 * loop, then on a {@link LoopGroup}. Every handler call must run on the thread of the Jasyncio loop
 * that owns the channel, inside that loop (so it may call loop-thread-only methods).
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class NettyEchoContract {
    /** 127.0.0.1 built from its bytes: nothing is resolved by name, on any thread. */
    static final InetAddress LOOPBACK;

    static {
        try {
            LOOPBACK = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The backend under test, e.g. {@code "nio"}. */
    protected abstract String providerName();

    @Test
    public void echoOnOneLoopRunsEveryHandlerOnTheLoopThread() throws Exception {
        try (LoopThread lt = LoopThread.start(providerName())) {
            ThreadCheck check = new ThreadCheck(Map.of(lt.loop, lt.thread));
            NettyDriver driver = lt.driver();
            Channel server = bindEchoServer(driver.nettyLoop(), driver.channelKinds(), check);
            try {
                byte[] payload = randomBytes(64 * 1024, 1);
                assertArrayEquals(payload, echo(driver.nettyLoop(), driver.channelKinds(), server, payload, check)
                    .get(10, TimeUnit.SECONDS));
            } finally {
                server.close().await(5, TimeUnit.SECONDS);
            }
            assertEquals(List.of(), List.copyOf(check.violations));
            assertEquals(Set.of(lt.loop), check.loopsSeen);
        }
    }

    /**
     * createServer's socket options reach each accepted connection's channel: SO_KEEPALIVE as
     * asked (asyncio's keep_alive), TCP_NODELAY always (as asyncio sets it on TCP transports).
     */
    @Test
    public void serverOptionsReachEveryAcceptedConnection() throws Exception {
        try (LoopThread lt = LoopThread.start(providerName())) {
            for (boolean keepAlive : new boolean[] {true, false}) {
                List<Boolean> seen = Async.runCoroutineThreadsafe(lt.loop, () -> {
                    dev.jasyncio.Future<Transport> accepted = lt.loop.createFuture();
                    Server server = Net.createServer(() -> new Protocol() {
                        @Override
                        public void connectionMade(Transport t) {
                            accepted.setResult(t);
                        }
                    }, "127.0.0.1", 0, ServerOptions.defaults().keepAlive(keepAlive));
                    Connection<Protocol> client = Net.createConnection(() -> new Protocol() {}, "127.0.0.1",
                        server.sockets().get(0).getPort());
                    Channel ch = ((NettyTransport) Async.await(accepted)).channel();
                    List<Boolean> options = List.of(ch.config().getOption(ChannelOption.SO_KEEPALIVE),
                        ch.config().getOption(ChannelOption.TCP_NODELAY));
                    client.transport().close();
                    server.close();
                    server.waitClosed();
                    return options;
                }).get(10, TimeUnit.SECONDS);
                assertEquals(List.of(keepAlive, true), seen, "SO_KEEPALIVE, TCP_NODELAY with keepAlive(" + keepAlive + ")");
            }
        }
    }

    @Test
    public void echoOnALoopGroupSpreadsChannelsOverItsLoopThreads() throws Exception {
        try (LoopGroup group = LoopGroup.create(2, providerName())) {
            Map<EventLoop, Thread> threads = new HashMap<>();
            for (EventLoop loop : group.loops()) {
                threads.put(loop, LoopThread.onLoop(loop, Thread::currentThread));
            }
            ChannelKinds kinds = NettyDriver.of(group.loops().get(0)).channelKinds();
            ThreadCheck check = new ThreadCheck(threads);
            Channel server = bindEchoServer(group, kinds, check);
            try {
                List<byte[]> payloads = new ArrayList<>();
                List<CompletableFuture<byte[]>> echoes = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    payloads.add(randomBytes(16 * 1024, 10 + i));
                    echoes.add(echo(group, kinds, server, payloads.get(i), check));
                }
                for (int i = 0; i < 4; i++) {
                    assertArrayEquals(payloads.get(i), echoes.get(i).get(10, TimeUnit.SECONDS), "connection " + i);
                }
            } finally {
                server.close().await(5, TimeUnit.SECONDS);
            }
            assertEquals(List.of(), List.copyOf(check.violations));
            assertEquals(Set.copyOf(group.loops()), check.loopsSeen, "channels ran on both loops");
        }
    }

    private static Channel bindEchoServer(EventLoopGroup group, ChannelKinds kinds, ThreadCheck check) throws InterruptedException {
        ChannelFuture bind = new ServerBootstrap().group(group)
            .channel(kinds.serverSocket())
            .childHandler(new EchoServerHandler(check))
            .bind(new InetSocketAddress(LOOPBACK, 0));
        assertTrue(bind.await(5, TimeUnit.SECONDS), "bind did not finish");
        assertTrue(bind.isSuccess(), () -> "bind failed: " + bind.cause());
        return bind.channel();
    }

    /** Connects to {@code server}, sends {@code payload}, and completes with what came back. */
    private static CompletableFuture<byte[]> echo(EventLoopGroup group, ChannelKinds kinds, Channel server, byte[] payload,
                                                  ThreadCheck check) {
        CompletableFuture<byte[]> received = new CompletableFuture<>();
        ChannelFuture connect = new Bootstrap().group(group)
            .channel(kinds.socket())
            .disableResolver()
            .handler(new EchoClientHandler(payload, received, check))
            .connect(server.localAddress());
        connect.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                received.completeExceptionally(f.cause());
            }
        });
        return received;
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Records every handler call that does not run inside the loop owning its channel. */
    static final class ThreadCheck {
        final Map<EventLoop, Thread> loopThreads;
        final Set<EventLoop> loopsSeen = ConcurrentHashMap.newKeySet();
        final Queue<String> violations = new ConcurrentLinkedQueue<>();

        ThreadCheck(Map<EventLoop, Thread> loopThreads) {
            this.loopThreads = Map.copyOf(loopThreads);
        }

        void here(ChannelHandlerContext ctx, String what) {
            Thread self = Thread.currentThread();
            EventLoop running;
            try {
                running = Async.getRunningLoop();
            } catch (IllegalStateException e) {
                violations.add(what + " ran on " + self.getName() + ", where no Jasyncio loop runs");
                return;
            }
            if (loopThreads.get(running) != self) {
                violations.add(what + " ran on " + self.getName() + ", not on the thread of its loop");
            }
            if (NettyDriver.of(running).nettyLoop() != ctx.channel().eventLoop()) {
                violations.add(what + " ran in a loop that does not own its channel");
            }
            loopsSeen.add(running);
        }
    }

    /** Echoes what it reads, from a Jasyncio callback: Netty and the loop share the thread. */
    @ChannelHandler.Sharable
    static final class EchoServerHandler extends ChannelInboundHandlerAdapter {
        private final ThreadCheck check;

        EchoServerHandler(ThreadCheck check) {
            this.check = check;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            check.here(ctx, "server channelRead");
            Async.getRunningLoop().callSoon(() -> {
                check.here(ctx, "server echo callback");
                ctx.writeAndFlush(msg);
            });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            check.violations.add("server: " + cause);
            ctx.close();
        }
    }

    /** Sends the payload once connected and completes when as many bytes came back. */
    static final class EchoClientHandler extends ChannelInboundHandlerAdapter {
        private final byte[] payload;
        private final CompletableFuture<byte[]> received;
        private final ThreadCheck check;
        private final ByteArrayOutputStream got = new ByteArrayOutputStream();

        EchoClientHandler(byte[] payload, CompletableFuture<byte[]> received, ThreadCheck check) {
            this.payload = payload;
            this.received = received;
            this.check = check;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            check.here(ctx, "client channelActive");
            ctx.writeAndFlush(Unpooled.wrappedBuffer(payload));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            check.here(ctx, "client channelRead");
            ByteBuf buf = (ByteBuf) msg;
            try {
                byte[] chunk = new byte[buf.readableBytes()];
                buf.readBytes(chunk);
                got.writeBytes(chunk);
            } finally {
                buf.release();
            }
            if (got.size() >= payload.length) {
                received.complete(got.toByteArray());
                ctx.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            received.completeExceptionally(cause);
            ctx.close();
        }
    }
}
