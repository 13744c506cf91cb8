package dev.jasyncio.net;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The writing half of a stream connection: writes never block; {@link #drain()} suspends the
 * current task while the transport's write buffer is above its high-water mark.
 *
 * {@snippet :
 * writer.write(response);
 * writer.drain();          // wait here if the peer reads slower than we write
 * }
 *
 * <p>Loop thread only.
 *
 * @apiNote asyncio: {@code asyncio.StreamWriter}.
 */
public interface StreamWriter {

    /**
     * A writer over a transport made outside this package (such as a subprocess's stdin pipe).
     * The transport's protocol becomes the one that keeps this writer's flow control
     * ({@link Transport#setProtocol}), so that {@link #drain()} waits while the transport's
     * buffer is above its high-water mark and reports the transport's loss.
     *
     * @throws IllegalStateException outside a running loop
     * @apiNote asyncio: {@code asyncio.StreamWriter(transport, protocol, None, loop)} with a
     *     flow-control protocol.
     */
    static StreamWriter create(Transport transport) {
        StreamProtocol protocol = new StreamProtocol(dev.jasyncio.Async.getRunningLoop(), null, null);
        protocol.connectionMade(java.util.Objects.requireNonNull(transport, "transport"));
        transport.setProtocol(protocol);
        return new TransportStreamWriter(transport, protocol, null);
    }

    /**
     * Sends {@code data} (copied) without blocking; follow with {@link #drain()}.
     *
     * @apiNote asyncio: {@code StreamWriter.write(data)}.
     */
    void write(byte[] data);

    /**
     * Sends the bytes between the buffer's position and its limit; the position advances to the limit.
     *
     * @apiNote asyncio: {@code StreamWriter.write(data)} with a buffer-protocol object.
     */
    void write(ByteBuffer data);

    /**
     * Sends each array in turn.
     *
     * @apiNote asyncio: {@code StreamWriter.writelines(data)}.
     */
    void writelines(Iterable<byte[]> data);

    /**
     * Suspends the current task until the write buffer has drained to its low-water mark, if it
     * is above its high-water mark; returns at once otherwise.
     *
     * @throws IOException the error the connection ended with, or a {@link java.net.SocketException}
     *     "Connection lost" if it is gone
     * @throws IllegalStateException outside a task
     * @apiNote asyncio: {@code StreamWriter.drain()}.
     */
    void drain() throws IOException;

    /**
     * Closes the connection once the buffered data is sent. Never waits: follow with
     * {@link #waitClosed()}.
     *
     * @apiNote asyncio: {@code StreamWriter.close()}.
     */
    void close();

    /**
     * Suspends the current task until the connection is closed.
     *
     * @throws IOException the error the connection ended with
     * @apiNote asyncio: {@code StreamWriter.wait_closed()}.
     */
    void waitClosed() throws IOException;

    /**
     * Whether the connection is closing or closed.
     *
     * @apiNote asyncio: {@code StreamWriter.is_closing()}.
     */
    boolean isClosing();

    /**
     * Closes the write side once the buffered data is sent (the peer reads an EOF); reading goes on.
     *
     * @throws UnsupportedOperationException over TLS
     * @apiNote asyncio: {@code StreamWriter.write_eof()}.
     */
    void writeEof();

    /**
     * Whether {@link #writeEof()} is supported.
     *
     * @apiNote asyncio: {@code StreamWriter.can_write_eof()}.
     */
    boolean canWriteEof();

    /**
     * Upgrades the connection to TLS (STARTTLS): waits for the buffered data to drain, then runs
     * the handshake, as a server if this writer belongs to a connection of
     * {@link Net#startServer}, else as a client; reading and writing then go through TLS.
     *
     * @param serverHostname client side: the name the server's certificate must match (and SNI);
     *     {@code ""} turns both off; ignored on the server side
     * @throws javax.net.ssl.SSLHandshakeException if the handshake fails (the connection is closed)
     * @throws IOException the error the connection ended with
     * @apiNote asyncio: {@code StreamWriter.start_tls(sslcontext, server_hostname=...)} (3.11).
     */
    void startTls(javax.net.ssl.SSLContext context, String serverHostname) throws IOException;

    /**
     * Information about the connection, as {@link Transport#getExtraInfo(String)}.
     *
     * @apiNote asyncio: {@code StreamWriter.get_extra_info(name)}.
     */
    Object getExtraInfo(String name);

    /**
     * The transport under this writer.
     *
     * @apiNote asyncio: {@code StreamWriter.transport}.
     */
    Transport transport();
}
