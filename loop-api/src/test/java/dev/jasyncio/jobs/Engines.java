package dev.jasyncio.jobs;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import dev.jasyncio.LoopFactory;

/** Runs a test body as the main task of a core loop on the coroutine engine a test is parameterized on. */
final class Engines {
    private Engines() {}

    static <T> T run(String engine, Coroutine<T> main) {
        String old = System.getProperty("jasyncio.engine");
        System.setProperty("jasyncio.engine", engine);
        try {
            return Async.run(main, LoopFactory.byName("core"));
        } finally {
            if (old == null) {
                System.clearProperty("jasyncio.engine");
            } else {
                System.setProperty("jasyncio.engine", old);
            }
        }
    }
}
