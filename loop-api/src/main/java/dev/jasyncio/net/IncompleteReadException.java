package dev.jasyncio.net;

import java.io.EOFException;

/**
 * The stream ended before a read could be satisfied; {@link #partial()} holds the bytes that were
 * read (and consumed) before the end.
 *
 * @apiNote asyncio: {@code asyncio.IncompleteReadError} (an {@code EOFError}).
 */
public class IncompleteReadException extends EOFException {
    private static final long serialVersionUID = 1L;

    /** The bytes read before the end of the stream. */
    private final byte[] partial;
    /** How many bytes were expected, or -1 when unknown (a separator was expected). */
    private final long expected;

    /**
     * An incomplete read of {@code partial.length} bytes out of {@code expected} (-1: unknown).
     */
    public IncompleteReadException(byte[] partial, long expected) {
        super(partial.length + " bytes read on a total of " + (expected < 0 ? "undefined" : String.valueOf(expected))
            + " expected bytes");
        this.partial = partial.clone();
        this.expected = expected;
    }

    /**
     * The bytes that were read before the stream ended (a copy).
     *
     * @apiNote asyncio: {@code IncompleteReadError.partial}.
     */
    public byte[] partial() {
        return partial.clone();
    }

    /**
     * How many bytes were expected, or -1 when unknown (readuntil).
     *
     * @apiNote asyncio: {@code IncompleteReadError.expected} ({@code None} is -1).
     */
    public long expected() {
        return expected;
    }
}
