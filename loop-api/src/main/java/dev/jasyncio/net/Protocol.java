package dev.jasyncio.net;

/**
 * A stream protocol that receives the bytes of the connection as arrays it owns.
 *
 * {@snippet :
 * final class Echo implements Protocol {
 *     private Transport transport;
 *     public void connectionMade(Transport t) { transport = t; }
 *     public void dataReceived(byte[] data) { transport.write(data); }
 * }
 * }
 *
 * @apiNote asyncio: {@code asyncio.Protocol}. Data comes as a {@code byte[]} that the protocol
 *     owns and may keep, as Python's {@code bytes}; for reads into a buffer of the protocol's own
 *     (no allocation per read) use {@link BufferedProtocol}.
 */
public interface Protocol extends BaseProtocol {

    /**
     * Bytes arrived; {@code data} is never empty and belongs to the protocol from now on.
     *
     * @apiNote asyncio: {@code Protocol.data_received(data)}.
     */
    default void dataReceived(byte[] data) {
    }

    /**
     * The peer closed its write side (it sends no more data). Return true to keep this side open
     * for writing (a half-closed connection: close the transport yourself later); false, the
     * default, closes the transport. Over TLS the transport closes whatever is returned.
     *
     * @apiNote asyncio: {@code Protocol.eof_received()}.
     */
    default boolean eofReceived() {
        return false;
    }
}
