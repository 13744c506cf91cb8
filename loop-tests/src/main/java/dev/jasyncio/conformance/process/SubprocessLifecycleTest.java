package dev.jasyncio.conformance.process;

import static dev.jasyncio.conformance.process.ProcessTesting.STEP;
import static dev.jasyncio.conformance.process.ProcessTesting.ascii;
import static dev.jasyncio.conformance.process.ProcessTesting.assumeUnix;
import static dev.jasyncio.conformance.process.ProcessTesting.run;
import static dev.jasyncio.conformance.process.ProcessTesting.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jasyncio.Async;
import dev.jasyncio.AsyncTimeoutException;
import dev.jasyncio.EventLoop;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.Task;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.process.ProcessOutput;
import dev.jasyncio.process.Signals;
import dev.jasyncio.process.Stdio;
import dev.jasyncio.process.Subprocess;
import dev.jasyncio.process.SubprocessOptions;
import dev.jasyncio.process.Subprocesses;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Exit, return codes, signals to a child, waiting and cancelling, closing, and bad input. */
@Conformance
class SubprocessLifecycleTest {

    @BeforeEach
    void unixOnly() {
        assumeUnix();
    }

    /** The exit status is the return code; it is null while the process runs. */
    @Test
    void exitStatusIsTheReturncode(EventLoop loop) {
        run(loop, () -> {
            Subprocess p = Subprocesses.createSubprocessShell("read line; exit 3",
                SubprocessOptions.defaults().stdin(Stdio.PIPE));
            assertNull(p.returncode());
            p.stdin().write(ascii("go\n"));
            assertEquals(3, p.waitFor());
            assertEquals(3, p.returncode());
            assertEquals(3, p.waitFor(), "waiting again returns at once");
            return null;
        });
    }

    /** kill() on a sleeping child: the return code is -9 (the JDK's 137 normalised, as the signal was ours). */
    @Test
    void killedChildReturnsMinusNine(EventLoop loop) {
        run(loop, () -> {
            Subprocess p = Subprocesses.createSubprocessExec("sleep", "30");
            p.kill();
            assertEquals(-Signals.SIGKILL, p.waitFor());
            p.kill();
            p.terminate();
            p.sendSignal(Signals.number("USR1"));
            assertEquals(-Signals.SIGKILL, p.returncode(), "signals after the exit do nothing");
            return null;
        });
    }

    /** terminate() on a sleeping child: the return code is -15. */
    @Test
    void terminatedChildReturnsMinusFifteen(EventLoop loop) {
        run(loop, () -> {
            Subprocess p = Subprocesses.createSubprocessExec("sleep", "30");
            p.terminate();
            assertEquals(-Signals.SIGTERM, p.waitFor());
            return null;
        });
    }

    /**
     * What a child writes after terminate() arrives: one that traps SIGTERM and says goodbye on
     * both outputs before it exits gets its words and its own status through communicate, as
     * asyncio's does (the signal does not close the pipes).
     */
    @Test
    void outputWrittenAfterTerminateIsDelivered(EventLoop loop) {
        run(loop, () -> {
            Subprocess p = Subprocesses.createSubprocessShell("trap 'echo bye; echo bye too >&2; exit 3' TERM; echo ready; "
                + "while :; do sleep 0.05; done", SubprocessOptions.defaults().stdout(Stdio.PIPE).stderr(Stdio.PIPE));
            assertEquals("ready\n", text(p.stdout().readline()));
            p.terminate();
            ProcessOutput out = p.communicate();
            assertEquals("bye\n", text(out.stdout()));
            assertEquals("bye too\n", text(out.stderr()));
            assertEquals(3, p.returncode());
            return null;
        });
    }

    /**
     * terminate() does not wait for the stdin pipe: with megabytes queued for a child that reads
     * none of them and survives SIGTERM, the loop goes on at once (the child's trap is heard from),
     * and kill() then ends the child.
     */
    @Test
    void terminateDoesNotWaitForAFullStdin(EventLoop loop) {
        run(loop, () -> {
            Subprocess p = Subprocesses.createSubprocessShell("trap 'echo term' TERM; echo ready; while :; do sleep 0.05; done",
                SubprocessOptions.defaults().stdin(Stdio.PIPE).stdout(Stdio.PIPE));
            assertEquals("ready\n", text(p.stdout().readline()));
            p.stdin().write(new byte[4 * 1024 * 1024]);
            Async.sleep(Duration.ofMillis(100)); // the stdin thread blocks writing to the full pipe
            // Should terminate() freeze the loop, killing the child after STEP unblocks it: the
            // test then fails instead of hanging.
            ProcessHandle child = ProcessHandle.of(p.pid()).orElseThrow();
            AtomicBoolean rescued = new AtomicBoolean();
            Thread rescuer = Thread.ofPlatform().daemon().start(() -> {
                try {
                    Thread.sleep(STEP.toMillis());
                    rescued.set(true);
                    child.destroyForcibly();
                } catch (InterruptedException testOver) {
                    // The loop went on.
                }
            });
            try {
                p.terminate();
                assertEquals("term\n", text(p.stdout().readline()));
                assertFalse(rescued.get(), "terminate() held the loop until the child was killed " + STEP + " later");
            } finally {
                rescuer.interrupt();
            }
            p.kill();
            assertEquals(-Signals.SIGKILL, p.waitFor());
            return null;
        });
    }

