package dev.jasyncio.netty;

import dev.jasyncio.spi.IoDriver;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ManualIoEventLoop;

/**
 * The Netty event loop under one Jasyncio loop: a {@link ManualIoEventLoop} that may block only
 * when the Jasyncio loop has nothing to do.
 */
final class DrivenIoEventLoop extends ManualIoEventLoop {
    /** The Jasyncio loop; asked before Netty blocks. */
    private final IoDriver.Host host;

    DrivenIoEventLoop(IoEventLoopGroup parent, IoHandlerFactory handlerFactory, IoDriver.Host host) {
        // No owning thread yet: NettyDriver.bind sets it when the loop first runs.
        super(parent, null, handlerFactory);
        this.host = host;
    }

    /**
     * Netty asks this right before it blocks, after it has published that it is about to sleep,
     * so a callSoonThreadsafe that lands in the Jasyncio inbox while the loop thread is outside
     * run() keeps it awake. Netty #15922: without this override epoll loses such wakeups (its
     * eventfd write is skipped while the loop counts as awake) and the loop sleeps on a full inbox.
     */
    @Override
    protected boolean canBlock() {
        return host.canBlock();
    }
}
