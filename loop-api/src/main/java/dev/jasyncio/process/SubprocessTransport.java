package dev.jasyncio.process;

import dev.jasyncio.net.Transport;

/**
 * A running (or finished) subprocess and its pipes, as its {@link SubprocessProtocol} and its
 * owner see it.
 *
 * <p><b>Signals.</b> {@link #terminate()} and {@link #kill()} use the JDK
 * ({@link java.lang.Process#destroy()}: SIGTERM on Unix, {@link java.lang.Process#destroyForcibly()}:
 * SIGKILL); {@link #sendSignal(int)} does the same for those two numbers and, on Linux and macOS,
 * runs {@code kill -<n> <pid>} for any other (the JDK has no portable {@code kill(pid, sig)}).
 *
 * <p><b>Return code.</b> The exit status, or {@code -n} for a process ended by signal {@code n},
 * as asyncio gives. The JDK reports a death by signal as {@code 128 + n}, which a process may also
 * return on its own; so {@code 128 + n} becomes {@code -n} only when this transport itself sent
 * signal {@code n}. A process killed from elsewhere reports {@code 128 + n}, as a shell does.
 *
 * <p>Loop thread only.
 *
 * @apiNote asyncio: {@code asyncio.SubprocessTransport}.
 */
public interface SubprocessTransport {

    /**
     * The process id.
     *
     * @apiNote asyncio: {@code SubprocessTransport.get_pid()}.
     */
    long getPid();

    /**
     * How the process ended (see the class comment), or null while it runs.
     *
     * @apiNote asyncio: {@code SubprocessTransport.get_returncode()}.
     */
    Integer getReturncode();

    /**
     * The transport of the pipe on {@code fd} (0 stdin: write only; 1 stdout, 2 stderr: read
     * only, with {@link Transport#pauseReading()}), or null when that stream is not a pipe. The
     * operations of the other direction throw {@link UnsupportedOperationException}.
     *
     * @throws IllegalArgumentException unless {@code fd} is 0, 1 or 2
     * @apiNote asyncio: {@code SubprocessTransport.get_pipe_transport(fd)}.
     */
    Transport getPipeTransport(int fd);

    /**
     * Sends signal {@code signal} to the process (see the class comment); does nothing once the
     * process has exited.
     *
     * @throws IllegalStateException if the transport was closed before the exit was known
     * @throws IllegalArgumentException if {@code signal} is not a signal number of this system
     * @throws UnsupportedOperationException for a signal other than SIGTERM and SIGKILL where
     *     there is no {@code kill} command (Windows)
     * @apiNote asyncio: {@code SubprocessTransport.send_signal(signal)}; asyncio raises
     *     {@code ProcessLookupError} once the transport has finished, even after the exit; this
     *     does nothing after the exit, as {@code subprocess.Popen.send_signal} does.
     */
    void sendSignal(int signal);

    /**
     * Asks the process to stop: SIGTERM on Unix ({@link java.lang.Process#destroy()}); does
     * nothing once it has exited.
     *
     * @throws IllegalStateException if the transport was closed before the exit was known
     * @apiNote asyncio: {@code SubprocessTransport.terminate()}.
     */
    void terminate();

    /**
     * Kills the process: SIGKILL on Unix ({@link java.lang.Process#destroyForcibly()}); does
     * nothing once it has exited.
     *
     * @throws IllegalStateException if the transport was closed before the exit was known
     * @apiNote asyncio: {@code SubprocessTransport.kill()}.
     */
    void kill();

    /**
     * Closes the pipes and, if the process is still running, kills it. Idempotent.
     *
     * @apiNote asyncio: {@code BaseTransport.close()}.
     */
    void close();

    /**
     * Whether {@link #close()} was called.
     *
     * @apiNote asyncio: {@code BaseTransport.is_closing()}.
     */
    boolean isClosing();

    /**
     * The protocol that receives the callbacks.
     *
     * @apiNote asyncio: {@code BaseTransport.get_protocol()}.
     */
    SubprocessProtocol getProtocol();
}
