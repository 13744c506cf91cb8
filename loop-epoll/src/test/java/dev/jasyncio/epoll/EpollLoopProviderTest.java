package dev.jasyncio.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jasyncio.EventLoop;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.netty.NettyDriver;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollServerSocketChannel;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EpollLoopProviderTest {

    /** We ship the native library for these: failing to load it there is a packaging bug, not a skip. */
    @Test
    void epollLoadsOnTheLinuxPlatformsWhoseNativeLibraryIsShipped() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        assumeTrue(os.contains("linux") && Set.of("amd64", "x86_64", "aarch64").contains(arch), os + "/" + arch);
        assertTrue(Epoll.isAvailable(), () -> "epoll did not load: " + Epoll.unavailabilityCause()
            + " (is the JVM run with --enable-native-access=ALL-UNNAMED?)");
        assertEquals("", new EpollLoopProvider().unavailabilityReason());
    }

    @Test
    void whenAvailableEpollIsTheDefaultBackend() {
        assumeTrue(Epoll.isAvailable());
        assertEquals("epoll", LoopFactory.availableNames().get(0));
        assertEquals(java.util.List.of("epoll", "nio", "core"), LoopFactory.availableNames());
    }

    @Test
    void epollLoopsUseEpollChannels() {
        assumeTrue(Epoll.isAvailable());
        EventLoop loop = LoopFactory.byName("epoll").newEventLoop();
        try {
            NettyDriver driver = assertInstanceOf(NettyDriver.class, loop.ioDriver());
            assertEquals(EpollServerSocketChannel.class, driver.channelKinds().serverSocket());
        } finally {
            loop.close();
        }
    }
}
