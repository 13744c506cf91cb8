package dev.jasyncio.process;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.concurrent.TimeUnit;

/**
 * Sends a signal other than SIGTERM and SIGKILL by running {@code kill -<n> <pid>}: the JDK can
 * only destroy a process, and has no portable {@code kill(pid, sig)}.
 */
final class KillCommand {
    /** How long the {@code kill} command may take; it normally takes a few milliseconds. */
    private static final long TIMEOUT_SECONDS = 10;

    private KillCommand() {}

    /**
     * Runs {@code kill -signal pid} and waits for it (briefly blocking the calling thread).
     *
     * @throws IllegalArgumentException if {@code kill} refuses the signal (not a signal of this system)
     * @throws UnsupportedOperationException if there is no {@code kill} command
     */
    static void send(ProcessHandle target, int signal) {
        java.lang.Process kill;
        try {
            kill = new ProcessBuilder("kill", "-" + signal, Long.toString(target.pid()))
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        } catch (IOException e) {
            throw new UnsupportedOperationException("cannot send signal " + signal + " to process " + target.pid()
                + ": no 'kill' command to run (" + e.getMessage() + "); only SIGTERM (terminate) and SIGKILL (kill) are"
                + " available through the JDK", e);
        }
        try {
            kill.getOutputStream().close();
            // Read only once kill has exited: reading first would wait for the end of its output,
            // and a kill that hangs would hold the loop thread forever, past the timeout. Its
            // output (an error line at most) fits in the pipe, so it never waits for a reader.
            if (!kill.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                throw new IllegalStateException("'kill -" + signal + " " + target.pid() + "' did not finish within "
                    + TIMEOUT_SECONDS + " s");
            }
            if (kill.exitValue() != 0 && target.isAlive()) {
                String output = new String(kill.getInputStream().readAllBytes(), Charset.defaultCharset()).strip();
                throw new IllegalArgumentException("'kill -" + signal + " " + target.pid() + "' failed (status "
                    + kill.exitValue() + "): " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading the output of 'kill -" + signal + " " + target.pid() + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending signal " + signal + " to " + target.pid(), e);
        }
    }
}
