package dev.jasyncio.conformance.process;

import static dev.jasyncio.conformance.process.ProcessTesting.STEP;
import static dev.jasyncio.conformance.process.ProcessTesting.assumeUnix;
import static dev.jasyncio.conformance.process.ProcessTesting.run;
import static dev.jasyncio.conformance.process.ProcessTesting.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.process.ProcessOutput;
import dev.jasyncio.process.Signals;
import dev.jasyncio.process.Subprocess;
import dev.jasyncio.process.SubprocessOptions;
import dev.jasyncio.process.Subprocesses;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C in {@code Async.run}, in a child JVM ({@link CtrlCMain}) on the loop under test: the
 * first SIGINT cancels the main task, the second ends the JVM the JVM's way.
 */
@Conformance
class CtrlCTest {

    @BeforeEach
    void unixOnly() {
        assumeUnix();
    }

    /** Starts CtrlCMain in {@code mode} on the backend and engine of {@code loop}, and waits for its "ready". */
    private static Subprocess startChild(EventLoop loop, String mode) throws java.io.IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Subprocess child = Subprocesses.createSubprocessExec(List.of(java,
            "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
            "-Djasyncio.loop=" + loop.providerName(), "-Djasyncio.engine=" + loop.engineName(),
            "-cp", System.getProperty("java.class.path"), CtrlCMain.class.getName(), mode), SubprocessOptions.pipes());
        String first = text(Async.waitFor(() -> child.stdout().readline(), Duration.ofSeconds(20)));
        assertEquals("ready\n", first, "the child's first line");
        return child;
    }

    /**
     * One SIGINT: the main task sees CancelledError, cleans up (awaiting), ends cancelled; Async.run
     * throws KeyboardInterrupt, which, uncaught, ends the JVM with status 1; shutdown hooks run.
     */
    @Test
    void firstSigintCancelsTheMainTask(EventLoop loop) {
        run(loop, () -> {
            Subprocess child = startChild(loop, "clean");
            child.sendSignal(Signals.SIGINT);
            ProcessOutput out = Async.waitFor(() -> child.communicate(), STEP);
            String stdout = text(out.stdout());
            String stderr = text(out.stderr());
            assertEquals("main cancelled\ncleaned up\nshutdown hook ran\n", stdout, "stderr: " + stderr);
            assertTrue(stderr.contains("dev.jasyncio.KeyboardInterrupt"), stderr);
            assertEquals(1, child.returncode(), "an uncaught KeyboardInterrupt; stderr: " + stderr);
            return null;
        });
    }

    /**
     * A main task that ignores the cancellation: a second SIGINT gets the JVM's own treatment
     * (shutdown hooks, exit status 130, which the transport reports as -2: death by our SIGINT).
     */
    @Test
    void secondSigintEndsTheJvm(EventLoop loop) {
        run(loop, () -> {
            Subprocess child = startChild(loop, "stubborn");
            child.sendSignal(Signals.SIGINT);
            assertEquals("main cancelled\n", text(Async.waitFor(() -> child.stdout().readline(), STEP)));
            child.sendSignal(Signals.SIGINT);
            ProcessOutput out = Async.waitFor(() -> child.communicate(), STEP);
            String stdout = text(out.stdout());
            assertEquals("shutdown hook ran\n", stdout, "stderr: " + text(out.stderr()));
            assertFalse(stdout.contains("Async.run returned"));
            assertEquals(-Signals.SIGINT, child.returncode(), "stderr: " + text(out.stderr()));
            return null;
        });
    }
}
