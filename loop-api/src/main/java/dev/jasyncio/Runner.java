package dev.jasyncio;

import java.time.Duration;

/**
 * Runs mains on one loop made by a factory, then cleans up: the loop of a runner is made on the
 * first {@link #run}, reused by later ones, and torn down by {@link #close()}.
 *
 * {@snippet :
 * try (Runner runner = new Runner(LoopFactory.byName("nio"))) {
 *     int a = runner.run(() -> 20);
 *     int b = runner.run(() -> a + 22);
 * }
 * }
 *
 * <p>Not thread-safe: use a runner from one thread.
 *
 * @apiNote asyncio: {@code asyncio.Runner(debug=None, loop_factory=None)}.
 */
public final class Runner implements AutoCloseable {
    /** How long {@link #close()} waits for the default executor, as asyncio does. */
    static final Duration EXECUTOR_SHUTDOWN_TIMEOUT = Duration.ofSeconds(300);

    private final LoopFactory factory;
    private final Boolean debug;
    private EventLoop loop;
    private boolean closed;

    /** A runner on the default factory ({@link LoopFactory#defaultFactory()}). */
    public Runner() {
        this(null, null);
    }

    /** A runner whose loop comes from {@code factory} ({@code null}: the default factory). */
    public Runner(LoopFactory factory) {
        this(factory, null);
    }

    /**
     * A runner whose loop comes from {@code factory} ({@code null}: the default), with debug
     * mode forced on or off ({@code null}: as {@code -Djasyncio.debug} says).
     */
    public Runner(LoopFactory factory, Boolean debug) {
        this.factory = factory;
        this.debug = debug;
    }

    /**
     * Runs {@code main} on the runner's loop until it completes, and returns its value.
     *
     * @throws IllegalStateException if the runner is closed, or if a loop is already running in
     *     this thread
     * @throws java.util.concurrent.CompletionException wrapping a checked exception of {@code main}
     * @apiNote asyncio: {@code Runner.run(coro)}.
     */
    public <T> T run(Coroutine<T> main) {
        if (closed) {
            throw new IllegalStateException("Runner is closed");
        }
        if (LoopCore.runningInThisThread() != null) {
            throw new IllegalStateException("Runner.run() cannot be called from a running event loop");
        }
        EventLoop l = getLoop();
        Future<T> result = l.createFuture();
        l.callSoon(() -> {
            try {
                result.setResult(main.call());
            } catch (Throwable t) {
                result.setException(t);
            }
        });
        return l.runUntilComplete(result);
    }

    /**
     * The runner's loop, made now if this is the first use.
     *
     * @throws IllegalStateException if the runner is closed
     * @apiNote asyncio: {@code Runner.get_loop()}.
     */
    public EventLoop getLoop() {
        if (closed) {
            throw new IllegalStateException("Runner is closed");
        }
        if (loop == null) {
            loop = (factory != null ? factory : LoopFactory.defaultFactory()).newEventLoop();
            if (debug != null) {
                loop.setDebug(debug);
            }
        }
        return loop;
    }

    /**
     * Shuts the default executor down (waiting up to 300 s), then closes the loop. Idempotent.
     *
     * @apiNote asyncio: {@code Runner.close()}.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        EventLoop l = loop;
        loop = null;
        if (l == null) {
            return;
        }
        try {
            l.runUntilComplete(l.shutdownDefaultExecutor(EXECUTOR_SHUTDOWN_TIMEOUT));
        } finally {
            l.close();
        }
    }
}
