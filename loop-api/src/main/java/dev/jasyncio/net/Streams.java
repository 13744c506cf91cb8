package dev.jasyncio.net;

import dev.jasyncio.AsyncCloseable;
import java.io.IOException;
import java.util.Objects;

/**
 * The two halves of a stream connection, as {@link Net#openConnection} returns them. Closing the
 * pair closes the writer and waits until the connection is closed, so try-with-resources fits:
 * {@snippet :
 * try (Streams s = Net.openConnection("127.0.0.1", 8888)) {
 *     s.writer().write("ping\n".getBytes(StandardCharsets.US_ASCII));
 *     byte[] answer = s.reader().readline();
 * }
 * }
 *
 * @param reader the reading half
 * @param writer the writing half
 * @apiNote asyncio: the {@code (reader, writer)} pair of {@code asyncio.open_connection()}.
 */
public record Streams(StreamReader reader, StreamWriter writer) implements AsyncCloseable {
    /** Checks that both halves are given. */
    public Streams {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(writer, "writer");
    }

    /**
     * Closes the writer and suspends the current task until the connection is closed; an error
     * the connection ended with is ignored here (the reads and {@code drain} report it).
     *
     * @apiNote asyncio: {@code writer.close(); await writer.wait_closed()}.
     */
    @Override
    public void close() {
        writer.close();
        try {
            writer.waitClosed();
        } catch (IOException alreadyReported) {
            // The connection ended with an error: the reader and drain() have reported it.
        }
    }
}
