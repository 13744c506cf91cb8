package dev.jasyncio.bench.peers;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;

/**
 * W7's raw Netty peer: Netty's echo example on one {@code MultiThreadIoEventLoopGroup(1)} that
 * both accepts and serves, NIO or epoll. Each read buffer is written back as it is and flushed
 * once per read batch; TCP_NODELAY is on, as Jasyncio and asyncio set it.
 */
final class NettyEcho {
    private NettyEcho() {}

    enum Transport { NIO, EPOLL }

    static void serve(Transport transport) throws InterruptedException {
        IoHandlerFactory handler;
        Class<? extends ServerChannel> channel;
        if (transport == Transport.EPOLL) {
            Epoll.ensureAvailability();
            handler = EpollIoHandler.newFactory();
            channel = EpollServerSocketChannel.class;
        } else {
            handler = NioIoHandler.newFactory();
            channel = NioServerSocketChannel.class;
        }
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, handler);
        try {
            Channel server = new ServerBootstrap()
                .group(group)
                .channel(channel)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new Echo())
                .bind("127.0.0.1", 0).sync().channel();
            EchoServer.announce(((InetSocketAddress) server.localAddress()).getPort(), "netty " + transport.name().toLowerCase(java.util.Locale.ROOT));
            server.closeFuture().sync();
        } finally {
            group.shutdownGracefully();
        }
    }

    @ChannelHandler.Sharable
    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
