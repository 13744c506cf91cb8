/**
 * The coroutine engines behind tasks and generators: {@code Continuation}-based (default) and a
 * portable virtual-thread hand-off. Not API; depends on the JDK only.
 */
package dev.jasyncio.internal.coro;
