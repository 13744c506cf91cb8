package dev.jasyncio.gen;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import dev.jasyncio.LoopFactory;
import java.util.function.Supplier;

/** Runs code with {@code -Djasyncio.engine} (and optionally {@code -Djasyncio.debug}) set, then restores them. */
final class EngineSwitch {
    static final String ENGINE = "jasyncio.engine";
    static final String DEBUG = "jasyncio.debug";

    private EngineSwitch() {}

    /** Evaluates {@code make} with the engine property set: a generator made there uses that engine. */
    static <T> T with(String engine, Supplier<T> make) {
        String old = System.getProperty(ENGINE);
        System.setProperty(ENGINE, engine);
        try {
            return make.get();
        } finally {
            restore(ENGINE, old);
        }
    }

    /** Runs {@code main} as a task on a new "core" loop that uses {@code engine}. */
    static <T> T run(String engine, Coroutine<T> main) {
        return with(engine, () -> Async.run(main, LoopFactory.byName("core")));
    }

    /** Like {@link #run} on a loop in debug mode, which checks the thread of every loop call. */
    static <T> T runDebug(String engine, Coroutine<T> main) {
        String old = System.getProperty(DEBUG);
        System.setProperty(DEBUG, "true");
        try {
            return run(engine, main);
        } finally {
            restore(DEBUG, old);
        }
    }

    private static void restore(String key, String old) {
        if (old == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, old);
        }
    }
}
