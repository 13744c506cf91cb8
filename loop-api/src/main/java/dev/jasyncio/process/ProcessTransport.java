package dev.jasyncio.process;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.ExceptionContext;
import dev.jasyncio.Future;
import dev.jasyncio.net.Transport;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The {@link SubprocessTransport}: a {@link java.lang.Process}, up to three pipe transports, and
 * the exit as the JDK reports it ({@link java.lang.Process#onExit()}).
 */
final class ProcessTransport implements SubprocessTransport {
    /*
     * Overview (asyncio's BaseSubprocessTransport): the process starts on the loop thread, as
     * asyncio's Popen does (a fork/exec: short). connectionMade runs before any pipe thread
     * starts, so every pipe event follows it. Each pipe's end comes through its PipeProtocol
     * (pipeLost); the exit comes from the JDK's reaper through callSoonThreadsafe (exited).
     * Once both the exit and every pipe's end are in, connectionLost(null) follows on a later
     * iteration.
     *
     * waitFor waiters are woken at the exit, not at the pipes' end: a caller that never reads a
     * pipe still learns of the exit. The exit also closes the stdin pipe, whose thread would
     * otherwise wait for writes forever.
     *
     * Signals go through the ProcessHandle, never Process.destroy*, which would also close the
     * pipe streams from the loop thread: only the pipe threads close their streams.
     *
     * Invariants: (1) returncode is set once, in exited(); (2) connectionLost is scheduled once,
     * after processExited and after every pipeConnectionLost.
     *
     * Threading: loop thread only, but for the JDK's exit callback, which only posts.
     */

    private final EventLoop loop;
    private final java.lang.Process process;
    private final SubprocessProtocol protocol;
    /** By fd: PipeWriter at 0, PipeReader at 1 and 2; null where the stream is no pipe. */
    private final PipeTransport[] pipes = new PipeTransport[3];
    private int openPipes;
    private Integer returncode;
    /** Bit n: this transport sent signal n (for the return code of a death by signal). */
    private long signalsSent;
    private final ArrayDeque<Future<Integer>> exitWaiters = new ArrayDeque<>();
    private boolean closed;
    private boolean finished;

    private ProcessTransport(EventLoop loop, java.lang.Process process, SubprocessProtocol protocol) {
        this.loop = loop;
        this.process = process;
        this.protocol = protocol;
    }

    /**
     * Starts {@code command}, connects {@code protocol} and starts the pipe threads. Loop thread.
     *
     * @throws IOException if the process cannot be started (no such program, no permission…)
     */
    static ProcessTransport start(EventLoop loop, List<String> command, SubprocessOptions options, SubprocessProtocol protocol)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectInput(input(options.stdin()));
        builder.redirectOutput(output(options.stdout()));
        if (options.stderr() == Stdio.STDOUT) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(output(options.stderr()));
        }
        if (options.cwd() != null) {
            builder.directory(options.cwd().toFile());
        }
        if (options.environment() != null) {
            builder.environment().clear();
            builder.environment().putAll(options.environment());
        }
        java.lang.Process process = builder.start();
        ProcessTransport t = new ProcessTransport(loop, process, protocol);
        String name = "jasyncio-subprocess-" + process.pid() + "-";
        if (options.stdin() == Stdio.PIPE) {
            t.pipes[0] = new PipeWriter(loop, t, process.getOutputStream(), name + "stdin");
        }
        if (options.stdout() == Stdio.PIPE) {
            t.pipes[1] = new PipeReader(loop, 1, t, process.getInputStream(), name + "stdout");
        }
        if (options.stderr() == Stdio.PIPE) {
            t.pipes[2] = new PipeReader(loop, 2, t, process.getErrorStream(), name + "stderr");
        }
        try {
            protocol.connectionMade(t);
        } catch (RuntimeException | Error e) {
            // No pipe has started and the protocol never got going: no callbacks, just let go of
            // the child and its pipes (t.close() would report pipes lost that never ran).
            process.destroyForcibly();
            closeQuietly(process.getOutputStream());
            closeQuietly(process.getInputStream());
            closeQuietly(process.getErrorStream());
            throw e;
        }
        for (PipeTransport p : t.pipes) {
            if (p != null) {
                t.openPipes++;
                p.start();
            }
        }
        // On the JDK's exit thread, or on this one if the process has already exited.
        process.onExit().whenComplete((p, e) -> PipeTransport.post(loop, t::exited));
        return t;
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (java.io.IOException ignored) {
            // Giving up on the child anyway.
        }
    }

    private static Redirect input(Stdio where) {
        return switch (where) {
            case PIPE -> Redirect.PIPE;
            case INHERIT -> Redirect.INHERIT;
            case DEVNULL -> Redirect.from(new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null"));
            case STDOUT -> throw new IllegalArgumentException("stdin cannot be Stdio.STDOUT");
        };
    }

    private static Redirect output(Stdio where) {
        return switch (where) {
            case PIPE -> Redirect.PIPE;
            case INHERIT -> Redirect.INHERIT;
            case DEVNULL -> Redirect.DISCARD;
            case STDOUT -> throw new IllegalArgumentException("only stderr can be Stdio.STDOUT");
        };
    }

    SubprocessProtocol protocol() {
        return protocol;
    }

    /** The JDK saw the process exit. Loop thread. */
    private void exited() {
        returncode = returncodeOf(process.exitValue());
        // The JDK closes the child's stdin at its exit; so does the pipe transport now (asyncio's
        // sees the read end close): at once when nothing is queued, else by failing the write.
        PipeTransport stdin = pipes[0];
        if (stdin != null && !stdin.isClosing()) {
            stdin.close();
        }
        try {
            protocol.processExited();
        } catch (RuntimeException e) {
            report("Exception in processExited", e);
        }
        tryFinish();
        Future<Integer> w;
        while ((w = exitWaiters.poll()) != null) {
            if (!w.isDone()) {
                w.setResult(returncode);
            }
        }
    }

    /** asyncio's -n for a death by signal n, when this transport sent n (see the class comment of SubprocessTransport). */
    private int returncodeOf(int exitValue) {
        int signal = exitValue - 128;
        if (signal > 0 && signal < 64 && (signalsSent & (1L << signal)) != 0) {
            return -signal;
        }
        return exitValue;
    }

    /** The pipe of {@code fd} has closed. Loop thread. */
    void pipeLost(int fd, Throwable error) {
        openPipes--;
        try {
            protocol.pipeConnectionLost(fd, error);
        } catch (RuntimeException e) {
            report("Exception in pipeConnectionLost", e);
        }
        tryFinish();
    }

    private void tryFinish() {
        if (finished || returncode == null || openPipes > 0) {
            return;
        }
        finished = true;
        loop.callSoon(() -> {
            try {
                protocol.connectionLost(null);
            } catch (RuntimeException e) {
                report("Exception in connectionLost", e);
            }
        });
    }

    private void report(String message, Throwable e) {
        loop.callExceptionHandler(ExceptionContext.of(message, e).with("transport", this).with("protocol", protocol));
    }

    /** Suspends the current task until the process has exited, and returns its return code. */
    int waitForExit() {
        if (returncode != null) {
            return returncode;
        }
        Future<Integer> w = loop.createFuture();
        exitWaiters.add(w);
        try {
            return Async.await(w);
        } finally {
            exitWaiters.remove(w);
        }
    }

    @Override
    public long getPid() {
        return process.pid();
    }

    @Override
    public Integer getReturncode() {
        return returncode;
    }

    @Override
    public Transport getPipeTransport(int fd) {
        if (fd < 0 || fd > 2) {
            throw new IllegalArgumentException("fd must be 0 (stdin), 1 (stdout) or 2 (stderr), was " + fd);
        }
        return pipes[fd];
    }

    @Override
    public void sendSignal(int signal) {
        if (signal < 1 || signal > 63) {
            throw new IllegalArgumentException("not a signal number: " + signal);
        }
        if (returncode != null) {
            return;
        }
        checkOpen("sendSignal");
        if (!process.isAlive()) {
            return;
        }
        signalsSent |= 1L << signal;
        // Through the ProcessHandle, which only signals: Process.destroy() also closes the three
        // pipe streams, here on the loop thread. Closing stdin flushes under the stream's lock,
        // which the stdin thread holds while blocked writing to a child that does not read (the
        // loop would freeze), and closing stdout and stderr loses what the child writes after the
        // signal (a TERM trap's last words), which asyncio delivers.
        if (signal == Signals.SIGTERM) {
            process.toHandle().destroy();
        } else if (signal == Signals.SIGKILL) {
            process.toHandle().destroyForcibly();
        } else {
            KillCommand.send(process.toHandle(), signal);
        }
    }

    @Override
    public void terminate() {
        sendSignal(Signals.SIGTERM);
    }

    @Override
    public void kill() {
        sendSignal(Signals.SIGKILL);
    }

    private void checkOpen(String operation) {
        if (closed) {
            throw new IllegalStateException(operation + "(): the transport of process " + process.pid() + " is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        for (PipeTransport p : pipes) {
            if (p != null) {
                p.close();
            }
        }
        if (returncode == null && process.isAlive()) {
            signalsSent |= 1L << Signals.SIGKILL;
            process.toHandle().destroyForcibly(); // the pipe threads close the streams (see sendSignal)
        }
        closed = true;
    }

    @Override
    public boolean isClosing() {
        return closed;
    }

    @Override
    public SubprocessProtocol getProtocol() {
        return protocol;
    }

    @Override
    public String toString() {
        return "SubprocessTransport[pid " + process.pid() + (returncode != null ? ", returncode " + returncode : ", running")
            + (closed ? ", closed" : "") + "]";
    }
}
