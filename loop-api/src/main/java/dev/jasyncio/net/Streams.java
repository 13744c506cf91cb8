package dev.jasyncio.net;

import dev.jasyncio.Async;
import dev.jasyncio.AsyncCloseable;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Function;

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
     * Streams over a connection that {@code connect} sets up: it gets the protocol that feeds the
     * reader (with {@code limit}) and keeps the writer's flow control, makes a transport that
     * calls it (its {@code connectionMade} first), and returns that transport. For adapters that
     * make transports of their own, as {@code dev.jasyncio.netty.ChannelStreams} does for a Netty
     * channel. Loop thread only.
     *
     * @throws IllegalArgumentException if {@code limit < 1}
     * @throws IllegalStateException if the returned transport is not the one that called
     *     {@code connectionMade}
     * @apiNote asyncio: what {@code asyncio.open_connection(sock=...)} assembles:
     *     {@code StreamReader(limit)}, {@code StreamReaderProtocol(reader)}, the transport, then
     *     {@code StreamWriter(transport, protocol, reader, loop)}.
     */
    public static Streams open(int limit, Function<? super Protocol, ? extends Transport> connect) {
        Objects.requireNonNull(connect, "connect");
        BufferedStreamReader reader = new BufferedStreamReader(limit);
        StreamProtocol protocol = new StreamProtocol(Async.getRunningLoop(), reader, null);
        Transport transport = connect.apply(protocol);
        if (transport == null || transport != protocol.transport()) {
            throw new IllegalStateException("the transport made for the streams (" + transport
                + ") must call connectionMade on the protocol it is given, and be returned");
        }
        return new Streams(reader, new TransportStreamWriter(transport, protocol, reader));
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
