package dev.jasyncio;

/**
 * Receives errors that nobody else can: a callback that threw, an exception nobody retrieved.
 * Runs on the loop thread; an exception it throws is logged by the default handler and dropped.
 *
 * @apiNote asyncio: the handler given to {@code loop.set_exception_handler(handler)}.
 */
@FunctionalInterface
public interface ExceptionHandler {
    /** Handles one error report of {@code loop}. */
    void handle(EventLoop loop, ExceptionContext context);
}
