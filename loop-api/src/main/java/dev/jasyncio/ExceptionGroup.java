package dev.jasyncio;

import java.util.List;
import java.util.Objects;

/**
 * Several errors raised together, in the order they happened: what a {@link TaskGroup} throws
 * when one or more of its tasks (or its body) failed. Every sub-exception is also attached as
 * {@linkplain Throwable#getSuppressed() suppressed}, so that a logged stack trace shows them all.
 *
 * <p>Unchecked, so that it can leave a task body; it never contains a {@link CancelledError}.
 *
 * {@snippet :
 * try {
 *     Async.taskGroup(tg -> {
 *         tg.createTask(() -> fetch("a"));
 *         tg.createTask(() -> fetch("b"));
 *         return null;
 *     });
 * } catch (ExceptionGroup g) {
 *     for (Throwable e : g.getExceptions()) {
 *         log(e);
 *     }
 * }
 * }
 *
 * @apiNote asyncio: {@code ExceptionGroup} / {@code BaseExceptionGroup} (PEP 654). Java has no
 *     {@code except*}; iterate {@link #getExceptions()} instead.
 */
public final class ExceptionGroup extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The sub-exceptions, unmodifiable, never empty. */
    private final List<Throwable> exceptions;
    /** The message without the count that {@link #getMessage()} adds. */
    private final String groupMessage;

    /**
     * A group of {@code exceptions} (at least one, none null) under {@code message}.
     *
     * @throws IllegalArgumentException if {@code exceptions} is empty
     * @apiNote asyncio: {@code ExceptionGroup(message, exceptions)}.
     */
    public ExceptionGroup(String message, List<? extends Throwable> exceptions) {
        super(describe(message, exceptions));
        this.groupMessage = message;
        this.exceptions = List.copyOf(exceptions);
        for (Throwable e : this.exceptions) {
            addSuppressed(e);
        }
    }

    private static String describe(String message, List<? extends Throwable> exceptions) {
        Objects.requireNonNull(exceptions, "exceptions");
        if (exceptions.isEmpty()) {
            throw new IllegalArgumentException("an ExceptionGroup needs at least one exception: got an empty list");
        }
        int n = exceptions.size();
        return message + " (" + n + " sub-exception" + (n == 1 ? "" : "s") + ")";
    }

    /**
     * The sub-exceptions, in the order they were raised; unmodifiable.
     *
     * @apiNote asyncio: {@code ExceptionGroup.exceptions}.
     */
    public List<Throwable> getExceptions() {
        return exceptions;
    }

    /**
     * The message given at construction, without the count of sub-exceptions.
     *
     * @apiNote asyncio: {@code ExceptionGroup.message}.
     */
    public String groupMessage() {
        return groupMessage;
    }
}
