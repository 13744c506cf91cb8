package dev.jasyncio.netty;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.jasyncio.EventLoop;
import dev.jasyncio.LoopFactory;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A loop running forever on a thread of its own, for tests that talk to it from outside. */
final class LoopThread implements AutoCloseable {
    final EventLoop loop;
    final Thread thread;

    private LoopThread(EventLoop loop, String name) {
        this.loop = loop;
        this.thread = new Thread(this::runThenClose, name);
        thread.setDaemon(true);
    }

    static LoopThread start(String providerName) {
        LoopThread lt = new LoopThread(LoopFactory.byName(providerName).newEventLoop(), "test-loop-" + providerName);
        lt.thread.start();
        return lt;
    }

    private void runThenClose() {
        try {
            loop.runForever();
        } finally {
            loop.close();
        }
    }

    /** Runs {@code body} on the loop thread and returns its result. */
    <T> T call(Callable<T> body) throws Exception {
        return onLoop(loop, body);
    }

    static <T> T onLoop(EventLoop loop, Callable<T> body) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.callSoonThreadsafe(() -> {
            try {
                result.complete(body.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(5, TimeUnit.SECONDS);
    }

    NettyDriver driver() {
        return NettyDriver.of(loop);
    }

    /** Stops the loop and waits (5 s at most) for its thread, which closes it. */
    @Override
    public void close() {
        if (!loop.isClosed()) {
            loop.callSoonThreadsafe(loop::stop);
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the loop thread to end", e);
        }
        assertFalse(thread.isAlive(), "the loop thread did not end after stop");
    }
}
