package dev.jasyncio;

/**
 * A body that runs on the loop and produces a value: the main of {@link Async#run(Coroutine)}.
 *
 * @param <T> the value it produces
 * @apiNote asyncio: a coroutine function's body ({@code async def}).
 */
@FunctionalInterface
public interface Coroutine<T> {
    /** Runs the body on the loop thread. */
    T call() throws Exception;
}
