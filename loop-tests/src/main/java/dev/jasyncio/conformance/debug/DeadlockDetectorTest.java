package dev.jasyncio.conformance.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.Task;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.debug.LoopDeadlockException;
import dev.jasyncio.debug.TaskInfo;
import dev.jasyncio.debug.TestLoops;
import dev.jasyncio.net.Net;
import dev.jasyncio.net.Server;
import dev.jasyncio.spi.NetworkBackend;
import dev.jasyncio.sync.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The deadlock detector of test loops, on every backend: fails with the task dump where a plain
 * loop would hang, but not while I/O can still arrive (a Netty loop with a channel open).
 */
@Conformance
class DeadlockDetectorTest {

    /** A loop of the backend under test on virtual time, or on real time with the detector. */
    private static EventLoop detecting(String clock, LoopFactory factory) {
        LoopFactory f = clock.equals("virtual") ? TestLoops.virtual(factory) : TestLoops.detectingDeadlocks(factory);
        return f.newEventLoop();
    }

    @ParameterizedTest(name = "{0} time")
    @ValueSource(strings = {"virtual", "real"})
    void twoTasksWaitingForEachOthersEventsAreADeadlock(String clock, LoopFactory factory) {
        EventLoop loop = detecting(clock, factory);
        loop.setExceptionHandler((l, c) -> {});
        Event aDone = new Event();
        Event bDone = new Event();
        Task<Void> a = loop.createTask(() -> {
            bDone.await();
            aDone.set();
            return null;
        }, "waits-for-b");
        Task<Void> b = loop.createTask(() -> {
            Async.sleep(Duration.ofMillis(50));
            aDone.await();
            bDone.set();
            return null;
        }, "waits-for-a");
        LoopDeadlockException e = assertThrows(LoopDeadlockException.class, () -> loop.runUntilComplete(a));
        assertEquals(List.of("waits-for-b", "waits-for-a"), e.dump().tasks().stream().map(TaskInfo::name).toList());
        assertTrue(e.dump().tasks().stream().allMatch(t -> t.state().equals("suspended")), e::getMessage);
        assertTrue(e.getMessage().contains("#1 waits-for-b: suspended, awaiting Future[pending]"), e.getMessage());
        assertTrue(e.getMessage().contains("DeadlockDetectorTest"), "the dump shows the stacks: " + e.getMessage());
        assertFalse(a.isDone());
        assertFalse(b.isDone());
    }

    /**
     * A Netty loop with a listening server may still get a connection from a thread it does not
     * know of: it waits for it. Once the server and its connections are closed, nothing can wake
     * it again, and a task waiting for an event nobody sets is a deadlock.
     */
    @ParameterizedTest(name = "{0} time")
    @ValueSource(strings = {"virtual", "real"})
    void anOpenServerIsNotADeadlockButAClosedOneIsForgotten(String clock, LoopFactory factory) throws Exception {
        EventLoop loop = detecting(clock, factory);
        assumeTrue(loop.ioDriver() instanceof NetworkBackend, "the " + loop.providerName() + " backend has no network I/O");
        Event connected = new Event();
        Thread[] client = new Thread[1];
        Task<String> served = loop.createTask(() -> {
            Server server = Net.startServer((reader, writer) -> {
                connected.set();
                writer.close();
            }, "127.0.0.1", 0);
            int port = server.sockets().get(0).getPort();
            client[0] = Thread.ofPlatform().name("unknown-to-the-loop").start(() -> connectAfterAWhile(port));
            connected.await();
            server.close();
            server.waitClosed();
            return "served";
        }, "server");
        assertEquals("served", loop.runUntilComplete(served));
        client[0].join(Blocking.MAX_BLOCK.toMillis());

        loop.setExceptionHandler((l, c) -> {});
        Task<Void> stranded = loop.createTask(() -> {
            new Event().await();
            return null;
        }, "stranded");
        LoopDeadlockException e = assertThrows(LoopDeadlockException.class, () -> loop.runUntilComplete(stranded));
        assertEquals(List.of("stranded"), e.dump().tasks().stream().map(TaskInfo::name).toList());
    }

    /** Connects late enough for the loop to have gone idle first, and reads until the server closes. */
    private static void connectAfterAWhile(int port) {
        try {
            Thread.sleep(100);
            try (Socket s = new Socket("127.0.0.1", port)) {
                while (s.getInputStream().read() >= 0) {
                    // Until the server's close.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aLoopWithATimerLeftIsNotDeadlocked(LoopFactory factory) {
        EventLoop loop = TestLoops.detectingDeadlocks(factory).newEventLoop();
        Task<String> t = loop.createTask(() -> {
            Async.sleep(Duration.ofMillis(20));
            return "woke";
        });
        assertEquals("woke", loop.runUntilComplete(t));
    }

    @Test
    void aLoopWithoutTasksIsNotDeadlocked(LoopFactory factory) {
        EventLoop loop = TestLoops.virtual(factory).newEventLoop();
        loop.callSoon(loop::stop);
        loop.runForever();
        TestLoops.runUntilIdle(loop);
    }
}
