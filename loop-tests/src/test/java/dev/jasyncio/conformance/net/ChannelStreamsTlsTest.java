package dev.jasyncio.conformance.net;

import static dev.jasyncio.conformance.net.NetTesting.LOOPBACK;
import static dev.jasyncio.conformance.net.NetTesting.STEP;
import static dev.jasyncio.conformance.net.NetTesting.assumeNetwork;
import static dev.jasyncio.conformance.net.NetTesting.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.net.ConnectOptions;
import dev.jasyncio.net.Net;
import dev.jasyncio.net.Streams;
import dev.jasyncio.net.Transport;
import dev.jasyncio.netty.ChannelStreams;
import dev.jasyncio.netty.NettyDriver;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

/**
 * {@code ChannelStreams} behind Netty's {@code SslHandler}: a Netty server on the loop under test
 * whose channels are wrapped by a handler; a stream client with TLS talks to it. (In src/test:
 * it needs the Netty backends, which the suite's own module does not see.)
 */
@Conformance
class ChannelStreamsTlsTest {

    /** A Netty server on the loop's own Netty loop, on a free loopback port, its channels set up by {@code init}. */
    private static Channel bind(EventLoop loop, ChannelInitializer<Channel> init) {
        ChannelFuture bind = new ServerBootstrap().group(NettyDriver.of(loop).nettyLoop())
            .channel(NettyDriver.of(loop).channelKinds().serverSocket())
            .childHandler(init)
            .bind(new InetSocketAddress(LOOPBACK, 0));
        Future<Void> bound = loop.createFuture();
        bind.addListener(f -> {
            if (f.isSuccess()) {
                bound.setResult(null);
            } else {
                bound.setException(f.cause());
            }
        });
        Async.waitFor(bound, STEP);
        return bind.channel();
    }

    /** The wrapped channel decrypts what it reads and encrypts what it writes; the writer reports the session. */
    @Test
    void wrappedStreamsSpeakThroughTheSslHandlerInFront(EventLoop loop) throws Exception {
        assumeNetwork(loop);
        KeyStore identity = TestCertificates.identity("localhost", "dns:localhost,ip:127.0.0.1");
        SSLContext serverContext = TestCertificates.server(identity);
        SSLContext clientContext = TestCertificates.clientTrusting(identity);
        run(loop, () -> {
            Future<Object[]> served = loop.createFuture();
            Channel server = bind(loop, new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    SSLEngine engine = serverContext.createSSLEngine();
                    engine.setUseClientMode(false);
                    ch.pipeline().addLast(new SslHandler(engine), new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelActive(ChannelHandlerContext ctx) {
                            Streams s = ChannelStreams.wrap(ctx.channel());
                            loop.createTask(() -> {
                                for (byte[] line : s.reader()) {
                                    s.writer().write(new String(line, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT)
                                        .getBytes(StandardCharsets.US_ASCII));
                                    s.writer().drain();
                                }
                                served.setResult(new Object[] {s.writer().getExtraInfo(Transport.TLS_VERSION),
                                    s.writer().canWriteEof()});
                                s.close();
                                return null;
                            });
                            ctx.fireChannelActive();
                        }
                    });
                }
            });
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            try (Streams s = Net.openConnection(LOOPBACK, port, ConnectOptions.defaults().tls(clientContext)
                    .serverHostname(LOOPBACK))) {
                s.writer().write("hello\nthrough tls\n".getBytes(StandardCharsets.US_ASCII));
                assertArrayEquals("HELLO\n".getBytes(StandardCharsets.US_ASCII), s.reader().readline());
                assertArrayEquals("THROUGH TLS\n".getBytes(StandardCharsets.US_ASCII), s.reader().readline());
            }
            Object[] seen = Async.waitFor(served, STEP);
            assertNotNull(seen[0], "the server's writer knows the TLS version");
            assertFalse((Boolean) seen[1], "no writeEof over TLS");
            server.close();
            return null;
        });
    }

    /**
     * Streams wrapped while the handshake is under way end with the handshake's failure: a peer
     * that never says hello makes the reader throw the SslHandler's handshake timeout, not see EOF.
     */
    @Test
    void aHandshakeThatTimesOutAfterTheWrapFailsTheReader(EventLoop loop) throws Exception {
        assumeNetwork(loop);
        SSLContext serverContext = TestCertificates.server(TestCertificates.identity("localhost", "dns:localhost,ip:127.0.0.1"));
        run(loop, () -> {
            Future<Throwable> readFailed = loop.createFuture();
            Channel server = bind(loop, new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    SSLEngine engine = serverContext.createSSLEngine();
                    engine.setUseClientMode(false);
                    SslHandler tls = new SslHandler(engine);
                    tls.setHandshakeTimeoutMillis(200);
                    ch.pipeline().addLast(tls, new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelActive(ChannelHandlerContext ctx) {
                            Streams s = ChannelStreams.wrap(ctx.channel());
                            loop.createTask(() -> {
                                try {
                                    byte[] got = s.reader().read();
                                    readFailed.setException(new AssertionError("read returned " + got.length + " bytes"));
                                } catch (IOException e) {
                                    readFailed.setResult(e);
                                }
                                return null;
                            });
                            ctx.fireChannelActive();
                        }
                    });
                }
            });
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            // Plain TCP: no ClientHello ever comes.
            try (Streams silent = Net.openConnection(LOOPBACK, port)) {
                Throwable e = Async.waitFor(readFailed, STEP);
                assertInstanceOf(SslHandshakeTimeoutException.class, e);
                assertArrayEquals(new byte[0], silent.reader().read(), "the server closed the connection");
            }
            server.close();
            return null;
        });
    }
}
