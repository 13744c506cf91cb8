package dev.jasyncio.conformance.process;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** What the process tests share: the skip rule, running a body as a task, bytes and text. */
final class ProcessTesting {
    /** Generous bound on one awaited step; a test that needs it has hung. */
    static final Duration STEP = Duration.ofSeconds(10);

    private ProcessTesting() {}

    /** Skips the test where there is no Unix shell. */
    static void assumeUnix() {
        assumeTrue(!System.getProperty("os.name").startsWith("Windows") && Files.isExecutable(Path.of("/bin/sh")),
            "process tests need a Unix with /bin/sh");
    }

    /** Runs {@code body} as a task of {@code loop} until it ends, and returns its value. */
    static <T> T run(EventLoop loop, Coroutine<T> body) {
        return loop.runUntilComplete(loop.createTask(body));
    }

    /** The thread that runs {@code loop}'s callbacks (a task may run elsewhere, under the hand-off engine). Inside a task. */
    static Thread loopThread(EventLoop loop) {
        Future<Thread> thread = loop.createFuture();
        loop.callSoon(() -> thread.setResult(Thread.currentThread()));
        return Async.await(thread);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }
}
