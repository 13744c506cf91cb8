package dev.jasyncio.net;

/**
 * The callbacks a transport makes to the code that uses it. The transport calls them on the loop
 * thread, one at a time, never inside a call the protocol is making to the transport (except
 * {@link #pauseWriting()}, which {@link Transport#write} may call), in this order:
 * {@link #connectionMade} once, then the data callbacks of the subtype, then
 * {@link #connectionLost} once. An exception thrown by a callback goes to the loop's exception
 * handler and aborts the connection.
 *
 * <p>Every method has an empty default, so a protocol implements only what it needs.
 *
 * @apiNote asyncio: {@code asyncio.BaseProtocol}.
 */
public interface BaseProtocol {

    /**
     * The connection is up (after the TLS handshake when there is one); {@code transport} is how
     * to write, pause reading and close.
     *
     * @apiNote asyncio: {@code BaseProtocol.connection_made(transport)}.
     */
    default void connectionMade(Transport transport) {
    }

    /**
     * The connection is gone; called exactly once after {@link #connectionMade}, and only then.
     *
     * @param error the error that ended it (a reset, a failed write…), or null when it ended
     *     normally: closed by either side, or aborted
     * @apiNote asyncio: {@code BaseProtocol.connection_lost(exc)}.
     */
    default void connectionLost(Throwable error) {
    }

    /**
     * The transport's write buffer grew above its high-water mark: stop writing until
     * {@link #resumeWriting()}. Writes still succeed meanwhile; they only pile up in memory.
     *
     * @apiNote asyncio: {@code BaseProtocol.pause_writing()}.
     */
    default void pauseWriting() {
    }

    /**
     * The transport's write buffer drained to its low-water mark or below after a
     * {@link #pauseWriting()}.
     *
     * @apiNote asyncio: {@code BaseProtocol.resume_writing()}.
     */
    default void resumeWriting() {
    }
}
