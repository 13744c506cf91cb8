package dev.jasyncio.nio;

import dev.jasyncio.netty.ChannelStreamsContract;
import dev.jasyncio.netty.LoopGroupContract;
import dev.jasyncio.netty.NettyDriverContract;
import dev.jasyncio.netty.NettyEchoContract;
import dev.jasyncio.netty.UnixChannelOptionsContract;
import org.junit.jupiter.api.Nested;

/** The Netty backend contracts, run on {@code nio}. */
class NioBackendTest {

    @Nested
    class Driver extends NettyDriverContract {
        @Override
        protected String providerName() {
            return "nio";
        }
    }

    @Nested
    class Echo extends NettyEchoContract {
        @Override
        protected String providerName() {
            return "nio";
        }
    }

    @Nested
    class Group extends LoopGroupContract {
        @Override
        protected String providerName() {
            return "nio";
        }
    }

    @Nested
    class Streams extends ChannelStreamsContract {
        @Override
        protected String providerName() {
            return "nio";
        }
    }

    @Nested
    class UnixOptions extends UnixChannelOptionsContract {
        @Override
        protected String providerName() {
            return "nio";
        }
    }
}
