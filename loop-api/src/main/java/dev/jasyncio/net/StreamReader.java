package dev.jasyncio.net;

import dev.jasyncio.gen.AsyncIterable;
import dev.jasyncio.gen.AsyncIterator;
import java.io.IOException;
import java.util.List;

/**
 * The reading half of a stream connection: reads that suspend the current task until enough
 * bytes have arrived. Made by {@link Net#openConnection} and {@link Net#startServer}, or by
 * {@link #create(int)} for a reader fed by hand.
 *
 * <p>The reader buffers what arrives. Its {@link #limit()} (64 KiB by default) bounds the line or
 * chunk {@link #readline()} and {@link #readuntil} return, and the buffer: while it holds more
 * than twice the limit, reading from the socket pauses (TCP then holds the peer back).
 *
 * <p>Iterating it inside a task yields its lines until the end of the stream:
 * {@snippet :
 * for (byte[] line : reader) {
 *     handle(line);
 * }
 * }
 *
 * <p>Loop thread only; one task at a time may wait on a reader.
 *
 * @apiNote asyncio: {@code asyncio.StreamReader}. Read errors (a reset connection…) are
 *     {@link IOException}s; the line iterator wraps them in {@link java.io.UncheckedIOException}.
 */
public interface StreamReader extends AsyncIterable<byte[]> {
    /** The default limit: 64 KiB. */
    int DEFAULT_LIMIT = 64 * 1024;

    /**
     * A reader with no transport, fed with {@link #feedData} and {@link #feedEof}.
     *
     * @throws IllegalArgumentException if {@code limit < 1}
     * @apiNote asyncio: {@code asyncio.StreamReader(limit=limit)}.
     */
    static StreamReader create(int limit) {
        return new BufferedStreamReader(limit);
    }

    /**
     * A reader fed by hand, as {@link #create(int)}, that also pauses the reading of
     * {@code transport} while it holds more than twice its limit, and resumes it once reads bring
     * it to the limit or below (for transports made outside this package, such as a
     * subprocess's pipes).
     *
     * @throws IllegalArgumentException if {@code limit < 1}
     * @apiNote asyncio: {@code asyncio.StreamReader(limit=limit)} then {@code set_transport(transport)}.
     */
    static StreamReader create(int limit, Transport transport) {
        BufferedStreamReader reader = new BufferedStreamReader(limit);
        reader.setTransport(java.util.Objects.requireNonNull(transport, "transport"));
        return reader;
    }

    /**
     * Up to {@code n} bytes, as soon as at least one is buffered; an empty array at the end of the
     * stream or when {@code n == 0}. With {@code n < 0}, everything up to the end of the stream.
     *
     * @throws IOException the error the connection ended with
     * @apiNote asyncio: {@code StreamReader.read(n)}.
     */
    byte[] read(int n) throws IOException;

    /**
     * Everything up to the end of the stream.
     *
     * @throws IOException the error the connection ended with
     * @apiNote asyncio: {@code StreamReader.read()}.
     */
    default byte[] read() throws IOException {
        return read(-1);
    }

    /**
     * The next line, ending with {@code '\n'}; at the end of the stream, what is left (possibly
     * without {@code '\n'}, empty once nothing is left).
     *
     * @throws LimitOverrunException if the line is longer than the limit: the line is discarded
     *     (up to and including its {@code '\n'} if it was found, else the whole buffer)
     * @throws IOException the error the connection ended with
     * @apiNote asyncio: {@code StreamReader.readline()}, which raises {@code ValueError} on overrun.
     */
    byte[] readline() throws IOException;

    /**
     * Exactly {@code n} bytes.
     *
     * @throws IncompleteReadException if the stream ends first; it holds the bytes read (consumed)
     * @throws IllegalArgumentException if {@code n < 0}
     * @throws IOException the error the connection ended with
     * @apiNote asyncio: {@code StreamReader.readexactly(n)}.
     */
    byte[] readexactly(int n) throws IOException;

    /**
     * The bytes up to and including {@code separator}.
     *
     * @throws LimitOverrunException if no separator is found within the limit; nothing is
     *     consumed, so the bytes can still be read with {@link #read(int)}
     * @throws IncompleteReadException if the stream ends before the separator; it holds the rest
     *     of the stream (consumed)
     * @throws IllegalArgumentException if {@code separator} is empty
     * @throws IOException the error the connection ended with
     * @apiNote asyncio: {@code StreamReader.readuntil(separator)}.
     */
    byte[] readuntil(byte[] separator) throws IOException;

    /**
     * The bytes up to and including whichever of {@code separators} ends first in the stream, as
     * {@link #readuntil(byte[])}.
     *
     * @throws IllegalArgumentException if the list is empty or holds an empty separator
     * @apiNote asyncio: {@code StreamReader.readuntil((sep1, sep2, ...))} (3.13).
     */
    byte[] readuntil(List<byte[]> separators) throws IOException;

    /**
     * Whether the stream has ended and every byte has been read.
     *
     * @apiNote asyncio: {@code StreamReader.at_eof()}.
     */
    boolean atEof();

    /**
     * The error the stream ended with, or null.
     *
     * @apiNote asyncio: {@code StreamReader.exception()}.
     */
    Throwable exception();

    /**
     * Ends the stream with {@code error}: every later read throws it, a waiting read at once.
     *
     * @apiNote asyncio: {@code StreamReader.set_exception(exc)}.
     */
    void setException(Throwable error);

    /**
     * Appends a copy of {@code data} and wakes a waiting read.
     *
     * @throws IllegalStateException after {@link #feedEof()}
     * @apiNote asyncio: {@code StreamReader.feed_data(data)}.
     */
    void feedData(byte[] data);

    /**
     * Marks the end of the stream and wakes a waiting read.
     *
     * @apiNote asyncio: {@code StreamReader.feed_eof()}.
     */
    void feedEof();

    /**
     * The limit of {@link #readline()} and {@link #readuntil}, and half the buffer size at which
     * reading pauses.
     *
     * @apiNote asyncio: {@code StreamReader._limit}.
     */
    int limit();

    /**
     * The lines of the stream ({@link #readline()}) until its end.
     *
     * @apiNote asyncio: {@code StreamReader.__aiter__} / {@code __anext__}.
     */
    @Override
    AsyncIterator<byte[]> iterator();
}
