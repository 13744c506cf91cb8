package dev.jasyncio.conformance.process;

import static dev.jasyncio.conformance.process.ProcessTesting.ascii;
import static dev.jasyncio.conformance.process.ProcessTesting.assumeUnix;
import static dev.jasyncio.conformance.process.ProcessTesting.run;
import static dev.jasyncio.conformance.process.ProcessTesting.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.net.LimitOverrunException;
import dev.jasyncio.net.StreamWriter;
import dev.jasyncio.process.ProcessOutput;
import dev.jasyncio.process.Stdio;
import dev.jasyncio.process.Subprocess;
import dev.jasyncio.process.SubprocessOptions;
import dev.jasyncio.process.Subprocesses;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stream API of subprocesses: pipes as StreamReader/StreamWriter, communicate, redirections. */
@Conformance
class SubprocessStreamsTest {

    @BeforeEach
    void unixOnly() {
        assumeUnix();
    }

    /** Lines written to cat's stdin come back one by one on its stdout; closing stdin ends it with status 0. */
    @Test
    void linesEchoThroughCat(EventLoop loop) {
        run(loop, () -> {
            Subprocess cat = Subprocesses.createSubprocessExec(List.of("cat"),
                SubprocessOptions.defaults().stdin(Stdio.PIPE).stdout(Stdio.PIPE));
            assertNull(cat.stderr(), "stderr is inherited, not a pipe");
            assertNull(cat.returncode(), "running");
            for (int i = 0; i < 100; i++) {
                cat.stdin().write(ascii("line " + i + "\n"));
                cat.stdin().drain();
                assertEquals("line " + i + "\n", text(cat.stdout().readline()));
            }
            cat.stdin().close();
            assertEquals(0, cat.stdout().read().length);
            assertTrue(cat.stdout().atEof());
            assertEquals(0, cat.waitFor());
            assertEquals(0, cat.returncode());
            assertTrue(cat.pid() > 0);
            return null;
        });
    }

    /**
     * communicate writes stdin and reads both outputs at once: a child that writes 3 MiB to stdout
     * and to stderr before it reads 1 MiB of input does not deadlock, and every byte arrives.
     */
    @Test
    void communicateMovesMegabytesBothWaysWithoutDeadlock(EventLoop loop) {
        int mib = 1024 * 1024;
        byte[] input = new byte[mib];
        Arrays.fill(input, (byte) 'i');
        ProcessOutput out = run(loop, () -> {
            Subprocess p = Subprocesses.createSubprocessShell(
                "yes o | head -c " + 3 * mib + "; yes e | head -c " + 3 * mib + " >&2; cat", SubprocessOptions.pipes());
            ProcessOutput o = p.communicate(input);
            assertEquals(0, p.returncode());
            return o;
        });
        assertEquals(4 * mib, out.stdout().length);
        assertEquals(3 * mib, out.stderr().length);
        for (int i = 0; i < 3 * mib; i += 2) {
            if (out.stdout()[i] != 'o' || out.stderr()[i] != 'e') {
                throw new AssertionError("unexpected byte at " + i);
            }
        }
        assertArrayEquals(input, Arrays.copyOfRange(out.stdout(), 3 * mib, 4 * mib));
    }

    /** Input to a process that exits without reading it is dropped: communicate neither fails nor hangs. */
    @Test
    void inputToAProcessThatExitsEarlyIsDropped(EventLoop loop) {
        byte[] input = new byte[4 * 1024 * 1024];
        run(loop, () -> {
            Subprocess p = Subprocesses.createSubprocessShell("head -c 10 >/dev/null; echo done", SubprocessOptions.pipes());
            ProcessOutput o = p.communicate(input);
            assertEquals("done\n", text(o.stdout()));
            assertEquals(0, o.stderr().length);
            assertEquals(0, p.returncode());
            return null;
        });
    }

    /**
     * A reader that does not read holds the child back: with a 1 KiB limit, a child writing 10 MiB
     * cannot finish while nobody reads (the reader pauses the pipe, the pipe thread stops reading,
     * the pipe fills); once read, every byte arrives.
     */
    @Test
    void anUnreadStdoutHoldsTheChildBack(EventLoop loop) {
        int size = 10 * 1024 * 1024;
        run(loop, () -> {
            Subprocess p = Subprocesses.createSubprocessExec(List.of("head", "-c", Integer.toString(size), "/dev/zero"),
                SubprocessOptions.defaults().stdout(Stdio.PIPE).limit(1024));
            for (int i = 0; i < 20; i++) {
                Async.sleep(Duration.ofMillis(10));
            }
            assertNull(p.returncode(), "the child finished writing 10 MiB that nobody read");
            assertEquals(size, p.stdout().read().length);
            assertEquals(0, p.waitFor());
            return null;
        });
    }

    /** A child that closed its stdin: drain reports the broken pipe as an IOException; the stdin writer is then closing. */
    @Test
    void drainReportsABrokenStdin(EventLoop loop) {
        run(loop, () -> {
            Subprocess p = Subprocesses.createSubprocessShell("exec 0<&-; echo closed; exec sleep 30",
                SubprocessOptions.defaults().stdin(Stdio.PIPE).stdout(Stdio.PIPE));
            assertEquals("closed\n", text(p.stdout().readline()));
            p.stdin().write(new byte[1024 * 1024]);
            IOException broken = assertThrows(IOException.class, () -> p.stdin().drain());
            assertTrue(p.stdin().isClosing(), "after " + broken);
            p.kill();
            assertEquals(-9, p.waitFor());
            return null;
        });
    }

