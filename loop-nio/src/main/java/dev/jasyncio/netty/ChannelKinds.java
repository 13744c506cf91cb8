package dev.jasyncio.netty;

import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import java.util.Objects;

/**
 * The Netty channel classes that can register with a backend's loops: a channel must match its
 * loop's I/O handler (NIO channels on NIO loops, epoll channels on epoll loops), so code that
 * builds a {@code ServerBootstrap} or {@code Bootstrap} takes the classes from here.
 *
 * {@snippet :
 * NettyDriver driver = NettyDriver.of(loop);
 * new ServerBootstrap().group(driver.nettyLoop()).channel(driver.channelKinds().serverSocket());
 * }
 *
 * @param serverSocket the TCP listening channel class
 * @param socket the TCP connection channel class
 * @param datagram the UDP channel class
 * @param unixDomain the Unix domain stream sockets
 * @apiNote asyncio: no counterpart (asyncio has one socket type per family, not per selector).
 */
public record ChannelKinds(
    Class<? extends ServerSocketChannel> serverSocket,
    Class<? extends SocketChannel> socket,
    Class<? extends DatagramChannel> datagram,
    UnixDomainChannels unixDomain) {

    /** Checks that every class is given. */
    public ChannelKinds {
        Objects.requireNonNull(serverSocket, "serverSocket");
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(datagram, "datagram");
        Objects.requireNonNull(unixDomain, "unixDomain");
    }
}
