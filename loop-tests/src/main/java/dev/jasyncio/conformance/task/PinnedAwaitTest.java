package dev.jasyncio.conformance.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jasyncio.Async;
import dev.jasyncio.Future;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.Tasks;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An await where the stack cannot be suspended: inside a static initializer, a frame the JVM
 * pins (a continuation cannot yield through a class initialization).
 *
 * <p>Each test initializes a fresh copy of {@link AwaitsInItsInitializer}, defined by a class
 * loader of its own, because a class is initialized once per loader and the suites run these
 * tests several times in one JVM.
 */
@Conformance
class PinnedAwaitTest {
    private static final long TIMEOUT_SECONDS = 10;

    /**
     * Under the continuation engine, an await inside a static initializer cannot suspend: it
     * fails at once with an IllegalStateException that says the stack is pinned (reaching the
     * caller wrapped in ExceptionInInitializerError), never hangs, and leaves the task able to
     * await afterwards.
     */
    @Test
    @Timeout(value = TIMEOUT_SECONDS, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anAwaitInAStaticInitializerFailsClearlyUnderTheContinuationEngine(LoopFactory factory) {
        assumeTrue("continuation".equals(Tasks.engineOf(factory)), "the continuation engine pins class initializers");
        Tasks.run(factory, () -> {
            ExceptionInInitializerError e = assertThrows(ExceptionInInitializerError.class, PinnedAwaitTest::initializeAFreshCopy);
            IllegalStateException cause = assertInstanceOf(IllegalStateException.class, e.getCause());
            assertTrue(cause.getMessage().contains("pinned"), cause.getMessage());
            Future<String> after = Async.getRunningLoop().createFuture();
            Async.getRunningLoop().callSoon(() -> after.setResult("still works"));
            assertEquals("still works", Async.await(after), "the task can await again");
            return null;
        });
    }

    /**
     * Under the hand-off engine the body runs on a virtual thread, which may block inside a class
     * initializer: the await there either simply works (the class initializes after the future is
     * done) or fails clearly with an IllegalStateException; it never hangs.
     */
    @Test
    @Timeout(value = TIMEOUT_SECONDS, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anAwaitInAStaticInitializerWorksOrFailsClearlyUnderTheHandoffEngine(LoopFactory factory) {
        assumeTrue("handoff".equals(Tasks.engineOf(factory)), "the hand-off engine runs task bodies on virtual threads");
        Tasks.run(factory, () -> {
            try {
                Class<?> c = initializeAFreshCopy();
                assertEquals("initialized after an await", c.getField("VALUE").get(null));
            } catch (ExceptionInInitializerError e) {
                IllegalStateException cause = assertInstanceOf(IllegalStateException.class, e.getCause());
                assertFalse(cause.getMessage().isBlank());
            }
            Async.sleep(Duration.ZERO);
            return null;
        });
    }

    /** Loads and initializes a new copy of {@link AwaitsInItsInitializer}, which awaits in its initializer. */
    private static Class<?> initializeAFreshCopy() throws ClassNotFoundException {
        return Class.forName(AwaitsInItsInitializer.class.getName(), true, new FreshCopyLoader());
    }

    /**
     * Awaits in its static initializer: a short sleep, whose timer callback belongs to the loop. A
     * callback of this class's own (a lambda here) would deadlock under the hand-off engine: the
     * loop thread running it would wait for the initialization that waits for it.
     */
    public static final class AwaitsInItsInitializer {
        /** Set once the await returned. */
        public static final String VALUE;

        static {
            Async.sleep(Duration.ofMillis(1));
            VALUE = "initialized after an await";
        }

        private AwaitsInItsInitializer() {}
    }

    /** Defines its own copy of {@link AwaitsInItsInitializer}; delegates everything else. */
    private static final class FreshCopyLoader extends ClassLoader {
        private static final String NAME = AwaitsInItsInitializer.class.getName();

        FreshCopyLoader() {
            super(PinnedAwaitTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(NAME)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    byte[] bytes;
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        bytes = in.readAllBytes();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    c = defineClass(name, bytes, 0, bytes.length);
                }
                return c;
            }
        }
    }
}
