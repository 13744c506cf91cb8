package dev.jasyncio.net;

/**
 * What a stream server does with each connection: runs as a task of its own, with the
 * connection's reader and writer. An exception it throws goes to the loop's exception handler
 * and closes the connection.
 *
 * @apiNote asyncio: the {@code client_connected_cb} of {@code asyncio.start_server()}, which
 *     asyncio runs as a task when it is a coroutine function; here it always is one.
 */
@FunctionalInterface
public interface ClientConnected {
    /** Serves one connection; may await. */
    void handle(StreamReader reader, StreamWriter writer) throws Exception;
}
