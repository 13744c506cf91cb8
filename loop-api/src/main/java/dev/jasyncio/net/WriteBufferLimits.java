package dev.jasyncio.net;

/**
 * The water marks of a transport's write buffer, in bytes.
 *
 * @param low the protocol resumes writing when the buffer drains to this or below
 * @param high the protocol pauses writing when the buffer grows above this
 * @apiNote asyncio: the {@code (low, high)} tuple of {@code get_write_buffer_limits()}.
 */
public record WriteBufferLimits(long low, long high) {
    /** asyncio's default high-water mark: 64 KiB. */
    public static final long DEFAULT_HIGH = 64 * 1024;
    /** asyncio's default low-water mark: a quarter of the high one, 16 KiB. */
    public static final long DEFAULT_LOW = DEFAULT_HIGH / 4;
    /** The defaults, 16 KiB and 64 KiB. */
    public static final WriteBufferLimits DEFAULT = new WriteBufferLimits(DEFAULT_LOW, DEFAULT_HIGH);

    /**
     * Checks {@code high >= low >= 0}.
     *
     * @throws IllegalArgumentException otherwise
     */
    public WriteBufferLimits {
        if (!(high >= low && low >= 0)) {
            throw new IllegalArgumentException("high (" + high + ") must be >= low (" + low + ") must be >= 0");
        }
    }
}
