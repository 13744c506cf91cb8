package dev.jasyncio.gen;

/**
 * The close signal: thrown at a suspended generator's yield by {@link Generator#close()} (and
 * {@link AsyncGenerator#close()}) so that the body unwinds and runs its {@code finally} blocks.
 *
 * <p>It extends {@link Error}, not {@link Exception}, on purpose: a {@code catch (Exception e)}
 * around a yield must not swallow it. A body that catches it anyway must end (return or throw);
 * if it yields again, {@code close()} fails with {@link IllegalStateException}. It has no stack
 * trace: it is a control signal, not a fault.
 *
 * @apiNote python: {@code GeneratorExit} (a {@code BaseException}).
 */
public class GeneratorExit extends Error {
    private static final long serialVersionUID = 1L;

    /** A close signal with no message. */
    public GeneratorExit() {
        super("generator closed", null, true, false);
    }

    /** A close signal with the given message, which may be null. */
    public GeneratorExit(String message) {
        super(message, null, true, false);
    }
}
