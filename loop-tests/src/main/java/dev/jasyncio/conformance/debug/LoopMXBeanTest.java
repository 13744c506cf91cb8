package dev.jasyncio.conformance.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.Task;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.debug.LoopMetrics;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The JMX bean of a running loop of every backend: registered while it runs, thread-safe task dumps. */
@Conformance
class LoopMXBeanTest {

    @Test
    void aRunningLoopHasABeanWhoseDumpComesFromTheLoopThread(LoopFactory factory) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        EventLoop loop = factory.newEventLoop();
        ObjectName name = new ObjectName("dev.jasyncio:type=Loop,name=" + LoopMetrics.of(loop).loopId());
        Future<Void> release = loop.createFuture();
        CompletableFuture<Void> ran = new CompletableFuture<>();
        Task<Void> held = loop.createTask(() -> Async.await(release), "held-by-jmx");
        // A thread of its own, which also closes the loop: a Netty-backed loop is released only
        // on the thread that ran it.
        Thread loopThread = Thread.ofPlatform().name("mx-loop").start(() -> {
            try {
                loop.runUntilComplete(held);
                loop.close();
                ran.complete(null);
            } catch (Throwable t) {
                ran.completeExceptionally(t);
            }
        });
        try {
            assertTrue(eventually(() -> server.isRegistered(name)), name + " was never registered");
            assertEquals(1, server.getAttribute(name, "LiveTasks"));
            assertEquals(Boolean.TRUE, server.getAttribute(name, "Running"));
            String text = (String) server.invoke(name, "dumpTasks", new Object[0], new String[0]);
            assertTrue(text.contains("#1 held-by-jmx: suspended"), text);
            String json = (String) server.invoke(name, "dumpTasksJson", new Object[0], new String[0]);
            assertTrue(json.contains("\"name\":\"held-by-jmx\""), json);
        } finally {
            loop.callSoonThreadsafe(() -> release.setResult(null));
            loopThread.join(5_000);
        }
        ran.get(5, TimeUnit.SECONDS);
        assertTrue(eventually(() -> !server.isRegistered(name)), name + " is still registered after the loop stopped");
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
