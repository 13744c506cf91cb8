package dev.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs test bodies on a fresh core loop with a chosen engine, watching the exception handler. */
final class Loops {
    private Loops() {}

    /** Runs {@code main}; fails if anything reached the exception handler (nothing may be lost or leaked). */
    static <T> T run(String engine, Coroutine<T> main) {
        List<ExceptionContext> reports = new ArrayList<>();
        T value = run(engine, reports, main);
        assertEquals(List.of(), reports, "unexpected reports to the exception handler");
        return value;
    }

    /** Runs {@code main}, collecting what reaches the exception handler into {@code reports}. */
    static <T> T run(String engine, List<ExceptionContext> reports, Coroutine<T> main) {
        String old = System.getProperty("jasyncio.engine");
        System.setProperty("jasyncio.engine", engine);
        try {
            return Async.run(() -> {
                EventLoop loop = Async.getRunningLoop();
                assertEquals(engine, loop.engineName());
                loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
                return main.call();
            }, LoopFactory.byName("core"));
        } finally {
            if (old == null) {
                System.clearProperty("jasyncio.engine");
            } else {
                System.setProperty("jasyncio.engine", old);
            }
        }
    }

    /** Gives up {@code n} loop iterations. */
    static void spin(int n) {
        for (int i = 0; i < n; i++) {
            Async.sleep(Duration.ZERO);
        }
    }

    static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
