package dev.jasyncio.process;

import dev.jasyncio.Async;
import dev.jasyncio.AsyncCloseable;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.net.StreamReader;
import dev.jasyncio.net.StreamWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A child process started by {@link Subprocesses#createSubprocessExec} or
 * {@link Subprocesses#createSubprocessShell}, with its piped standard streams as Jasyncio streams.
 *
 * {@snippet :
 * Subprocess p = Subprocesses.createSubprocessExec(List.of("sort"), SubprocessOptions.defaults()
 *     .stdin(Stdio.PIPE).stdout(Stdio.PIPE));
 * ProcessOutput out = p.communicate("b\na\n".getBytes(StandardCharsets.UTF_8));
 * // out.stdout() is "a\nb\n", p.returncode() is 0
 * }
 *
 * <p>Closing it (try-with-resources) kills the process if it still runs, closes its pipes and
 * waits for it to exit.
 *
 * <p>Loop thread only; the methods that wait suspend the current task.
 *
 * @apiNote asyncio: {@code asyncio.subprocess.Process}. Named {@code Subprocess} to keep clear of
 *     {@link java.lang.Process}; {@code wait()} is {@link #waitFor()}, as {@code Object.wait} is taken.
 */
public final class Subprocess implements AsyncCloseable {
    private final ProcessTransport transport;
    private final ProcessStreams streams;

    Subprocess(ProcessTransport transport, ProcessStreams streams) {
        this.transport = transport;
        this.streams = streams;
    }

    /**
     * The process id.
     *
     * @apiNote asyncio: {@code Process.pid}.
     */
    public long pid() {
        return transport.getPid();
    }

    /**
     * How the process ended: its exit status, or {@code -n} if this object's own signal {@code n}
     * killed it (see {@link SubprocessTransport}); null while it runs. It is set when the loop
     * learns of the exit, not by polling.
     *
     * @apiNote asyncio: {@code Process.returncode}. Java reports death by signal {@code n} as
     *     the status {@code 128 + n}, which a child that catches our signal and exits with
     *     {@code 128 + n} itself (a JVM on SIGINT exits with 130) also gives: after we sent
     *     signal {@code n}, both read as {@code -n}, where asyncio would tell them apart.
     */
    public Integer returncode() {
        return transport.getReturncode();
    }

    /**
     * The process's stdin, or null unless it was {@link Stdio#PIPE}.
     *
     * @apiNote asyncio: {@code Process.stdin}.
     */
    public StreamWriter stdin() {
        return streams.stdin();
    }

    /**
     * The process's stdout, or null unless it was {@link Stdio#PIPE}.
     *
     * @apiNote asyncio: {@code Process.stdout}.
     */
    public StreamReader stdout() {
        return streams.stdout();
    }

    /**
     * The process's stderr, or null unless it was {@link Stdio#PIPE}.
     *
     * @apiNote asyncio: {@code Process.stderr}.
     */
    public StreamReader stderr() {
        return streams.stderr();
    }

    /**
     * Suspends the current task until the process has exited, and returns its return code.
     * Cancelling the wait leaves the process running; it can be awaited again.
     *
     * <p>A process that writes more to a pipe than its reader buffers (twice the limit) blocks
     * until that pipe is read; it then never exits while nobody reads. Use {@link #communicate}
     * to read everything and wait.
     *
     * @apiNote asyncio: {@code Process.wait()}. asyncio's wait returns once the pipes are closed
     *     too; this one returns at the exit.
     */
    public int waitFor() {
        return transport.waitForExit();
    }

    /**
     * Writes {@code input} (if not null) to stdin and closes it, reads stdout and stderr (those
     * that are pipes) to the end, all three at once, then waits for the process to exit. So a
     * child that writes megabytes to both outputs before it reads its input cannot deadlock.
     * If the child stops reading its input early (it exited or closed stdin), the rest of the
     * input is dropped without error.
     *
     * @param input the bytes for stdin, or null to leave stdin alone
     * @return what stdout and stderr held, each null unless it was a pipe
     * @throws IllegalStateException if {@code input} is given but stdin is not {@link Stdio#PIPE}
     * @throws IOException if reading a pipe fails
     * @apiNote asyncio: {@code Process.communicate(input=None)}.
     */
    public ProcessOutput communicate(byte[] input) throws IOException {
        StreamWriter in = streams.stdin();
        if (input != null && in == null) {
            throw new IllegalStateException("communicate(input) needs stdin=Stdio.PIPE, this process's stdin is not a pipe");
        }
        EventLoop loop = Async.getRunningLoop();
        List<Future<?>> parts = new ArrayList<>(3);
        if (input != null) {
            parts.add(loop.createTask(() -> feedStdin(in, input), "communicate-stdin-" + pid()));
        }
        Future<byte[]> out = streams.stdout() != null ? readToEnd(loop, 1) : null;
        Future<byte[]> err = streams.stderr() != null ? readToEnd(loop, 2) : null;
        if (out != null) {
            parts.add(out);
        }
        if (err != null) {
            parts.add(err);
        }
        try {
            Async.await(Async.gather(parts));
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        waitFor();
        return new ProcessOutput(out != null ? out.result() : null, err != null ? err.result() : null);
    }

    /**
     * {@link #communicate(byte[])} with no input: reads the outputs to the end and waits.
     *
     * @apiNote asyncio: {@code Process.communicate()}.
     */
    public ProcessOutput communicate() throws IOException {
        return communicate(null);
    }

    private static Void feedStdin(StreamWriter in, byte[] input) {
        try {
            if (input.length > 0) {
                in.write(input);
                in.drain();
            }
        } catch (IOException brokenPipe) {
            // The child stopped reading its input (asyncio ignores BrokenPipeError and ConnectionResetError here).
        }
        in.close();
        return null;
    }

    private Future<byte[]> readToEnd(EventLoop loop, int fd) {
        StreamReader reader = fd == 1 ? streams.stdout() : streams.stderr();
        return loop.createTask(() -> {
            byte[] all;
            try {
                all = reader.read();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            transport.getPipeTransport(fd).close();
            return all;
        }, "communicate-" + (fd == 1 ? "stdout-" : "stderr-") + pid());
    }

    /**
     * Sends signal {@code signal} to the process; nothing once it has exited. SIGTERM and SIGKILL
     * go through the JDK; any other number runs {@code kill -<n> <pid>} (Linux, macOS), briefly
     * blocking the loop thread.
     *
     * @throws IllegalArgumentException if {@code signal} is not a signal number of this system
     * @throws UnsupportedOperationException for another signal where there is no {@code kill} command
     * @throws IllegalStateException if the process was closed before its exit was known
     * @apiNote asyncio: {@code Process.send_signal(signal)}; see {@link Signals#number(String)}
     *     for the numbers.
     */
    public void sendSignal(int signal) {
        transport.sendSignal(signal);
    }

    /**
     * Asks the process to stop (SIGTERM on Unix); nothing once it has exited.
     *
     * @apiNote asyncio: {@code Process.terminate()}.
     */
    public void terminate() {
        transport.terminate();
    }

    /**
     * Kills the process (SIGKILL on Unix); nothing once it has exited.
     *
     * @apiNote asyncio: {@code Process.kill()}.
     */
    public void kill() {
        transport.kill();
    }

    /**
     * Kills the process if it still runs, closes its pipes, and suspends the current task until
     * it has exited. Idempotent.
     *
     * @apiNote asyncio: no counterpart ({@code Process} is no context manager); it does what
     *     closing the subprocess transport does, then {@code await proc.wait()}.
     */
    @Override
    public void close() {
        transport.close();
        transport.waitForExit();
    }

    @Override
    public String toString() {
        return "Subprocess[pid " + pid() + (returncode() != null ? ", returncode " + returncode() : ", running") + "]";
    }
}
