package dev.jasyncio;

/**
 * A coroutine body that receives the scope it runs in: the {@link Timeout} of
 * {@link Async#timeout(java.time.Duration, ScopedCoroutine)} or the {@link TaskGroup} of
 * {@link Async#taskGroup}.
 *
 * @param <S> the scope type
 * @param <T> the value the body produces
 * @apiNote asyncio: the body of an {@code async with scope as s:} block.
 */
@FunctionalInterface
public interface ScopedCoroutine<S, T> {
    /** Runs the body on the loop thread, inside the task that opened {@code scope}. */
    T call(S scope) throws Exception;
}
