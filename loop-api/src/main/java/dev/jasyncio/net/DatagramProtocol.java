package dev.jasyncio.net;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The callbacks a {@link DatagramTransport} makes to the code that uses it, on the loop thread,
 * one at a time: {@link #connectionMade} once, then {@link #datagramReceived} and
 * {@link #errorReceived} in any order, then {@link #connectionLost} once.
 *
 * <p>An exception thrown by {@link #datagramReceived} or {@link #errorReceived} goes to the
 * loop's exception handler and the endpoint stays open (one bad datagram does not end it); one
 * thrown by {@link #connectionMade} closes the endpoint.
 *
 * <p>Every method has an empty default, so a protocol implements only what it needs.
 *
 * {@snippet :
 * final class Echo implements DatagramProtocol {
 *     private DatagramTransport transport;
 *     public void connectionMade(DatagramTransport t) { transport = t; }
 *     public void datagramReceived(byte[] data, InetSocketAddress from) { transport.sendto(data, from); }
 * }
 * }
 *
 * @apiNote asyncio: {@code asyncio.DatagramProtocol}. It is not a {@link BaseProtocol} here, because
 *     {@code connectionMade} receives a {@link DatagramTransport}, which is not a stream
 *     {@link Transport}; the other callbacks keep asyncio's names.
 */
public interface DatagramProtocol {

    /**
     * The endpoint is bound (and connected, when it has a remote address); {@code transport} is
     * how to send and close. Datagrams are delivered only after this returns.
     *
     * @apiNote asyncio: {@code BaseProtocol.connection_made(transport)}.
     */
    default void connectionMade(DatagramTransport transport) {
    }

    /**
     * A datagram arrived; {@code data} (empty for an empty datagram) belongs to the protocol
     * from now on.
     *
     * @param from the sender's address
     * @apiNote asyncio: {@code DatagramProtocol.datagram_received(data, addr)}.
     */
    default void datagramReceived(byte[] data, InetSocketAddress from) {
    }

    /**
     * A send or a receive failed; the endpoint stays open. On a connected endpoint, an ICMP
     * "port unreachable" from the peer arrives here as a {@link java.net.PortUnreachableException}.
     *
     * @apiNote asyncio: {@code DatagramProtocol.error_received(exc)}.
     */
    default void errorReceived(IOException error) {
    }

    /**
     * The endpoint is closed; called exactly once after {@link #connectionMade}, and only then.
     *
     * @param error the error that ended it, or null when it was closed or aborted
     * @apiNote asyncio: {@code BaseProtocol.connection_lost(exc)}.
     */
    default void connectionLost(Throwable error) {
    }

    /**
     * The transport's send buffer grew above its high-water mark: stop sending until
     * {@link #resumeWriting()}.
     *
     * @apiNote asyncio: {@code BaseProtocol.pause_writing()}.
     */
    default void pauseWriting() {
    }

    /**
     * The transport's send buffer drained to its low-water mark or below after a
     * {@link #pauseWriting()}.
     *
     * @apiNote asyncio: {@code BaseProtocol.resume_writing()}.
     */
    default void resumeWriting() {
    }
}
