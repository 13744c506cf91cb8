package dev.jasyncio.process;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Starts child processes on the running loop: with streams ({@link #createSubprocessExec},
 * {@link #createSubprocessShell}) or with a protocol ({@link #subprocessExec},
 * {@link #subprocessShell}).
 *
 * {@snippet :
 * Subprocess ls = Subprocesses.createSubprocessExec(List.of("ls", "-1"),
 *     SubprocessOptions.defaults().stdout(Stdio.PIPE));
 * for (byte[] line : ls.stdout()) {
 *     System.out.print(new String(line, StandardCharsets.UTF_8));
 * }
 * int status = ls.waitFor();
 * }
 *
 * <p>Works on every backend, with the JDK only: the process is a {@link java.lang.Process}; a
 * daemon thread per pipe moves the bytes and hands them to the loop, with flow control (a reader
 * that falls behind holds the child back, memory stays bounded); the exit comes from
 * {@link java.lang.Process#onExit()}.
 *
 * <p>Loop thread only: call these inside a task.
 *
 * @apiNote asyncio: {@code asyncio.create_subprocess_exec}, {@code asyncio.create_subprocess_shell},
 *     {@code loop.subprocess_exec} and {@code loop.subprocess_shell}, as static methods on the
 *     running loop. Starting the process (a fork/exec) runs on the loop thread, as in asyncio.
 */
public final class Subprocesses {
    private Subprocesses() {}

    /**
     * {@link #createSubprocessExec(List, SubprocessOptions)} of {@code program} with
     * {@code args}, every stream inherited.
     *
     * @apiNote asyncio: {@code asyncio.create_subprocess_exec(program, *args)}.
     */
    public static Subprocess createSubprocessExec(String program, String... args) throws IOException {
        List<String> command = new ArrayList<>(args.length + 1);
        command.add(Objects.requireNonNull(program, "program"));
        command.addAll(List.of(args));
        return createSubprocessExec(command, SubprocessOptions.defaults());
    }

    /**
     * Starts {@code command} (the program, then its arguments; the program is looked up on the
     * PATH) with {@code options}.
     *
     * @throws IOException if the process cannot be started (no such program…)
     * @throws IllegalArgumentException if {@code command} is empty
     * @throws IllegalStateException outside a running loop
     * @apiNote asyncio: {@code asyncio.create_subprocess_exec(program, *args, stdin=..., stdout=...,
     *     stderr=..., limit=..., cwd=..., env=...)}.
     */
    public static Subprocess createSubprocessExec(List<String> command, SubprocessOptions options) throws IOException {
        return startWithStreams(checked(command), options);
    }

    /**
     * Runs {@code command} through the shell ({@code /bin/sh -c}, or {@code cmd.exe /c} on
     * Windows), every stream inherited.
     *
     * @apiNote asyncio: {@code asyncio.create_subprocess_shell(cmd)}.
     */
    public static Subprocess createSubprocessShell(String command) throws IOException {
        return createSubprocessShell(command, SubprocessOptions.defaults());
    }

    /**
     * Runs {@code command} through the shell with {@code options}. The command is passed as is:
     * quote what comes from outside.
     *
     * @throws IOException if the shell cannot be started
     * @throws IllegalStateException outside a running loop
     * @apiNote asyncio: {@code asyncio.create_subprocess_shell(cmd, stdin=..., ...)}.
     */
    public static Subprocess createSubprocessShell(String command, SubprocessOptions options) throws IOException {
        return startWithStreams(shell(command), options);
    }

    /**
     * Starts {@code command} with a protocol of {@code protocolFactory}, whose
     * {@link SubprocessProtocol#connectionMade} has been called when this returns.
     *
     * @throws IOException if the process cannot be started
     * @throws IllegalArgumentException if {@code command} is empty
     * @throws IllegalStateException outside a running loop
     * @apiNote asyncio: {@code loop.subprocess_exec(protocol_factory, *args, stdin=..., ...)};
     *     the limit of {@code options} does not apply (there are no readers).
     */
    public static <P extends SubprocessProtocol> SubprocessConnection<P> subprocessExec(Supplier<P> protocolFactory,
            List<String> command, SubprocessOptions options) throws IOException {
        return startWithProtocol(protocolFactory, checked(command), options);
    }

    /**
     * Runs {@code command} through the shell with a protocol, as {@link #subprocessExec}.
     *
     * @apiNote asyncio: {@code loop.subprocess_shell(protocol_factory, cmd, stdin=..., ...)}.
     */
    public static <P extends SubprocessProtocol> SubprocessConnection<P> subprocessShell(Supplier<P> protocolFactory,
            String command, SubprocessOptions options) throws IOException {
        return startWithProtocol(protocolFactory, shell(command), options);
    }

    private static Subprocess startWithStreams(List<String> command, SubprocessOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        EventLoop loop = Async.getRunningLoop();
        ProcessStreams streams = new ProcessStreams(options.limit());
        ProcessTransport transport = ProcessTransport.start(loop, command, options, streams);
        return new Subprocess(transport, streams);
    }

    private static <P extends SubprocessProtocol> SubprocessConnection<P> startWithProtocol(Supplier<P> protocolFactory,
            List<String> command, SubprocessOptions options) throws IOException {
        Objects.requireNonNull(protocolFactory, "protocolFactory");
        Objects.requireNonNull(options, "options");
        EventLoop loop = Async.getRunningLoop();
        P protocol = Objects.requireNonNull(protocolFactory.get(), "the protocol factory returned null");
        ProcessTransport transport = ProcessTransport.start(loop, command, options, protocol);
        return new SubprocessConnection<>(transport, protocol);
    }

    private static List<String> checked(List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("the command is empty: give at least the program to run");
        }
        for (String part : command) {
            Objects.requireNonNull(part, "a command argument is null");
        }
        return List.copyOf(command);
    }

    private static List<String> shell(String command) {
        Objects.requireNonNull(command, "command");
        return System.getProperty("os.name").startsWith("Windows")
            ? List.of("cmd.exe", "/c", command)
            : List.of("/bin/sh", "-c", command);
    }
}
