package dev.jasyncio.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.EventLoop;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.netty.NettyDriver;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import org.junit.jupiter.api.Test;

class NioLoopProviderTest {

    @Test
    void nioIsFoundByServiceLoaderAndRanksAboveCore() {
        var names = LoopFactory.availableNames();
        assertTrue(names.indexOf("nio") >= 0 && names.indexOf("nio") < names.indexOf("core"), names.toString());
    }

    @Test
    void nioLoopsUseNioChannels() {
        EventLoop loop = LoopFactory.byName("nio").newEventLoop();
        try {
            NettyDriver driver = assertInstanceOf(NettyDriver.class, loop.ioDriver());
            assertEquals(NioServerSocketChannel.class, driver.channelKinds().serverSocket());
        } finally {
            loop.close();
        }
    }
}
