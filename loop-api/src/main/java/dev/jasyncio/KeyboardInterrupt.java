package dev.jasyncio;

/**
 * Thrown by {@link Async#run} and {@link Runner#run} when Ctrl-C (SIGINT) cancelled the main task
 * and the main task ended cancelled; its cause is the main task's {@link CancelledError}.
 *
 * <p>It extends {@link Error}, as {@link CancelledError} does, so that a {@code catch (Exception e)}
 * does not swallow the user's request to stop. A program that wants the shell's status for an
 * interrupted command catches it and calls {@code System.exit(130)}; left uncaught, the JVM prints
 * it and exits with status 1.
 *
 * @apiNote asyncio: {@code KeyboardInterrupt}, raised by {@code asyncio.run} in the same case.
 */
public final class KeyboardInterrupt extends Error {
    private static final long serialVersionUID = 1L;

    /** An interrupt that cancelled the main task, which ended with {@code cancelled}. */
    public KeyboardInterrupt(CancelledError cancelled) {
        super("Ctrl-C (SIGINT) cancelled the main task", cancelled);
    }
}
