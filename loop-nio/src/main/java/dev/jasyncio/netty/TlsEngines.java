package dev.jasyncio.netty;

import dev.jasyncio.net.Transport;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandler;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Netty {@link SslHandler}s over the JDK's {@link SSLEngine}, from the {@link SSLContext} the
 * application gives: no Netty {@code SslContext}, no native TLS library. Also what a connection
 * under one tells: its session's extra info, and its failures as the JDK's {@link SSLException}.
 */
final class TlsEngines {
    private TlsEngines() {}

    /**
     * The client side: with a non-empty {@code hostname}, the server's certificate must match it
     * (endpoint identification "HTTPS", as Python's check_hostname) and it is sent as SNI unless
     * it is an IP literal.
     */
    static SslHandler client(SSLContext context, String hostname, int port, Duration handshakeTimeout,
            Duration shutdownTimeout) {
        boolean named = hostname != null && !hostname.isEmpty();
        SSLEngine engine = named ? context.createSSLEngine(hostname, port) : context.createSSLEngine();
        engine.setUseClientMode(true);
        if (named) {
            SSLParameters p = engine.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            if (!isLiteral(hostname)) {
                p.setServerNames(List.of(new SNIHostName(hostname)));
            }
            engine.setSSLParameters(p);
        }
        return handler(engine, handshakeTimeout, shutdownTimeout);
    }

    /** The server side. */
    static SslHandler server(SSLContext context, Duration handshakeTimeout, Duration shutdownTimeout) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        return handler(engine, handshakeTimeout, shutdownTimeout);
    }

    private static SslHandler handler(SSLEngine engine, Duration handshakeTimeout, Duration shutdownTimeout) {
        SslHandler h = new SslHandler(engine);
        h.setHandshakeTimeoutMillis(handshakeTimeout.toMillis());
        // Our close_notify is flushed within the shutdown timeout; the peer's is not waited for
        // (Netty's read timeout 0), so a peer that never answers cannot hold the socket open.
        h.setCloseNotifyFlushTimeoutMillis(shutdownTimeout.toMillis());
        return h;
    }

    /** The TLS entries of {@code Transport.getExtraInfo} for a connection under {@code tls}. */
    static Object info(SslHandler tls, String name) {
        SSLEngine engine = tls.engine();
        SSLSession session = engine.getSession();
        return switch (name) {
            case Transport.SSLOBJECT -> engine;
            case Transport.SSLSESSION -> session;
            case Transport.CIPHER -> session.getCipherSuite();
            case Transport.TLS_VERSION -> session.getProtocol();
            case Transport.PEERCERT -> {
                try {
                    yield session.getPeerCertificates();
                } catch (SSLPeerUnverifiedException none) {
                    yield null;
                }
            }
            default -> null;
        };
    }

    /** The SSLException that Netty's SslHandler reports inside a DecoderException, else {@code t}. */
    static Throwable unwrap(Throwable t) {
        if (t instanceof DecoderException && t.getCause() instanceof SSLException ssl) {
            return ssl;
        }
        return t;
    }

    private static boolean isLiteral(String host) {
        try {
            InetAddress.ofLiteral(host);
            return true;
        } catch (IllegalArgumentException notALiteral) {
            return false;
        }
    }
}
