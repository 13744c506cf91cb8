package dev.jasyncio.netty;

import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.net.DatagramOptions;
import dev.jasyncio.net.DatagramProtocol;
import dev.jasyncio.net.DatagramTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoEventLoop;
import io.netty.resolver.NoopAddressResolverGroup;
import java.net.InetSocketAddress;
import java.util.function.Supplier;

/**
 * Opens the UDP endpoints of the Netty backends: a Bootstrap per endpoint on the loop's own Netty
 * event loop, with the backend's datagram channel and a {@link NettyDatagramTransport} as the
 * last handler.
 */
final class NettyDatagrams {
    /*
     * Netty facts: a datagram channel is active once bound (connect binds a free port first).
     * Its default receive buffer is a fixed 2048 bytes, which would cut longer datagrams short:
     * it is raised to the largest UDP payload. Reading starts only after connectionMade (autoRead
     * off until then), as asyncio adds the reader after connection_made.
     */

    /** The largest UDP payload over IPv6 (65535 less the 8-byte UDP header), more than IPv4's 65507. */
    private static final int MAX_DATAGRAM = 65527;

    private final EventLoop loop;
    private final IoEventLoop io;
    private final ChannelKinds kinds;

    NettyDatagrams(EventLoop loop, IoEventLoop io, ChannelKinds kinds) {
        this.loop = loop;
        this.io = io;
        this.kinds = kinds;
    }

    Future<DatagramTransport> open(InetSocketAddress local, InetSocketAddress remote, DatagramOptions options,
            Supplier<? extends DatagramProtocol> protocolFactory) {
        Future<DatagramTransport> result = loop.createFuture();
        Bootstrap b = new Bootstrap()
            .group(io)
            .channel(kinds.datagram())
            .resolver(NoopAddressResolverGroup.INSTANCE)
            .option(ChannelOption.AUTO_READ, false)
            .option(ChannelOption.SO_BROADCAST, options.allowBroadcast())
            .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
            .handler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(NettyTransport.HANDLER_NAME, new NettyDatagramTransport(loop, ch, remote));
                }
            });
        if (options.reusePort()) {
            b.option(NettyNetwork.reusePortOption(kinds), true);
        }
        ChannelFuture opening;
        if (remote == null) {
            opening = b.bind(local);
        } else if (local == null) {
            opening = b.connect(remote);
        } else {
            opening = b.connect(remote, local);
        }
        opening.addListener(f -> {
            Channel ch = opening.channel();
            if (!f.isSuccess()) {
                if (!result.isDone()) {
                    result.setException(remote == null ? NettyNetwork.bindError(f.cause()) : NettyNetwork.asIOException(f.cause()));
                }
                return;
            }
            if (result.isDone()) {
                // Cancelled meanwhile: nobody wants this endpoint.
                ch.close();
                return;
            }
            NettyDatagramTransport transport = (NettyDatagramTransport) ch.pipeline().get(NettyTransport.HANDLER_NAME);
            DatagramProtocol protocol;
            try {
                protocol = protocolFactory.get();
            } catch (Throwable t) {
                result.setException(t);
                ch.close();
                return;
            }
            transport.start(protocol);
            result.setResult(transport);
        });
        result.addDoneCallback(r -> {
            if (r.isCancelled()) {
                opening.channel().close();
            }
        });
        return result;
    }
}
