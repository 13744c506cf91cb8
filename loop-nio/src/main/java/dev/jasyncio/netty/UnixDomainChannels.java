package dev.jasyncio.netty;

import io.netty.channel.ServerChannel;
import io.netty.channel.socket.DuplexChannel;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;

/**
 * How a backend makes Unix domain stream sockets: the connection channel class, the address form
 * its channels take, and listening channels bound ahead of registration.
 *
 * <p>A listening channel comes bound because Netty's own domain server channels delete the path
 * they were bound to when they close, whatever file is there by then; the channels made here
 * leave the file alone, so that {@code dev.jasyncio.net} removes it only if it is still the one
 * the server bound.
 *
 * @apiNote asyncio: no counterpart (asyncio makes AF_UNIX sockets with the {@code socket} module).
 */
public interface UnixDomainChannels {

    /**
     * A new Unix stream socket channel of the backend, to connect.
     *
     * @apiNote asyncio: {@code socket.socket(AF_UNIX, SOCK_STREAM)}.
     */
    DuplexChannel newSocket();

    /**
     * {@code address} in the form the backend's channels connect to.
     *
     * @apiNote asyncio: no counterpart.
     */
    SocketAddress address(UnixDomainSocketAddress address);

    /**
     * A new listening channel, bound to {@code address} and listening with {@code backlog} (which
     * its config reports as {@code SO_BACKLOG}), not yet registered with a loop; closing it leaves
     * the socket file in place.
     *
     * @throws IOException if the socket cannot be bound (the path is in use, no such directory…)
     * @apiNote asyncio: {@code sock.bind(path); sock.listen(backlog)}.
     */
    ServerChannel bindServer(UnixDomainSocketAddress address, int backlog) throws IOException;

    /**
     * The JDK's Unix domain sockets (JDK 16+) under Netty's NIO transport.
     *
     * @apiNote asyncio: no counterpart.
     */
    static UnixDomainChannels nio() {
        return NioUnixServerChannel.CHANNELS;
    }
}
