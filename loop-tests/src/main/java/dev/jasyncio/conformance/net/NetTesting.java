package dev.jasyncio.conformance.net;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Task;
import dev.jasyncio.net.ClientConnected;
import dev.jasyncio.spi.NetworkBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** What the network tests share: the skip rules, running a body as a task, server handler tasks. */
final class NetTesting {
    /** Every test talks to this address only. */
    static final String LOOPBACK = "127.0.0.1";
    /** Generous bound on one awaited step; a test that needs it has hung. */
    static final Duration STEP = Duration.ofSeconds(10);

    private NetTesting() {}

    /** Skips the test on a backend that has no network I/O. */
    static void assumeNetwork(EventLoop loop) {
        assumeTrue(loop.ioDriver() instanceof NetworkBackend,
            "the " + loop.providerName() + " backend has no network I/O");
    }

    /** Skips the test unless the tasks run on the continuation engine (the heavy tests). */
    static void assumeContinuationEngine(EventLoop loop) {
        assumeTrue("continuation".equals(loop.engineName()),
            "heavy network test: continuation engine only (this loop runs " + loop.engineName() + ")");
    }

    /** Runs {@code body} as a task of {@code loop} until it ends, and returns its value. */
    static <T> T run(EventLoop loop, Coroutine<T> body) {
        return loop.runUntilComplete(loop.createTask(body));
    }

    /** Suspends the current task until {@code condition} holds, polling every millisecond, for at most {@link #STEP}. */
    static void until(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + STEP.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("condition not met within " + STEP);
            }
            Async.sleep(Duration.ofMillis(1));
        }
    }

    /** {@code n} random bytes from a fixed seed. */
    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /**
     * The tasks of a stream server's connections, so that a test can wait for every one to end
     * before the loop closes (a task left pending fails the test).
     */
    static final class Handlers {
        private final List<Task<?>> tasks = new ArrayList<>();

        /** Wraps {@code handler}, recording the task of each connection. */
        ClientConnected track(ClientConnected handler) {
            return (reader, writer) -> {
                tasks.add(Async.currentTask());
                handler.handle(reader, writer);
            };
        }

        /** How many connections were handled so far. */
        int size() {
            return tasks.size();
        }

        /** Waits until every recorded task has ended, and returns how many there were. */
        int awaitAll() {
            for (int i = 0; i < tasks.size(); i++) {
                Task<?> t = tasks.get(i);
                if (t != Async.currentTask()) {
                    Async.waitFor(t, STEP);
                }
            }
            return tasks.size();
        }
    }
}
