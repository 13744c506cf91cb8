package dev.jasyncio.net;

import dev.jasyncio.AsyncCloseable;
import dev.jasyncio.EventLoop;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Listening sockets that accept connections and give each one a protocol from the server's
 * factory. Made by {@link Net#createServer} and {@link Net#startServer}.
 *
 * <p>Closing a server stops it listening; the connections it accepted live on until they end or
 * {@link #closeClients()} / {@link #abortClients()} end them. {@link #waitClosed()} returns once
 * the server is closed and every one of them has ended.
 *
 * {@snippet :
 * Server server = Net.startServer((reader, writer) -> {
 *     writer.write(reader.readline());
 *     writer.close();
 * }, "127.0.0.1", 8888);
 * server.serveForever();   // until the task is cancelled: then closes and waits
 * }
 *
 * <p>Loop thread only; methods that wait suspend the current task.
 *
 * @apiNote asyncio: {@code asyncio.Server}. try-with-resources calls {@link #close()}, which only
 *     stops listening, where {@code async with server} also awaits {@code wait_closed()} (which
 *     waits for every client to leave): call {@link #waitClosed()} in the block when that is
 *     what you want.
 */
public interface Server extends AsyncCloseable {

    /**
     * Stops listening; the accepted connections stay open. Idempotent, never waits.
     *
     * @apiNote asyncio: {@code Server.close()}.
     */
    @Override
    void close();

    /**
     * Closes every accepted connection that is still open, after its buffered data is sent.
     *
     * @apiNote asyncio: {@code Server.close_clients()} (3.13).
     */
    void closeClients();

    /**
     * Aborts every accepted connection that is still open, dropping its buffered data.
     *
     * @apiNote asyncio: {@code Server.abort_clients()} (3.13).
     */
    void abortClients();

    /**
     * Suspends the current task until the server is closed and every connection it accepted has
     * ended. Returns at once if that is already so.
     *
     * @throws IllegalStateException outside a task
     * @apiNote asyncio: {@code Server.wait_closed()} (3.12.1 semantics).
     */
    void waitClosed();

    /**
     * Starts accepting (if not yet) and suspends the current task until it is cancelled; then
     * closes the server, waits for {@link #waitClosed()}, and rethrows the cancellation.
     *
     * @throws IllegalStateException if the server is closed or another task already serves it forever
     * @apiNote asyncio: {@code Server.serve_forever()}.
     */
    void serveForever();

    /**
     * Starts accepting connections, for a server made with
     * {@link ServerOptions#startServing(boolean) startServing(false)}. Idempotent.
     *
     * @apiNote asyncio: {@code Server.start_serving()}, which also awaits one loop iteration; this
     *     does not need to.
     */
    void startServing();

    /**
     * Whether the server accepts connections: started and not closed.
     *
     * @apiNote asyncio: {@code Server.is_serving()}.
     */
    boolean isServing();

    /**
     * The addresses the server listens on (with the ports the system chose for port 0); empty
     * once closed.
     *
     * @apiNote asyncio: {@code Server.sockets}, which holds socket objects.
     */
    List<InetSocketAddress> sockets();

    /**
     * The loop the server belongs to.
     *
     * @apiNote asyncio: {@code Server.get_loop()}.
     */
    EventLoop getLoop();
}
