package dev.jasyncio.netty;

import io.netty.channel.unix.DomainSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;

/**
 * The addresses transports report, in the JDK's types whatever the backend: the native
 * transports give a Unix socket's address as Netty's {@code DomainSocketAddress}, NIO as the
 * JDK's {@link UnixDomainSocketAddress}.
 */
final class SocketAddresses {
    private SocketAddresses() {}

    /** {@code address} as an {@code InetSocketAddress} or a {@link UnixDomainSocketAddress}; null stays null. */
    static SocketAddress standard(SocketAddress address) {
        if (address instanceof DomainSocketAddress unix) {
            return UnixDomainSocketAddress.of(unix.path());
        }
        return address;
    }
}
