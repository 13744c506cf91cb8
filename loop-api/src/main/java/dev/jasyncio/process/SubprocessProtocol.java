package dev.jasyncio.process;

/**
 * The callbacks a {@link SubprocessTransport} makes about its process. They run on the loop
 * thread, one at a time, in this order: {@link #connectionMade} once; then, as they happen,
 * {@link #pipeDataReceived} and {@link #pipeConnectionLost} for each pipe and
 * {@link #processExited} once; then {@link #connectionLost} once, after the process has exited
 * and every pipe is closed. An exception thrown by a callback goes to the loop's exception
 * handler.
 *
 * <p>Every method has an empty default, so a protocol implements only what it needs.
 *
 * @apiNote asyncio: {@code asyncio.SubprocessProtocol}. {@code connection_made} receives the
 *     {@link SubprocessTransport} (Jasyncio's {@link dev.jasyncio.net.BaseProtocol} is typed for a
 *     connection's {@link dev.jasyncio.net.Transport}, so this interface stands alone).
 */
public interface SubprocessProtocol {

    /**
     * The process has started; {@code transport} controls it and holds its pipes.
     *
     * @apiNote asyncio: {@code BaseProtocol.connection_made(transport)}.
     */
    default void connectionMade(SubprocessTransport transport) {
    }

    /**
     * The process wrote {@code data} (never empty, owned by the protocol from now on) to its
     * stdout ({@code fd} 1) or stderr ({@code fd} 2).
     *
     * @apiNote asyncio: {@code SubprocessProtocol.pipe_data_received(fd, data)}.
     */
    default void pipeDataReceived(int fd, byte[] data) {
    }

    /**
     * The pipe of {@code fd} (0 stdin, 1 stdout, 2 stderr) is closed: at the end of the stream,
     * because it was closed on this side, or on an error.
     *
     * @param error the error that closed it (for stdin, typically the
     *     {@link java.io.IOException} of a write to a process that no longer reads), or null
     * @apiNote asyncio: {@code SubprocessProtocol.pipe_connection_lost(fd, exc)}.
     */
    default void pipeConnectionLost(int fd, Throwable error) {
    }

    /**
     * The process has exited; {@link SubprocessTransport#getReturncode()} says how.
     *
     * @apiNote asyncio: {@code SubprocessProtocol.process_exited()}.
     */
    default void processExited() {
    }

    /**
     * The process has exited and all its pipes are closed; called once, last.
     *
     * @param error always null (a subprocess transport has no error of its own to report)
     * @apiNote asyncio: {@code BaseProtocol.connection_lost(exc)}.
     */
    default void connectionLost(Throwable error) {
    }

    /**
     * The stdin pipe's write buffer grew above its high-water mark: stop writing until
     * {@link #resumeWriting()}.
     *
     * @apiNote asyncio: {@code BaseProtocol.pause_writing()}.
     */
    default void pauseWriting() {
    }

    /**
     * The stdin pipe's write buffer drained to its low-water mark or below after a
     * {@link #pauseWriting()}.
     *
     * @apiNote asyncio: {@code BaseProtocol.resume_writing()}.
     */
    default void resumeWriting() {
    }
}
