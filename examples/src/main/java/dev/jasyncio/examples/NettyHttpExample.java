package dev.jasyncio.examples;

import dev.jasyncio.Async;
import dev.jasyncio.CancelledError;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.Task;
import dev.jasyncio.netty.LoopGroup;
import dev.jasyncio.netty.NettyDriver;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Netty's HTTP codec on Jasyncio loops: a {@link ServerBootstrap} on a {@link LoopGroup} runs
 * {@code HttpServerCodec} and {@code HttpObjectAggregator} on the loop threads, and each request
 * starts a task that computes the response (awaiting, gathering sub-tasks) and writes it to the
 * channel itself. A channel's responses go out in the order of its requests, even when a later one
 * is ready first (HTTP/1.1 pipelining).
 *
 * <ul>
 *   <li>{@code GET /hello?name=x}: {@code hello, x}</li>
 *   <li>{@code GET /sum?a=2&b=40}: two sub-tasks "look up" one operand each (a short async
 *       sleep, then the parameter), gathered: {@code 42}</li>
 *   <li>{@code GET /slow?ms=50}: answers after an async sleep of that many ms (at most 5000)</li>
 * </ul>
 * Every response names the loop thread that computed it in {@code X-Loop-Thread}.
 * {@snippet lang=shell :
 * ./mvn25 -q package -DskipTests exec:exec -pl examples -am -Ddemo.main=dev.jasyncio.examples.NettyHttpExample
 * # then: curl 'http://127.0.0.1:8080/sum?a=2&b=40'
 * }
 */
public final class NettyHttpExample {
    private static final int MAX_BODY = 64 * 1024;
    private static final long MAX_SLEEP_MS = 5_000;

    private NettyHttpExample() {}

    /** Binds the HTTP server to {@code address} (port 0: any free one) on {@code group}; returns the listening channel. */
    public static Channel start(LoopGroup group, InetSocketAddress address) throws InterruptedException {
        return new ServerBootstrap().group(group)
            .channel(NettyDriver.of(group.loops().get(0)).channelKinds().serverSocket())
            .childHandler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY), new RequestTasks());
                }
            })
            .bind(address).sync().channel();
    }

    /** One per channel: a task per request; each task writes its response after the previous one's. */
    /**
     * Waits for the previous request's task (responses go out in request order), whatever its
     * outcome: a request that failed has answered or logged for itself and must not hold up the
     * ones behind it. Only a cancellation of this task itself goes on.
     */
    private static void awaitTurn(Object[] before) {
        Task<?> previous = (Task<?>) before[0];
        before[0] = null;
        if (previous == null) {
            return;
        }
        try {
            Async.await(previous);
        } catch (CancelledError e) {
            if (Async.currentTask().cancelling() > 0) {
                throw e;
            }
        } catch (RuntimeException previousFailed) {
            // Reported by its own task.
        }
    }

    private static final class RequestTasks extends SimpleChannelInboundHandler<FullHttpRequest> {
        /** The task of the channel's previous request, or null. Loop thread only, like the handler. */
        private Task<Void> previous;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            // The request is released when this returns: the task gets what it needs from it now.
            String uri = request.uri();
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            // Held in a cell that the task empties once it has waited: a task keeps its coroutine,
            // so capturing the previous task directly would keep every earlier one alive.
            Object[] before = {previous};
            previous = Async.getRunningLoop().createTask(() -> {
                FullHttpResponse response = respond(uri);
                awaitTurn(before);
                HttpUtil.setKeepAlive(response, keepAlive);
                // Written from the task, on the loop thread that owns the channel.
                if (keepAlive) {
                    ctx.writeAndFlush(response);
                } else {
                    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                }
                return null;
            });
        }
    }

    /** The response to {@code uri}; never throws (a bad parameter is a 400). Inside a task. */
    static FullHttpResponse respond(String uri) {
        QueryStringDecoder query = new QueryStringDecoder(uri);
        try {
            return switch (query.path()) {
                case "/hello" -> ok("hello, " + parameter(query, "name", "world"));
                case "/sum" -> ok(String.valueOf(sum(query)));
                case "/slow" -> ok(slow(query));
                default -> text(HttpResponseStatus.NOT_FOUND, "no route for " + query.path());
            };
        } catch (IllegalArgumentException bad) {
            return text(HttpResponseStatus.BAD_REQUEST, bad.getMessage());
        }
    }

    /** Two sub-tasks, one per operand, gathered (with their errors, so that a second one is not left unretrieved). */
    private static long sum(QueryStringDecoder query) {
        List<Object> operands = Async.await(Async.gather(List.of(Async.createTask(() -> lookUp(query, "a")),
            Async.createTask(() -> lookUp(query, "b"))), true));
        long sum = 0;
        for (Object operand : operands) {
            if (operand instanceof RuntimeException e) {
                throw e;
            }
            sum += (Long) operand;
        }
        return sum;
    }

    /** Stands for an awaited lookup (a database, another service): a short sleep, then the parameter. */
    private static long lookUp(QueryStringDecoder query, String name) {
        Async.sleep(Duration.ofMillis(5));
        String value = parameter(query, name, null);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter " + name + " must be an integer, was '" + value + "'");
        }
    }

    private static String slow(QueryStringDecoder query) {
        long ms;
        try {
            ms = Long.parseLong(parameter(query, "ms", "100"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter ms must be an integer");
        }
        if (ms < 0 || ms > MAX_SLEEP_MS) {
            throw new IllegalArgumentException("parameter ms must be between 0 and " + MAX_SLEEP_MS + ", was " + ms);
        }
        Async.sleep(Duration.ofMillis(ms));
        return "slept " + ms + " ms";
    }

    private static String parameter(QueryStringDecoder query, String name, String otherwise) {
        List<String> values = query.parameters().get(name);
        if (values == null || values.isEmpty()) {
            if (otherwise == null) {
                throw new IllegalArgumentException("missing parameter " + name);
            }
            return otherwise;
        }
        return values.get(0);
    }

    private static FullHttpResponse ok(String body) {
        return text(HttpResponseStatus.OK, body);
    }

    private static FullHttpResponse text(HttpResponseStatus status, String body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
            Unpooled.copiedBuffer(body + "\n", StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN + "; charset=utf-8");
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        r.headers().set("X-Loop-Thread", Thread.currentThread().getName());
        return r;
    }

    /** Serves on 127.0.0.1:8080 (or the port given) with two loops of the default backend until killed. */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        try (LoopGroup group = LoopGroup.create(2, LoopFactory.defaultFactory())) {
            Channel server = start(group, new InetSocketAddress("127.0.0.1", port));
            System.out.println("HTTP on " + server.localAddress() + " over " + group + " (Ctrl-C to stop); try "
                + "curl 'http://127.0.0.1:" + port + "/sum?a=2&b=40'");
            server.closeFuture().sync();
        }
    }
}