    /**
     * A child whose stdout nobody reads is let go when its loop closes: the pipe thread, out of
     * credits, notices the close and closes its end, so the child (yes) gets EPIPE and exits
     * instead of blocking on its full pipe forever.
     */
    @Test
    void closingTheLoopReleasesAnUnreadStdout(EventLoop loop) throws Exception {
        EventLoop other = LoopFactory.byName(loop.providerName(), loop.engineName()).newEventLoop();
        long pid;
        try {
            pid = other.runUntilComplete(other.createTask(() -> {
                Subprocess p = Subprocesses.createSubprocessExec(List.of("yes"), SubprocessOptions.defaults().stdout(Stdio.PIPE));
                for (int i = 0; i < 20; i++) {
                    Async.sleep(Duration.ofMillis(10)); // the reader fills and pauses the pipe
                }
                assertNull(p.returncode(), "yes is blocked on its full pipe, not gone");
                return p.pid();
            }));
        } finally {
            other.close();
        }
        Optional<ProcessHandle> child = ProcessHandle.of(pid);
        try {
            if (child.isPresent()) {
                child.get().onExit().get(STEP.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (TimeoutException e) {
            fail("yes still runs " + STEP + " after its loop closed: its unread stdout was never closed");
        } finally {
            child.ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** A child killed by someone else reports the JDK's 128 + n, as a shell does: only our own signals become -n. */
    @Test
    void aSignalFromElsewhereKeepsTheJdkStatus(EventLoop loop) {
        run(loop, () -> {
            Subprocess p = Subprocesses.createSubprocessShell("kill -9 $$");
            assertEquals(128 + Signals.SIGKILL, p.waitFor());
            return null;
        });
    }

    /** sendSignal with another signal reaches the child (through the kill command): its trap runs. */
    @Test
    void sendSignalDeliversOtherSignals(EventLoop loop) {
        run(loop, () -> {
            Subprocess p = Subprocesses.createSubprocessShell("trap 'echo got it; exit 7' USR1; echo ready; "
                + "while :; do sleep 0.05; done", SubprocessOptions.defaults().stdout(Stdio.PIPE));
            assertEquals("ready\n", text(p.stdout().readline()));
            p.sendSignal(Signals.number("USR1"));
            assertEquals("got it\n", text(p.stdout().readline()));
            assertEquals(7, p.waitFor());
            return null;
        });
    }

    /** A waitFor that is cancelled (here by a timeout) leaves the process running, and it can be awaited again. */
    @Test
    void cancelledWaitLeavesTheProcessRunning(EventLoop loop) {
        run(loop, () -> {
            Subprocess p = Subprocesses.createSubprocessShell("read line; exit 5",
                SubprocessOptions.defaults().stdin(Stdio.PIPE));
            assertThrows(AsyncTimeoutException.class, () -> Async.waitFor(p::waitFor, Duration.ofMillis(20)));
            Task<Integer> waiter = Async.createTask(p::waitFor);
            Async.sleep(Duration.ofMillis(1));
            waiter.cancel();
            Async.sleep(Duration.ofMillis(1));
            assertTrue(waiter.isCancelled());
            assertNull(p.returncode(), "still running");
            p.stdin().write(ascii("now\n"));
            assertEquals(5, Async.waitFor(p::waitFor, STEP));
            return null;
        });
    }

    /** Closing a Subprocess (try-with-resources) kills a child that still runs and waits for it. */
    @Test
    void closingKillsARunningChild(EventLoop loop) {
        run(loop, () -> {
            Subprocess p;
            try (Subprocess s = Subprocesses.createSubprocessExec(List.of("sleep", "30"), SubprocessOptions.pipes())) {
                p = s;
            }
            assertEquals(-Signals.SIGKILL, p.returncode());
            p.terminate();
            assertEquals(-Signals.SIGKILL, p.returncode(), "a signal after the exit does nothing");
            return null;
        });
    }

    /** Bad input: clear exceptions, and the loop goes on. */
    @Test
    void badInputFailsClearly(EventLoop loop) {
        run(loop, () -> {
            IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> Subprocesses.createSubprocessExec(List.of(), SubprocessOptions.defaults()));
            assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
            IOException missing = assertThrows(IOException.class,
                () -> Subprocesses.createSubprocessExec("/no/such/program-jasyncio"));
            assertTrue(missing.getMessage().contains("/no/such/program-jasyncio"), missing.getMessage());
            assertThrows(IllegalArgumentException.class, () -> SubprocessOptions.defaults().stdout(Stdio.STDOUT));
            assertThrows(IllegalArgumentException.class, () -> SubprocessOptions.defaults().limit(0));
            assertThrows(IllegalArgumentException.class, () -> Signals.number("NOSUCHSIGNAL"));
            Subprocess p = Subprocesses.createSubprocessShell("exit 0", SubprocessOptions.defaults().stdout(Stdio.PIPE));
            IllegalStateException noStdin = assertThrows(IllegalStateException.class, () -> p.communicate(ascii("x")));
            assertTrue(noStdin.getMessage().contains("stdin"), noStdin.getMessage());
            assertThrows(IllegalArgumentException.class, () -> p.sendSignal(0));
            assertEquals(0, p.communicate().stdout().length);
            return null;
        });
        assertFalse(loop.isClosed());
    }

    /** Outside a running loop, starting a process says so. */
    @Test
    void startingOutsideALoopFails(EventLoop loop) {
        assertThrows(IllegalStateException.class, () -> Subprocesses.createSubprocessExec("true"));
    }
}
