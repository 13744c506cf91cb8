package dev.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A first check of the engine under tasks; the full rules live in the conformance suite. */
class TaskSmokeTest {

    private static <T> T withEngine(String engine, Coroutine<T> main) {
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

    /** Two tasks interleave at their awaits, on the loop, in scheduling order. */
    @ParameterizedTest
    @ValueSource(strings = {"continuation", "handoff"})
    void tasksInterleaveAtAwaits(String engine) {
        List<String> log = withEngine(engine, () -> {
            assertEquals(engine, Async.getRunningLoop().engineName());
            List<String> l = new ArrayList<>();
            Task<Integer> a = Async.createTask(() -> {
                l.add("a1");
                Async.sleep(Duration.ZERO);
                l.add("a2");
                return 1;
            });
            Task<Integer> b = Async.createTask(() -> {
                l.add("b1");
                Async.sleep(Duration.ZERO);
                l.add("b2");
                return 2;
            });
            assertEquals(3, Async.await(a) + Async.await(b));
            return l;
        });
        assertEquals(List.of("a1", "b1", "a2", "b2"), log);
    }

    /** Cancelling a sleeping task delivers CancelledError at its await; the task ends cancelled. */
    @ParameterizedTest
    @ValueSource(strings = {"continuation", "handoff"})
    void cancelIsDeliveredAtTheAwait(String engine) {
        withEngine(engine, () -> {
            List<String> l = new ArrayList<>();
            Task<Void> sleeper = Async.createTask(() -> {
                try {
                    Async.sleep(Duration.ofHours(1));
                } finally {
                    l.add("finally ran");
                }
                return null;
            });
            Async.sleep(Duration.ZERO);
            assertTrue(sleeper.cancel("stop"));
            CancelledError e = assertThrows(CancelledError.class, () -> Async.await(sleeper));
            assertEquals("stop", e.getMessage());
            assertTrue(sleeper.isCancelled());
            assertEquals(List.of("finally ran"), l);
            return null;
        });
    }

    /** await outside a task fails with a message that says what to do. */
    @ParameterizedTest
    @ValueSource(strings = {"continuation", "handoff"})
    void awaitOutsideATaskFails(String engine) {
        try (Runner r = new Runner(LoopFactory.byName("core"))) {
            Future<Integer> f = r.getLoop().createFuture();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Async.await(f));
            assertTrue(e.getMessage().contains("outside a task"), e.getMessage());
        }
    }
}
