package dev.jasyncio;

/**
 * Which loop a thread uses when code asks for "the event loop": a thin, per-thread layer over a
 * {@link LoopFactory}. Prefer {@link Async#run} or {@link Runner} with a factory; the policy
 * exists for code written against asyncio's policy API.
 *
 * @apiNote asyncio: {@code asyncio.AbstractEventLoopPolicy} (deprecated in 3.14 in favour of
 *     {@code loop_factory}). Like 3.14, {@link #getEventLoop()} never creates a loop implicitly.
 */
public interface EventLoopPolicy {

    /**
     * The running loop of this thread if there is one, else the loop set with
     * {@link #setEventLoop} for this thread.
     *
     * @throws IllegalStateException if neither exists
     * @apiNote asyncio: {@code policy.get_event_loop()}.
     */
    EventLoop getEventLoop();

    /**
     * Sets this thread's current loop ({@code null} clears it).
     *
     * @apiNote asyncio: {@code policy.set_event_loop(loop)}.
     */
    void setEventLoop(EventLoop loop);

    /**
     * A new loop from the policy's factory; it is not made current.
     *
     * @apiNote asyncio: {@code policy.new_event_loop()}.
     */
    EventLoop newEventLoop();

    /** The policy that makes loops with {@code factory} and remembers one loop per thread. */
    static EventLoopPolicy withFactory(LoopFactory factory) {
        return new ThreadLocalPolicy(factory);
    }
}
