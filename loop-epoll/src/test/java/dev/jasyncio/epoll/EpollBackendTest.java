package dev.jasyncio.epoll;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jasyncio.netty.ChannelStreamsContract;
import dev.jasyncio.netty.LoopGroupContract;
import dev.jasyncio.netty.NettyDriverContract;
import dev.jasyncio.netty.NettyEchoContract;
import dev.jasyncio.netty.UnixChannelOptionsContract;
import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/**
 * The Netty backend contracts, run on {@code epoll}. Skipped where epoll cannot load;
 * {@link EpollLoopProviderTest} fails instead on the platforms whose native library we ship.
 */
class EpollBackendTest {

    @BeforeAll
    static void epollIsAvailable() {
        assumeTrue(Epoll.isAvailable(), () -> "epoll is not available here: " + Epoll.unavailabilityCause());
    }

    @Nested
    class Driver extends NettyDriverContract {
        @Override
        protected String providerName() {
            return "epoll";
        }
    }

    @Nested
    class Echo extends NettyEchoContract {
        @Override
        protected String providerName() {
            return "epoll";
        }
    }

    @Nested
    class Group extends LoopGroupContract {
        @Override
        protected String providerName() {
            return "epoll";
        }
    }

    @Nested
    class Streams extends ChannelStreamsContract {
        @Override
        protected String providerName() {
            return "epoll";
        }
    }

    @Nested
    class UnixOptions extends UnixChannelOptionsContract {
        @Override
        protected String providerName() {
            return "epoll";
        }
    }
}
