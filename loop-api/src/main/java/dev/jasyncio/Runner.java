package dev.jasyncio;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

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
     * <p>Ctrl-C: on the JVM's main thread, while SIGINT has the JVM's own handler, a first SIGINT
     * cancels the main task (it sees {@link CancelledError} at its next suspension and may clean
     * up); if it then ends cancelled, this throws {@link KeyboardInterrupt}. A second SIGINT gets
     * the JVM's treatment (shutdown hooks, exit status 130): Java cannot throw into a loop that
     * may be stuck. The previous handler is back when this returns.
     *
     * @throws IllegalStateException if the runner is closed, or if a loop is already running in
     *     this thread
     * @throws java.util.concurrent.CompletionException wrapping a checked exception of {@code main}
     * @throws KeyboardInterrupt if Ctrl-C cancelled the main task
     * @apiNote asyncio: {@code Runner.run(coro)}, with its SIGINT handling; asyncio raises
     *     {@code KeyboardInterrupt} at the second Ctrl-C too.
     */
    public <T> T run(Coroutine<T> main) {
        if (closed) {
            throw new IllegalStateException("Runner is closed");
        }
        if (LoopCore.runningInThisThread() != null) {
            throw new IllegalStateException("Runner.run() cannot be called from a running event loop");
        }
        EventLoop l = getLoop();
        Objects.requireNonNull(main, "main");
        Task<T> task = l.createTask(main, "main");
        SigintHandler sigint = SigintHandler.installIfMainThread(l, task);
        try {
            return l.runUntilComplete(task);
        } catch (CancelledError e) {
            if (sigint != null && sigint.interrupted() && task.uncancel() == 0) {
                throw new KeyboardInterrupt(e);
            }
            throw e;
        } finally {
            if (sigint != null) {
                sigint.restore();
            }
        }
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
     * Cancels the tasks still pending and runs the loop until they have ended (reporting any that
     * failed instead of ending cancelled), shuts the default executor down (waiting up to 300 s),
     * then closes the loop. Idempotent.
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
            cancelAllTasks((LoopCore) l);
            l.runUntilComplete(l.shutdownDefaultExecutor(EXECUTOR_SHUTDOWN_TIMEOUT));
        } finally {
            l.close();
        }
    }

    private static void cancelAllTasks(LoopCore loop) {
        List<Task<?>> left = loop.pendingTasks();
        if (left.isEmpty()) {
            return;
        }
        Future<Void> allEnded = loop.createFuture();
        int[] remaining = {left.size()};
        for (Task<?> t : left) {
            t.cancel();
            t.addDoneCallback(done -> {
                if (--remaining[0] == 0) {
                    allEnded.setResult(null);
                }
            });
        }
        loop.runUntilComplete(allEnded);
        for (Task<?> t : left) {
            if (!t.isCancelled() && t.exception() != null) {
                loop.callExceptionHandler(ExceptionContext.of("unhandled exception during Runner.close() shutdown", t.exception())
                    .with(ExceptionContext.TASK, t));
            }
        }
    }
}
