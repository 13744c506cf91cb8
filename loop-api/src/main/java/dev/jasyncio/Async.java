package dev.jasyncio;

import java.util.Objects;

/**
 * The everyday entry points, as static methods: run a main on a fresh loop, find the running
 * loop, swap the policy.
 *
 * {@snippet :
 * String greeting = Async.run(() -> {
 *     EventLoop loop = Async.getRunningLoop();
 *     return "hello from " + loop.providerName();
 * });
 * }
 *
 * @apiNote asyncio: the module-level functions of {@code asyncio}.
 */
public final class Async {
    private static volatile EventLoopPolicy policy;

    private Async() {}

    /**
     * Runs {@code main} on a new loop from the default factory, then cleans up and closes the
     * loop (see {@link Runner}).
     *
     * @throws IllegalStateException if called from a running loop
     * @apiNote asyncio: {@code asyncio.run(main)}.
     */
    public static <T> T run(Coroutine<T> main) {
        return run(main, null);
    }

    /**
     * Runs {@code main} on a new loop from {@code factory} ({@code null}: the default factory),
     * then cleans up and closes the loop.
     *
     * @apiNote asyncio: {@code asyncio.run(main, loop_factory=factory)}.
     */
    public static <T> T run(Coroutine<T> main, LoopFactory factory) {
        Objects.requireNonNull(main, "main");
        if (LoopCore.runningInThisThread() != null) {
            throw new IllegalStateException("Async.run() cannot be called from a running event loop");
        }
        try (Runner runner = new Runner(factory)) {
            return runner.run(main);
        }
    }

    /**
     * The loop running in the current thread.
     *
     * @throws IllegalStateException if no loop is running in this thread
     * @apiNote asyncio: {@code asyncio.get_running_loop()}.
     */
    public static EventLoop getRunningLoop() {
        EventLoop loop = LoopCore.runningInThisThread();
        if (loop == null) {
            throw new IllegalStateException("no running event loop in thread '" + Thread.currentThread().getName()
                + "': call this from a callback or task, or start a loop with Async.run");
        }
        return loop;
    }

    /**
     * The current policy: the one set with {@link #setEventLoopPolicy}, else one over
     * {@link LoopFactory#defaultFactory()}.
     *
     * @apiNote asyncio: {@code asyncio.get_event_loop_policy()}.
     */
    public static EventLoopPolicy getEventLoopPolicy() {
        EventLoopPolicy p = policy;
        if (p == null) {
            synchronized (Async.class) {
                p = policy;
                if (p == null) {
                    p = EventLoopPolicy.withFactory(LoopFactory.defaultFactory());
                    policy = p;
                }
            }
        }
        return p;
    }

    /**
     * Replaces the policy ({@code null}: back to the default).
     *
     * @apiNote asyncio: {@code asyncio.set_event_loop_policy(policy)}.
     */
    public static void setEventLoopPolicy(EventLoopPolicy newPolicy) {
        policy = newPolicy;
    }
}
