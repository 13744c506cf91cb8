package dev.jasyncio.conformance.process;

import dev.jasyncio.Async;
import dev.jasyncio.CancelledError;
import java.time.Duration;

/**
 * The child JVM of {@link CtrlCTest}: runs a main task with {@link Async#run} that reports, on
 * stdout, what Ctrl-C does to it. With {@code clean}, the main task cleans up (awaiting) and ends
 * cancelled; with {@code stubborn}, it ignores every cancellation.
 */
public final class CtrlCMain {
    private CtrlCMain() {}

    /**
     * Runs the main task of the mode in {@code args[0]}.
     *
     * @param args {@code clean} or {@code stubborn}
     */
    public static void main(String[] args) {
        boolean stubborn = args.length > 0 && args[0].equals("stubborn");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> say("shutdown hook ran")));
        Async.run(() -> {
            say("ready");
            try {
                Async.sleep(Duration.ofSeconds(60));
            } catch (CancelledError e) {
                say("main cancelled");
                if (!stubborn) {
                    Async.sleep(Duration.ofMillis(10));
                    say("cleaned up");
                    throw e;
                }
            }
            while (stubborn) {
                try {
                    Async.sleep(Duration.ofSeconds(60));
                } catch (CancelledError ignored) {
                    say("cancelled again, ignored");
                }
            }
            return null;
        });
        say("Async.run returned");
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