    /** drain waits while the stdin pipe holds more than its high-water mark: the write buffer stays bounded. */
    @Test
    void drainHoldsTheWriterBackAboveTheHighWaterMark(EventLoop loop) {
        run(loop, () -> {
            Subprocess p = Subprocesses.createSubprocessExec(List.of("cat"),
                SubprocessOptions.defaults().stdin(Stdio.PIPE).stdout(Stdio.DEVNULL));
            StreamWriter in = p.stdin();
            byte[] chunk = new byte[256 * 1024];
            for (int i = 0; i < 32; i++) {
                in.write(chunk);
                in.drain();
                long buffered = in.transport().getWriteBufferSize();
                assertTrue(buffered <= in.transport().getWriteBufferLimits().high(),
                    "after drain: " + buffered + " bytes buffered");
            }
            in.close();
            in.waitClosed();
            assertEquals(0, p.waitFor());
            return null;
        });
    }

    /** A shell command goes through /bin/sh (expansions, pipes); exec passes its arguments untouched. */
    @Test
    void shellInterpretsTheCommandExecDoesNot(EventLoop loop) {
        run(loop, () -> {
            SubprocessOptions pipeOut = SubprocessOptions.defaults().stdout(Stdio.PIPE);
            Subprocess shell = Subprocesses.createSubprocessShell("echo $((1 + 2)) | tr 3 x", pipeOut);
            assertEquals("x\n", text(shell.communicate().stdout()));
            Subprocess exec = Subprocesses.createSubprocessExec(List.of("echo", "$((1 + 2))", "|", "tr"), pipeOut);
            assertEquals("$((1 + 2)) | tr\n", text(exec.communicate().stdout()));
            assertEquals(0, shell.returncode());
            assertEquals(0, exec.returncode());
            return null;
        });
    }

    /** Inherited and discarded streams give no Jasyncio stream; a DEVNULL stdin reads an immediate end of file. */
    @Test
    void inheritedAndDiscardedStreamsHaveNoPipe(EventLoop loop) {
        run(loop, () -> {
            Subprocess quiet = Subprocesses.createSubprocessShell("echo lost; echo lost too >&2",
                SubprocessOptions.defaults().stdout(Stdio.DEVNULL).stderr(Stdio.DEVNULL));
            assertNull(quiet.stdin());
            assertNull(quiet.stdout());
            assertNull(quiet.stderr());
            ProcessOutput none = quiet.communicate();
            assertNull(none.stdout());
            assertNull(none.stderr());
            assertEquals(0, quiet.returncode());

            Subprocess cat = Subprocesses.createSubprocessExec(List.of("cat"),
                SubprocessOptions.defaults().stdin(Stdio.DEVNULL).stdout(Stdio.PIPE));
            assertNull(cat.stdin());
            assertEquals(0, cat.communicate().stdout().length);
            assertEquals(0, cat.returncode());

            Subprocess inherited = Subprocesses.createSubprocessShell("exit 0");
            assertNull(inherited.stdin());
            assertNull(inherited.stdout());
            assertEquals(0, inherited.waitFor());
            return null;
        });
    }

    /** stderr = STDOUT: both outputs arrive, in order, through the one stdout reader. */
    @Test
    void stderrMergesIntoStdout(EventLoop loop) {
        run(loop, () -> {
            Subprocess p = Subprocesses.createSubprocessShell("echo out; echo err >&2; echo out again",
                SubprocessOptions.defaults().stdout(Stdio.PIPE).stderr(Stdio.STDOUT));
            assertNull(p.stderr());
            ProcessOutput o = p.communicate();
            assertEquals("out\nerr\nout again\n", text(o.stdout()));
            assertNull(o.stderr());
            return null;
        });
    }

    /** Iterating stdout yields its lines, the last one without its missing newline. */
    @Test
    void stdoutIteratesByLines(EventLoop loop) {
        List<String> lines = run(loop, () -> {
            Subprocess p = Subprocesses.createSubprocessShell("printf 'a\\nbb\\nccc'",
                SubprocessOptions.defaults().stdout(Stdio.PIPE));
            List<String> got = new ArrayList<>();
            for (byte[] line : p.stdout()) {
                got.add(text(line));
            }
            assertEquals(0, p.waitFor());
            return got;
        });
        assertEquals(List.of("a\n", "bb\n", "ccc"), lines);
    }

    /** The working directory and the environment given replace the JVM's. */
    @Test
    void cwdAndEnvironmentApply(EventLoop loop) {
        String out = run(loop, () -> {
            Subprocess p = Subprocesses.createSubprocessShell("pwd; echo \"[$GREETING][$HOME]\"", SubprocessOptions.defaults()
                .stdout(Stdio.PIPE).cwd(Path.of("/")).environment(Map.of("GREETING", "hi")));
            return text(p.communicate().stdout());
        });
        assertEquals("/\n[hi][]\n", out);
    }

    /** A small limit bounds readline: a longer line is a LimitOverrunException, as on a socket. */
    @Test
    void theLimitAppliesToTheReaders(EventLoop loop) {
        run(loop, () -> {
            Subprocess p = Subprocesses.createSubprocessShell("printf '0123456789abcdef\\nok\\n'",
                SubprocessOptions.defaults().stdout(Stdio.PIPE).limit(8));
            assertEquals(8, p.stdout().limit());
            assertThrows(LimitOverrunException.class, () -> p.stdout().readline());
            assertEquals("ok\n", text(p.stdout().readline()));
            assertEquals(0, p.waitFor());
            return null;
        });
    }
}
