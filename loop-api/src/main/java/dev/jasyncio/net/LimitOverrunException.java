package dev.jasyncio.net;

import java.io.IOException;

/**
 * A separator was not found within the stream's limit. {@link StreamReader#readuntil} leaves
 * every byte in the reader's buffer, so the data can still be read another way;
 * {@link StreamReader#readline()} discards the over-long line, as asyncio does.
 *
 * @apiNote asyncio: {@code asyncio.LimitOverrunError}; {@code readline()} raises
 *     {@code ValueError} in asyncio, this exception here.
 */
public class LimitOverrunException extends IOException {
    private static final long serialVersionUID = 1L;

    /** How many bytes were examined without finding the separator (or before it). */
    private final long consumed;

    /** An overrun after {@code consumed} bytes. */
    public LimitOverrunException(String message, long consumed) {
        super(message + " (" + consumed + " bytes)");
        this.consumed = consumed;
    }

    /**
     * How many bytes may be consumed to make progress: the bytes scanned without a separator, or
     * the position of the separator found beyond the limit.
     *
     * @apiNote asyncio: {@code LimitOverrunError.consumed}.
     */
    public long consumed() {
        return consumed;
    }
}
