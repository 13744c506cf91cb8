package dev.jasyncio.conformance.net;

import static dev.jasyncio.conformance.net.NetTesting.LOOPBACK;
import static dev.jasyncio.conformance.net.NetTesting.assumeNetwork;
import static dev.jasyncio.conformance.net.NetTesting.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.net.ConnectOptions;
import dev.jasyncio.net.Net;
import dev.jasyncio.net.Server;
import dev.jasyncio.net.ServerOptions;
import dev.jasyncio.net.Streams;
import dev.jasyncio.net.Transport;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

/** TLS over the transports: handshakes that succeed, and the ones that must fail, promptly. */
@Conformance
class TlsTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The certificate the servers present: localhost and 127.0.0.1. */
    private static KeyStore good() throws Exception {
        return TestCertificates.identity("localhost", "dns:localhost,ip:127.0.0.1");
    }

    /** Another self-signed certificate, for a name that is not this host. */
    private static KeyStore other() throws Exception {
        return TestCertificates.identity("other.example", "dns:other.example");
    }

    private static Server tlsEcho(NetTesting.Handlers handlers, SSLContext context) throws IOException {
        return tlsEcho(handlers, context, new ArrayList<>());
    }

    /** An echo server that adds to {@code sni} the server names each client requested. */
    private static Server tlsEcho(NetTesting.Handlers handlers, SSLContext context, List<List<SNIServerName>> sni)
            throws IOException {
        return Net.startServer(handlers.track((reader, writer) -> {
            sni.add(((ExtendedSSLSession) writer.getExtraInfo(Transport.SSLSESSION)).getRequestedServerNames());
            for (byte[] line : reader) {
                writer.write(line);
                writer.drain();
            }
            writer.close();
        }), LOOPBACK, 0, ServerOptions.defaults().tls(context));
    }

    /** A client that trusts the server's certificate completes the handshake, echoes, and sees the session. */
    @Test
    void aTrustedServerHandshakesAndEchoes(EventLoop loop) throws Exception {
        assumeNetwork(loop);
        SSLContext serverContext = TestCertificates.server(good());
        SSLContext clientContext = TestCertificates.clientTrusting(good());
        NetTesting.Handlers handlers = new NetTesting.Handlers();
        run(loop, () -> {
            Server server = tlsEcho(handlers, serverContext);
            int port = server.sockets().get(0).getPort();
            // Always to 127.0.0.1; the certificate is checked against the IP, then the name.
            for (String host : new String[] {LOOPBACK, "localhost"}) {
                try (Streams s = Net.openConnection(LOOPBACK, port, ConnectOptions.defaults().tls(clientContext)
                        .serverHostname(host))) {
                    byte[] big = new byte[50_000];
                    java.util.Arrays.fill(big, (byte) 'z');
                    big[big.length - 1] = '\n';
                    s.writer().write(ascii("hello over tls\n"));
                    s.writer().write(big);
                    assertArrayEquals(ascii("hello over tls\n"), s.reader().readline());
                    assertArrayEquals(big, s.reader().readexactly(big.length));
                    assertSame(clientContext, s.writer().getExtraInfo(Transport.SSLCONTEXT));
                    assertInstanceOf(SSLSession.class, s.writer().getExtraInfo(Transport.SSLSESSION));
                    assertNotNull(s.writer().getExtraInfo(Transport.SSLOBJECT));
                    assertNotNull(s.writer().getExtraInfo(Transport.CIPHER));
                    assertTrue(String.valueOf(s.writer().getExtraInfo(Transport.TLS_VERSION)).startsWith("TLS"));
                    Certificate[] chain = (Certificate[]) s.writer().getExtraInfo(Transport.PEERCERT);
                    assertEquals(TestCertificates.certificate(good()), chain[0]);
                    assertFalse(s.writer().canWriteEof());
                    assertThrows(UnsupportedOperationException.class, () -> s.writer().writeEof());
                }
            }
            server.close();
            server.waitClosed();
            handlers.awaitAll();
            return null;
        });
    }

    /**
     * The server sees the name the client sent as SNI: serverHostname when given, else the host
     * connected to; an IP literal is not sent (RFC 6066 allows host names only).
     */
    @Test
    void theServerSeesTheClientsServerHostnameAsSni(EventLoop loop) throws Exception {
        assumeNetwork(loop);
        List<List<SNIServerName>> seen = new ArrayList<>();
        SSLContext clientContext = TestCertificates.clientTrusting(good());
        NetTesting.Handlers handlers = new NetTesting.Handlers();
        run(loop, () -> {
            Server server = tlsEcho(handlers, TestCertificates.server(good()), seen);
            int port = server.sockets().get(0).getPort();
            // {host to connect to, serverHostname}; null: the default, the host connected to.
            String[][] cases = {{LOOPBACK, "localhost"}, {"localhost", null}, {LOOPBACK, null}};
            for (String[] c : cases) {
                try (Streams s = Net.openConnection(c[0], port, ConnectOptions.defaults().tls(clientContext).serverHostname(c[1]))) {
                    s.writer().write(ascii("sni\n"));
                    assertArrayEquals(ascii("sni\n"), s.reader().readline());
                }
            }
            server.close();
            server.waitClosed();
            assertEquals(3, handlers.awaitAll());
            return null;
        });
        List<SNIServerName> localhost = List.of(new SNIHostName("localhost"));
        assertEquals(List.of(localhost, localhost, List.of()), seen);
    }

    /** A server whose certificate the client does not trust: the connect fails with SSLHandshakeException, and the server serves on. */
    @Test
    void anUntrustedCertificateFailsTheHandshake(EventLoop loop) throws Exception {
        assumeNetwork(loop);
        SSLContext serverContext = TestCertificates.server(good());
        SSLContext trustsOther = TestCertificates.clientTrusting(other());
        SSLContext trustsGood = TestCertificates.clientTrusting(good());
        NetTesting.Handlers handlers = new NetTesting.Handlers();
        run(loop, () -> {
            Server server = tlsEcho(handlers, serverContext);
            int port = server.sockets().get(0).getPort();
            assertThrows(SSLHandshakeException.class,
                () -> Net.openConnection(LOOPBACK, port, ConnectOptions.defaults().tls(trustsOther)));
            try (Streams s = Net.openConnection(LOOPBACK, port, ConnectOptions.defaults().tls(trustsGood))) {
                s.writer().write(ascii("still serving\n"));
                assertArrayEquals(ascii("still serving\n"), s.reader().readline());
            }
            server.close();
            server.waitClosed();
            assertEquals(1, handlers.awaitAll(), "the failed handshake reached the handler");
            return null;
        });
    }

    /**
     * A trusted certificate for another name fails the host name check; with the check turned off
     * (serverHostname "") the same connection succeeds.
     */
    @Test
    void aCertificateForAnotherNameFailsTheHostNameCheck(EventLoop loop) throws Exception {
        assumeNetwork(loop);
        SSLContext serverContext = TestCertificates.server(other());
        SSLContext trustsOther = TestCertificates.clientTrusting(other());
        NetTesting.Handlers handlers = new NetTesting.Handlers();
        run(loop, () -> {
            Server server = tlsEcho(handlers, serverContext);
            int port = server.sockets().get(0).getPort();
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                () -> Net.openConnection(LOOPBACK, port, ConnectOptions.defaults().tls(trustsOther)));
            assertNotNull(e.getMessage());
            try (Streams s = Net.openConnection(LOOPBACK, port, ConnectOptions.defaults().tls(trustsOther).serverHostname(""))) {
                s.writer().write(ascii("unchecked\n"));
                assertArrayEquals(ascii("unchecked\n"), s.reader().readline());
            }
            server.close();
            server.waitClosed();
            handlers.awaitAll();
            return null;
        });
    }

    /** A peer that never answers the handshake: the client gives up after its handshake timeout. */
    @Test
    void aSilentServerTimesTheClientHandshakeOut(EventLoop loop) throws Exception {
        assumeNetwork(loop);
        SSLContext trustsGood = TestCertificates.clientTrusting(good());
        CompletableFuture<Void> release = new CompletableFuture<>();
        try (RawPeer silent = RawPeer.serve(s -> release.get(20, java.util.concurrent.TimeUnit.SECONDS))) {
            run(loop, () -> {
                long start = System.nanoTime();
                assertThrows(SSLHandshakeException.class, () -> Net.openConnection(LOOPBACK, silent.port(),
                    ConnectOptions.defaults().tls(trustsGood).tlsHandshakeTimeout(Duration.ofMillis(300))));
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis < 5_000, "the handshake timeout took " + millis + " ms");
                return null;
            });
            release.complete(null);
            silent.await();
        }
    }

    /** A client that never starts the handshake: the server drops it after its handshake timeout; no protocol is made. */
    @Test
    void aSilentClientIsDroppedAfterTheServersHandshakeTimeout(EventLoop loop) throws Exception {
        assumeNetwork(loop);
        SSLContext serverContext = TestCertificates.server(good());
        NetTesting.Handlers handlers = new NetTesting.Handlers();
        run(loop, () -> {
            Server server = Net.startServer(handlers.track((reader, writer) -> writer.close()), LOOPBACK, 0,
                ServerOptions.defaults().tls(serverContext).tlsHandshakeTimeout(Duration.ofMillis(300)));
            int port = server.sockets().get(0).getPort();
            Future<Integer> readByPlainClient = loop.wrapFuture(RawPeer.connect(port, TlsTest::readUntilClosed)
                .thenApply(v -> 0));
            assertEquals(0, Async.waitFor(readByPlainClient, NetTesting.STEP));
            server.close();
            server.waitClosed();
            assertEquals(0, handlers.awaitAll());
            return null;
        });
    }

    private static void readUntilClosed(Socket s) throws IOException {
        s.setSoTimeout(10_000);
        while (s.getInputStream().read() >= 0) {
            // The server's TLS alert, if any, then the end of the stream.
        }
    }
}
