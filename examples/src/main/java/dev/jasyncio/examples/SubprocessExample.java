package dev.jasyncio.examples;

import dev.jasyncio.Async;
import dev.jasyncio.process.ProcessOutput;
import dev.jasyncio.process.Signals;
import dev.jasyncio.process.Stdio;
import dev.jasyncio.process.Subprocess;
import dev.jasyncio.process.SubprocessOptions;
import dev.jasyncio.process.Subprocesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Subprocesses on the loop (Linux, macOS): {@code ls} piped into {@code sort -r} by a task, line by
 * line with {@code drain}; a shell pipeline through {@code communicate}; a child stopped with
 * {@code terminate} while a ticker task keeps running.
 */
public final class SubprocessExample {
    private SubprocessExample() {}

    /** Entry point. */
    public static void main(String[] args) {
        Async.run(() -> {
            lsIntoSort();
            shellPipeline();
            terminateWhileOthersRun();
            return null;
        });
    }

    /** The lines of {@code ls /} go, one by one, into {@code sort -r}; then its output is read. */
    private static void lsIntoSort() throws IOException {
        Subprocess ls = Subprocesses.createSubprocessExec(List.of("ls", "/"), SubprocessOptions.defaults().stdout(Stdio.PIPE));
        Subprocess sort = Subprocesses.createSubprocessExec(List.of("sort", "-r"),
            SubprocessOptions.defaults().stdin(Stdio.PIPE).stdout(Stdio.PIPE));
        for (byte[] line : ls.stdout()) {
            sort.stdin().write(line);
            sort.stdin().drain();               // waits here if sort reads slower than ls writes
        }
        sort.stdin().close();                   // sort sees the end of its input and sorts
        ProcessOutput sorted = sort.communicate();
        System.out.printf("ls / | sort -r (ls %d, sort %d):%n%s", ls.waitFor(), sort.returncode(),
            new String(sorted.stdout(), StandardCharsets.UTF_8));
    }

    /** A shell command with input, both outputs read at once, and its exit status. */
    private static void shellPipeline() throws IOException {
        Subprocess p = Subprocesses.createSubprocessShell("tr a-z A-Z; echo 'a warning' >&2; exit 3",
            SubprocessOptions.pipes());
        ProcessOutput out = p.communicate("hello from a task\n".getBytes(StandardCharsets.UTF_8));
        System.out.printf("stdout %s", new String(out.stdout(), StandardCharsets.UTF_8));
        System.out.printf("stderr %s", new String(out.stderr(), StandardCharsets.UTF_8));
        System.out.printf("returncode %d%n", p.returncode());
    }

    /** A long child is terminated while another task ticks: the loop never blocks on the child. */
    private static void terminateWhileOthersRun() throws IOException {
        var ticker = Async.createTask(() -> {
            for (int i = 1; i <= 3; i++) {
                Async.sleep(Duration.ofMillis(20));
                System.out.println("tick " + i);
            }
            return null;
        });
        Subprocess sleeper = Subprocesses.createSubprocessExec("sleep", "60");
        Async.await(ticker);
        sleeper.terminate();
        System.out.printf("sleep 60 ended with %d (-%d: our SIGTERM)%n", sleeper.waitFor(), Signals.SIGTERM);
    }
}
