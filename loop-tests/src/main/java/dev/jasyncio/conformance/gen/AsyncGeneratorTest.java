package dev.jasyncio.conformance.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.Task;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.Tasks;
import dev.jasyncio.gen.AsyncGenerator;
import dev.jasyncio.gen.AsyncIterator;
import dev.jasyncio.gen.Generator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** {@link AsyncGenerator}: a generator that awaits, iterated inside a task, closed with cleanup that awaits. */
@Conformance
@ResourceLock(Resources.SYSTEM_PROPERTIES)
class AsyncGeneratorTest {

    private static AsyncGenerator<Integer, Void> ticks(List<String> log) {
        return AsyncGenerator.of(g -> {
            try {
                for (int i = 0; ; i++) {
                    Async.sleep(Duration.ofMillis(1));
                    g.yield(i);
                }
            } finally {
                Async.sleep(Duration.ofMillis(1));
                log.add("cleaned up after an await");
            }
        });
    }

    /**
     * A task iterates an AsyncGenerator whose body awaits between yields, and closing it runs cleanup that
     * awaits too.
     */
    @Test
    void aTaskIteratesAnAsyncGeneratorAndClosesItWithCleanupThatAwaits(LoopFactory factory) {
        List<String> log = Tasks.run(factory, () -> {
            List<String> l = new ArrayList<>();
            AsyncGenerator<Integer, Void> agen = ticks(l);
            try (agen) {
                for (int t : agen) {
                    l.add("tick " + t);
                    if (t == 2) {
                        break;
                    }
                }
            }
            assertTrue(agen.isDone());
            return l;
        });
        assertEquals(List.of("tick 0", "tick 1", "tick 2", "cleaned up after an await"), log);
    }

    /**
     * An AsyncIterator reports its end through hasNext() false, and next() past the end throws
     * NoSuchElementException.
     */
    @Test
    void anAsyncIteratorEndsWithNoSuchElementException(LoopFactory factory) {
        Tasks.run(factory, () -> {
            AsyncIterator<String> it = AsyncGenerator.<String, Void>of(g -> {
                Async.sleep(Duration.ZERO);
                g.yield("only");
            });
            assertTrue(it.hasNext());
            assertEquals("only", it.next());
            assertFalse(it.hasNext());
            assertThrows(NoSuchElementException.class, it::next);
            return null;
        });
    }

    /** send and throwInto reach the body of an AsyncGenerator at its yield, across the awaits in between. */
    @Test
    void sendAndThrowIntoReachTheBodyAcrossAwaits(LoopFactory factory) {
        List<String> log = Tasks.run(factory, () -> {
            List<String> l = new ArrayList<>();
            AsyncGenerator<String, String> echo = AsyncGenerator.of(g -> {
                String in = g.yield("ready");
                while (true) {
                    Async.sleep(Duration.ZERO);
                    try {
                        in = g.yield("echo " + in);
                    } catch (IllegalArgumentException e) {
                        in = "error " + e.getMessage();
                    }
                }
            });
            l.add(echo.next());
            l.add(echo.send("a"));
            l.add(echo.throwInto(new IllegalArgumentException("x")));
            echo.close();
            return l;
        });
        assertEquals(List.of("ready", "echo a", "echo error x"), log);
    }

    /**
     * While an AsyncGenerator's body awaits on behalf of one task, another task calling it fails with
     * IllegalStateException ("generator already executing").
     */
    @Test
    void anotherTaskCallingWhileTheBodyAwaitsGetsAlreadyExecuting(LoopFactory factory) {
        Tasks.run(factory, () -> {
            List<String> l = new ArrayList<>();
            AsyncGenerator<Integer, Void> agen = ticks(l);
            Task<Integer> first = Async.createTask(agen::next);
            Async.sleep(Duration.ZERO);
            IllegalStateException e = assertThrows(IllegalStateException.class, agen::next);
            assertTrue(e.getMessage().startsWith("generator already executing"), e.getMessage());
            assertEquals(0, Async.await(first));
            agen.close();
            assertEquals(List.of("cleaned up after an await"), l);
            return null;
        });
    }

    /**
     * Driving an AsyncGenerator outside a task fails at the call with IllegalStateException, without starting
     * the body; one that never started can still be closed outside a task.
     */
    @Test
    void drivingTheBodyOutsideATaskFailsAtTheCall(LoopFactory factory) {
        List<String> log = new ArrayList<>();
        AsyncGenerator<Integer, Void> agen = EngineProperty.with(factory, () -> ticks(log));
        IllegalStateException e = assertThrows(IllegalStateException.class, agen::next);
        assertTrue(e.getMessage().contains("outside a task"), e.getMessage());
        assertEquals(Generator.State.CREATED, agen.state(), "the body did not start");
        agen.close();
        assertTrue(agen.isDone(), "closing one that never started needs no task");
        assertTrue(log.isEmpty());
    }
}
