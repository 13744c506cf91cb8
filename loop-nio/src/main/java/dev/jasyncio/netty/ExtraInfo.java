package dev.jasyncio.netty;

import dev.jasyncio.net.Transport;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.net.SocketAddress;
import javax.net.ssl.SSLContext;

/**
 * What a stream transport answers to {@link Transport#getExtraInfo} (asyncio's {@code _extra}):
 * its two addresses, learnt once the connection is ready (and kept after it closes), the
 * {@link SSLContext} it was made with, and the entries of its TLS session. Loop thread only.
 */
final class ExtraInfo {
    /** The TLS handler of the connection, or null for plain TCP. */
    private final SslHandler tls;
    private final SSLContext tlsContext;
    private SocketAddress peername;
    private SocketAddress sockname;

    ExtraInfo(SslHandler tls, SSLContext tlsContext) {
        this.tls = tls;
        this.tlsContext = tlsContext;
    }

    /** The connection is ready: its addresses are those of {@code channel}, in the JDK's types. */
    void learnAddresses(Channel channel) {
        peername = SocketAddresses.standard(channel.remoteAddress());
        sockname = SocketAddresses.standard(channel.localAddress());
    }

    Object get(String name) {
        switch (name) {
            case Transport.PEERNAME:
                return peername;
            case Transport.SOCKNAME:
                return sockname;
            case Transport.SSLCONTEXT:
                return tlsContext;
            default:
                break;
        }
        return tls == null ? null : TlsEngines.info(tls, name);
    }

    /** For toString: whether it is TLS, and its addresses once known, else {@code channel}. */
    String describe(Channel channel) {
        return (tls != null ? "tls " : "") + (peername != null ? sockname + " -> " + peername : channel);
    }
}
