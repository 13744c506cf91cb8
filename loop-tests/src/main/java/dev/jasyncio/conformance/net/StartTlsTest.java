package dev.jasyncio.conformance.net;

import static dev.jasyncio.conformance.net.NetTesting.LOOPBACK;
import static dev.jasyncio.conformance.net.NetTesting.assumeNetwork;
import static dev.jasyncio.conformance.net.NetTesting.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.net.Net;
import dev.jasyncio.net.Server;
import dev.jasyncio.net.Streams;
import dev.jasyncio.net.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

/** STARTTLS: a plain connection upgraded to TLS in the middle, both sides through their stream writers. */
@Conformance
class StartTlsTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Plain lines, then STARTTLS on both sides, then lines over TLS on the same socket. */
    @Test
    void aPlainConnectionIsUpgradedToTls(EventLoop loop) throws Exception {
        assumeNetwork(loop);
        SSLContext serverContext = TestCertificates.server(TestCertificates.identity("localhost", "dns:localhost,ip:127.0.0.1"));
        SSLContext clientContext = TestCertificates.clientTrusting(
            TestCertificates.identity("localhost", "dns:localhost,ip:127.0.0.1"));
        NetTesting.Handlers handlers = new NetTesting.Handlers();
        run(loop, () -> {
            Server server = Net.startServer(handlers.track((reader, writer) -> {
                assertArrayEquals(ascii("STARTTLS\n"), reader.readline());
                writer.write(ascii("GO\n"));
                writer.startTls(serverContext, null);
                assertInstanceOf(SSLSession.class, writer.getExtraInfo(Transport.SSLSESSION));
                for (byte[] line : reader) {
                    writer.write(line);
                    writer.drain();
                }
                writer.close();
            }), LOOPBACK, 0);
            try (Streams s = Net.openConnection(LOOPBACK, server.sockets().get(0).getPort())) {
                Transport plain = s.writer().transport();
                assertNull(s.writer().getExtraInfo(Transport.SSLCONTEXT));
                s.writer().write(ascii("STARTTLS\n"));
                assertArrayEquals(ascii("GO\n"), s.reader().readline());
                s.writer().startTls(clientContext, "localhost");
                assertTrue(s.writer().transport() != plain, "startTls gives the writer a new transport");
                assertThrows(IllegalStateException.class, () -> plain.write(ascii("in the clear")));
                assertInstanceOf(SSLSession.class, s.writer().getExtraInfo(Transport.SSLSESSION));
                assertFalse(s.writer().canWriteEof());
                for (int i = 0; i < 20; i++) {
                    byte[] line = ascii("secret " + i + "\n");
                    s.writer().write(line);
                    assertArrayEquals(line, s.reader().readline());
                }
            }
            server.close();
            server.waitClosed();
            assertEquals(1, handlers.awaitAll());
            return null;
        });
    }

    /** An upgrade whose handshake fails (untrusted certificate) throws SSLHandshakeException and closes the connection. */
    @Test
    void aFailedUpgradeClosesTheConnection(EventLoop loop) throws Exception {
        assumeNetwork(loop);
        SSLContext serverContext = TestCertificates.server(TestCertificates.identity("localhost", "dns:localhost,ip:127.0.0.1"));
        SSLContext trustsOther = TestCertificates.clientTrusting(TestCertificates.identity("other.example", "dns:other.example"));
        NetTesting.Handlers handlers = new NetTesting.Handlers();
        run(loop, () -> {
            Future<Throwable> serverSaw = loop.createFuture();
            Server server = Net.startServer(handlers.track((reader, writer) -> {
                reader.readline();
                writer.write(ascii("GO\n"));
                try {
                    writer.startTls(serverContext, null);
                    serverSaw.setResult(null);
                } catch (IOException e) {
                    serverSaw.setResult(e);
                }
            }), LOOPBACK, 0);
            Streams s = Net.openConnection(LOOPBACK, server.sockets().get(0).getPort());
            s.writer().write(ascii("STARTTLS\n"));
            s.reader().readline();
            assertThrows(SSLHandshakeException.class, () -> s.writer().startTls(trustsOther, "localhost"));
            assertInstanceOf(IOException.class, Async.waitFor(serverSaw, NetTesting.STEP));
            assertThrows(IllegalArgumentException.class, () -> Net.startTls(s.writer().transport(),
                new dev.jasyncio.net.Protocol() {}, trustsOther, false, null));
            server.close();
            server.waitClosed();
            handlers.awaitAll();
            return null;
        });
    }
}
