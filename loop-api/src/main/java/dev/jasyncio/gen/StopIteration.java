package dev.jasyncio.gen;

import java.util.NoSuchElementException;

/**
 * Thrown by {@link Generator#next()}, {@link Generator#send} and {@link Generator#throwInto}
 * when the generator has no more values; carries the body's return value.
 *
 * <p>It is a {@link NoSuchElementException}, so code written against {@link java.util.Iterator}
 * treats it as the ordinary end of iteration. It has no stack trace: it is the normal end of a
 * loop, not a fault.
 *
 * @apiNote python: {@code StopIteration}, whose {@code value} attribute is {@link #value()}.
 *     Unlike Python, every call on a finished generator carries the return value, not just the
 *     first one.
 */
public final class StopIteration extends NoSuchElementException {
    private static final long serialVersionUID = 1L;

    private final transient Object value;

    /** The end of a generator that returned {@code value} (may be null). */
    public StopIteration(Object value) {
        super("generator exhausted");
        this.value = value;
    }

    /**
     * The value the generator's body returned: the same as {@link Generator#returnValue()}.
     *
     * @apiNote python: {@code StopIteration.value}.
     */
    public Object value() {
        return value;
    }

    /** No stack trace: see the class comment. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
