package dev.jasyncio.net;

import java.nio.ByteBuffer;

/**
 * A stream protocol that supplies the buffers the transport reads into, so that receiving costs
 * no allocation: the transport asks for a buffer, copies what arrived into it from its own
 * (pooled) read buffer, and says how many bytes it wrote.
 *
 * <p>If a class implements both this and {@link Protocol}, the transport uses this interface.
 *
 * @apiNote asyncio: {@code asyncio.BufferedProtocol}.
 */
public interface BufferedProtocol extends BaseProtocol {

    /**
     * A buffer to receive into, with at least one byte remaining between its position and its
     * limit. {@code sizeHint} is how many bytes wait to be delivered (a hint: a smaller buffer
     * is filled, then asked for again).
     *
     * @apiNote asyncio: {@code BufferedProtocol.get_buffer(sizehint)}.
     */
    ByteBuffer getBuffer(int sizeHint);

    /**
     * {@code bytes} bytes were written into the buffer returned by the last {@link #getBuffer},
     * at its position, which has advanced by {@code bytes} (as a channel read does).
     *
     * @apiNote asyncio: {@code BufferedProtocol.buffer_updated(nbytes)}.
     */
    void bufferUpdated(int bytes);

    /**
     * The peer closed its write side. Return true to keep this side open for writing; false,
     * the default, closes the transport. Over TLS the transport closes whatever is returned.
     *
     * @apiNote asyncio: {@code BufferedProtocol.eof_received()}.
     */
    default boolean eofReceived() {
        return false;
    }
}
