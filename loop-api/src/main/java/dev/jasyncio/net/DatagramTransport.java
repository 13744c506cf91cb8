package dev.jasyncio.net;

import java.net.InetSocketAddress;

/**
 * A UDP endpoint, as its protocol and its owner see it: send datagrams without blocking, close.
 * Made by {@link Datagrams#createDatagramEndpoint}.
 *
 * <p><b>Sending</b> never blocks: {@link #sendto} copies the datagram and hands it to the socket.
 * What the socket has not taken yet counts in {@link #getWriteBufferSize()}; above the high-water
 * mark (64 KiB by default) the protocol gets {@link DatagramProtocol#pauseWriting()}, at the low
 * one or below (16 KiB) {@link DatagramProtocol#resumeWriting()}. A datagram that cannot be sent
 * is reported to {@link DatagramProtocol#errorReceived}, not thrown.
 *
 * <p>Loop thread only (or a task of the loop).
 *
 * @apiNote asyncio: {@code asyncio.DatagramTransport}. Sizes are {@code long} bytes.
 */
public interface DatagramTransport {

    /**
     * Sends {@code data} (copied) to the remote address the endpoint was connected to; an empty
     * array sends nothing.
     *
     * @throws IllegalArgumentException if the endpoint has no remote address
     * @throws IllegalStateException if the transport is closing or closed
     * @apiNote asyncio: {@code DatagramTransport.sendto(data)}. asyncio drops (and counts) a
     *     datagram sent on a closed connected endpoint and reports one sent on a closed
     *     unconnected endpoint to {@code error_received}; Jasyncio throws at once instead, since a
     *     send after close is a bug in the caller, and an error handed to the protocol later
     *     could not say which call made it.
     */
    void sendto(byte[] data);

    /**
     * Sends {@code data} (copied) to {@code to}; on a connected endpoint {@code to} must be null
     * or the remote address. An empty array sends nothing.
     *
     * @param to a resolved address, or null for the remote address of a connected endpoint
     * @throws IllegalArgumentException if {@code to} is unresolved, or not the remote address of a
     *     connected endpoint, or null on an endpoint that is not connected
     * @throws IllegalStateException if the transport is closing or closed
     * @apiNote asyncio: {@code DatagramTransport.sendto(data, addr)}; on a closed endpoint see
     *     {@link #sendto(byte[])}. Python 3.13 sends an empty
     *     datagram for empty data, earlier versions nothing, as here (Netty's datagram channels do
     *     not send empty datagrams).
     */
    void sendto(byte[] data, InetSocketAddress to);

    /**
     * Closes the endpoint once the buffered datagrams are sent; no more datagrams are delivered,
     * and {@link DatagramProtocol#connectionLost} follows with null. Idempotent.
     *
     * @apiNote asyncio: {@code BaseTransport.close()}.
     */
    void close();

    /**
     * Closes the endpoint at once, dropping the buffered datagrams; the protocol's
     * {@link DatagramProtocol#connectionLost} follows with null.
     *
     * @apiNote asyncio: {@code DatagramTransport.abort()}.
     */
    void abort();

    /**
     * Whether the transport is closing or closed.
     *
     * @apiNote asyncio: {@code BaseTransport.is_closing()}.
     */
    boolean isClosing();

    /**
     * Bytes of datagrams handed to the transport and not yet to the socket.
     *
     * @apiNote asyncio: {@code DatagramTransport.get_write_buffer_size()}.
     */
    long getWriteBufferSize();

    /**
     * Sets the water marks of the send buffer: {@link DatagramProtocol#pauseWriting()} above
     * {@code high} bytes, {@link DatagramProtocol#resumeWriting()} at or below {@code low}.
     *
     * @throws IllegalArgumentException unless {@code high >= low >= 0}
     * @apiNote asyncio: {@code set_write_buffer_limits(high, low)} of the selector transports.
     */
    void setWriteBufferLimits(long high, long low);

    /**
     * The current water marks.
     *
     * @apiNote asyncio: {@code get_write_buffer_limits()}, which returns {@code (low, high)}.
     */
    WriteBufferLimits getWriteBufferLimits();

    /**
     * Information about the endpoint: {@link Transport#SOCKNAME} (the bound
     * {@link InetSocketAddress}), {@link Transport#PEERNAME} (the remote address of a connected
     * endpoint); null for any other key or when there is none.
     *
     * @apiNote asyncio: {@code BaseTransport.get_extra_info(name)}.
     */
    Object getExtraInfo(String name);

    /**
     * {@link #getExtraInfo(String)}, or {@code defaultValue} when it is null.
     *
     * @apiNote asyncio: {@code BaseTransport.get_extra_info(name, default)}.
     */
    default Object getExtraInfo(String name, Object defaultValue) {
        Object value = getExtraInfo(name);
        return value != null ? value : defaultValue;
    }

    /**
     * The protocol that receives this transport's callbacks.
     *
     * @apiNote asyncio: {@code BaseTransport.get_protocol()}.
     */
    DatagramProtocol getProtocol();

    /**
     * Switches the callbacks to {@code protocol} (which gets no {@link DatagramProtocol#connectionMade}).
     *
     * @apiNote asyncio: {@code BaseTransport.set_protocol(protocol)}.
     */
    void setProtocol(DatagramProtocol protocol);
}
