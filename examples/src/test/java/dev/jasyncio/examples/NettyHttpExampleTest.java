package dev.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.LoopFactory;
import dev.jasyncio.netty.LoopGroup;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link NettyHttpExample} on two loops of the default backend, fetched with the JDK's HTTP client. */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NettyHttpExampleTest {
    private static LoopGroup group;
    private static Channel server;
    private static HttpClient client;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        group = LoopGroup.create(2, LoopFactory.defaultFactory());
        server = NettyHttpExample.start(group, new InetSocketAddress("127.0.0.1", 0));
        base = "http://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        server.close().await(5, TimeUnit.SECONDS);
        group.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    /** A query parameter comes back in the body, computed by a task on one of the group's loop threads. */
    @Test
    void aTaskAnswersFromAQueryParameter() throws Exception {
        HttpResponse<String> r = get("/hello?name=jasyncio");
        assertEquals(200, r.statusCode());
        assertEquals("hello, jasyncio\n", r.body());
        if ("continuation".equals(group.loops().get(0).engineName())) {
            String thread = r.headers().firstValue("X-Loop-Thread").orElseThrow();
            assertTrue(thread.startsWith("jasyncio-"), thread);
        }
    }

    /** The two gathered sub-tasks both count; many requests at once all get their own answer. */
    @Test
    void gatheredSubTasksAnswerManyRequestsAtOnce() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> sums = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            sums.add(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/sum?a=" + i + "&b=1000")).build(),
                HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < 40; i++) {
            HttpResponse<String> r = sums.get(i).get(10, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode());
            assertEquals((1000 + i) + "\n", r.body());
        }
    }

    /** An awaited sleep delays only its own response. */
    @Test
    void aSlowRequestAwaitsItsSleep() throws Exception {
        HttpResponse<String> r = get("/slow?ms=30");
        assertEquals(200, r.statusCode());
        assertEquals("slept 30 ms\n", r.body());
    }

    /** A bad parameter is a 400 with the reason, an unknown path a 404; the server keeps serving. */
    @Test
    void badRequestsGetClearErrors() throws Exception {
        HttpResponse<String> bad = get("/sum?a=x&b=2");
        assertEquals(400, bad.statusCode());
        assertEquals("parameter a must be an integer, was 'x'\n", bad.body());
        HttpResponse<String> missing = get("/sum?a=1");
        assertEquals(400, missing.statusCode());
        assertEquals("missing parameter b\n", missing.body());
        assertEquals(404, get("/nowhere").statusCode());
        assertEquals("hello, world\n", get("/hello").body());
    }
}
