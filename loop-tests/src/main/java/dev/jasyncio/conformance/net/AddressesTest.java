package dev.jasyncio.conformance.net;

import static dev.jasyncio.conformance.net.NetTesting.LOOPBACK;
import static dev.jasyncio.conformance.net.NetTesting.assumeNetwork;
import static dev.jasyncio.conformance.net.NetTesting.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Task;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.net.Connection;
import dev.jasyncio.net.Net;
import dev.jasyncio.net.Protocol;
import dev.jasyncio.net.Server;
import dev.jasyncio.net.Transport;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How host names become addresses ({@code Net.resolve}, off the loop thread) and how a connect
 * goes through them in order. The names come from {@link TestNameResolver}.
 */
@Conformance
class AddressesTest {

    private static InetAddress address(int a, int b, int c, int d) throws UnknownHostException {
        return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    }

    /** An address where nothing listens at the servers' ports: 127.0.0.2 (the servers bind 127.0.0.1 only). */
    private static InetAddress refusing() throws UnknownHostException {
        return address(127, 0, 0, 2);
    }

    /** resolve gives a name's addresses in the resolver's order with the port, "localhost" a loopback one, and an IP literal as is. */
    @Test
    void resolveGivesANamesAddressesInOrderAndALiteralAsIs(EventLoop loop) throws Exception {
        assumeNetwork(loop);
        TestNameResolver.assumeInstalled();
        InetAddress first = address(127, 0, 0, 3);
        InetAddress second = address(127, 0, 0, 1);
        String host = TestNameResolver.define(first, second);
        run(loop, () -> {
            assertEquals(List.of(new InetSocketAddress(first, 80), new InetSocketAddress(second, 80)), Net.resolve(host, 80));
            List<InetSocketAddress> localhost = Net.resolve("localhost", 443);
            assertFalse(localhost.isEmpty());
            for (InetSocketAddress a : localhost) {
                assertTrue(a.getAddress().isLoopbackAddress() && a.getPort() == 443, a::toString);
            }
            assertEquals(List.of(new InetSocketAddress(second, 8080)), Net.resolve(LOOPBACK, 8080));
            assertEquals(List.of(new InetSocketAddress(InetAddress.getByName("::1"), 0)), Net.resolve("[::1]", 0));
            return null;
        });
    }

    /** While a lookup waits, the loop runs on (its timers fire); the lookup ran on neither the loop's thread nor the task's, and its addresses arrive once it ends. */
    @Test
    void aSlowLookupRunsOffTheLoopThreadWhileTimersFire(EventLoop loop) throws Exception {
        assumeNetwork(loop);
        TestNameResolver.assumeInstalled();
        TestNameResolver.Held lookup = TestNameResolver.hold(address(127, 0, 0, 1));
        run(loop, () -> {
            Thread taskThread = Thread.currentThread();
            Task<List<InetSocketAddress>> resolving = loop.createTask(() -> Net.resolve(lookup.host(), 7));
            Thread lookupThread = Async.waitFor(loop.wrapFuture(lookup.entered()), NetTesting.STEP);
            int[] ticks = new int[1];
            Thread[] loopThread = new Thread[1];
            Runnable[] tick = new Runnable[1];
            tick[0] = () -> {
                loopThread[0] = Thread.currentThread();
                if (++ticks[0] < 5) {
                    loop.callLater(Duration.ofMillis(5), tick[0]);
                }
            };
            loop.callLater(Duration.ofMillis(5), tick[0]);
            NetTesting.until(() -> ticks[0] >= 5);
            assertFalse(resolving.isDone(), "the lookup returned before it was released");
            lookup.release().complete(null);
            assertEquals(List.of(new InetSocketAddress(address(127, 0, 0, 1), 7)), Async.waitFor(resolving, NetTesting.STEP));
            assertNotSame(loopThread[0], lookupThread);
            assertNotSame(taskThread, lookupThread);
            return null;
        });
    }

    /** A name whose first address refuses: createConnection tries the next one, which accepts, with one protocol made. */
    @Test
    void aRefusingAddressIsSkippedForALaterOneThatAccepts(EventLoop loop) throws Exception {
        assumeNetwork(loop);
        TestNameResolver.assumeInstalled();
        String host = TestNameResolver.define(refusing(), address(127, 0, 0, 1));
        int[] made = new int[1];
        run(loop, () -> {
            Server server = Net.createServer(() -> new EchoTest.EchoProtocol(), LOOPBACK, 0);
            InetSocketAddress listening = server.sockets().get(0);
            Connection<EchoTest.Collector> c = Net.createConnection(() -> {
                made[0]++;
                return new EchoTest.Collector(loop);
            }, host, listening.getPort());
            assertEquals(listening, c.transport().getExtraInfo(Transport.PEERNAME));
            assertEquals(1, made[0]);
            c.transport().write(new byte[] {42});
            c.transport().writeEof();
            assertNull(Async.waitFor(c.protocol().lost, NetTesting.STEP));
            assertEquals(1, c.protocol().received.size());
            server.close();
            server.waitClosed();
            return null;
        });
    }

    /** A name whose every address refuses: one ConnectException naming each attempt, the attempts' own errors suppressed. */
    @Test
    void whenEveryAddressRefusesOneConnectExceptionNamesThemAll(EventLoop loop) throws Exception {
        assumeNetwork(loop);
        TestNameResolver.assumeInstalled();
        String host = TestNameResolver.define(refusing(), address(127, 0, 0, 3));
        run(loop, () -> {
            Server server = Net.createServer(() -> new Protocol() {}, LOOPBACK, 0);
            int port = server.sockets().get(0).getPort();
            ConnectException e = assertThrows(ConnectException.class,
                () -> Net.openConnection(host, port));
            assertTrue(e.getMessage().startsWith("Multiple exceptions: "), e::getMessage);
            assertTrue(e.getMessage().contains("127.0.0.2") && e.getMessage().contains("127.0.0.3"), e::getMessage);
            assertEquals(2, e.getSuppressed().length);
            for (Throwable attempt : e.getSuppressed()) {
                assertInstanceOf(ConnectException.class, attempt);
            }
            server.close();
            server.waitClosed();
            return null;
        });
    }
}
