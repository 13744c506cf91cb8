package dev.jasyncio.epoll;

import dev.jasyncio.netty.UnixDomainChannels;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;

/**
 * Unix domain sockets of the epoll transport. A listening socket is bound and listening before
 * Netty sees its descriptor: {@code EpollServerDomainSocketChannel} deletes the path it bound on
 * close, and made from a descriptor it has no path.
 */
final class EpollUnixDomainChannels implements UnixDomainChannels {
    static final EpollUnixDomainChannels INSTANCE = new EpollUnixDomainChannels();

    private EpollUnixDomainChannels() {}

    @Override
    public DuplexChannel newSocket() {
        return new EpollDomainSocketChannel();
    }

    @Override
    public SocketAddress address(UnixDomainSocketAddress address) {
        return new DomainSocketAddress(address.getPath().toString());
    }

    @Override
    public ServerChannel bindServer(UnixDomainSocketAddress address, int backlog) throws IOException {
        Socket socket = Socket.newSocketDomain();
        try {
            socket.bind(address(address));
            socket.listen(backlog);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        EpollServerDomainSocketChannel channel = new EpollServerDomainSocketChannel(socket.intValue(), true);
        // Made from a descriptor, its config would report the system's SOMAXCONN as SO_BACKLOG.
        channel.config().setBacklog(backlog);
        return channel;
    }
}
