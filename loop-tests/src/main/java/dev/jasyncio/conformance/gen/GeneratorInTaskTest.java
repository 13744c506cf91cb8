package dev.jasyncio.conformance.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.CancelledError;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.Runner;
import dev.jasyncio.Task;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.Tasks;
import dev.jasyncio.gen.Generator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** Generators and tasks together: an await in a generator body suspends the task that resumed it. */
@Conformance
@ResourceLock(Resources.SYSTEM_PROPERTIES)
class GeneratorInTaskTest {

    /**
     * An await inside a generator body suspends the task that resumed the generator, and other tasks run
     * meanwhile; the body runs as that task (Async.currentTask).
     */
    @Test
    void anAwaitInAGeneratorBodySuspendsTheTaskAndLetsOthersRun(LoopFactory factory) {
        List<String> log = Tasks.run(factory, () -> {
            List<String> l = new ArrayList<>();
            Task<?> main = Async.currentTask();
            Task<Void> ticker = Async.createTask(() -> {
                for (int i = 0; i < 3; i++) {
                    l.add("tick " + i);
                    Async.sleep(Duration.ZERO);
                }
                return null;
            });
            Generator<Integer, Void, Void> gen = Generator.of(g -> {
                for (int i = 0; i < 3; i++) {
                    Async.sleep(Duration.ZERO);
                    assertSame(main, Async.currentTask(), "the body runs on behalf of the task that resumed it");
                    l.add("gen yields " + i);
                    g.yield(i);
                }
                return null;
            });
            for (int v : gen) {
                l.add("main got " + v);
            }
            Async.await(ticker);
            return l;
        });
        assertEquals(List.of(
            "tick 0", "gen yields 0", "main got 0",
            "tick 1", "gen yields 1", "main got 1",
            "tick 2", "gen yields 2", "main got 2"), log);
    }

    /** A generator body may sleep on the loop's timers between yields. */
    @Test
    void aGeneratorBodyCanSleepOnATimer(LoopFactory factory) {
        long elapsedNanos = Tasks.run(factory, () -> {
            long t0 = System.nanoTime();
            Generator<Integer, Void, Integer> gen = Generator.of(g -> {
                for (int i = 0; i < 3; i++) {
                    Async.sleep(Duration.ofMillis(5));
                    g.yield(i);
                }
                return 3;
            });
            List<Integer> seen = new ArrayList<>();
            gen.forEach(seen::add);
            assertEquals(List.of(0, 1, 2), seen);
            assertEquals(3, gen.returnValue());
            return System.nanoTime() - t0;
        });
        assertTrue(elapsedNanos >= Duration.ofMillis(15).toNanos(), "slept " + elapsedNanos + " ns");
    }

    /** A generator made outside any loop may be iterated inside a task, and its body may await there. */
    @Test
    void aTaskIteratesAGeneratorMadeOutsideTheLoop(LoopFactory factory) {
        Generator<String, Void, Void> gen = EngineProperty.with(factory, () -> Generator.of(g -> {
            g.yield("a");
            Async.sleep(Duration.ZERO);
            g.yield("b");
            return null;
        }));
        List<String> seen = Tasks.run(factory, () -> {
            List<String> l = new ArrayList<>();
            for (String s : gen) {
                l.add(s);
            }
            return l;
        });
        assertEquals(List.of("a", "b"), seen);
    }

    /**
     * An await in a generator that another generator delegates to (yieldFrom) suspends the task through both
     * bodies.
     */
    @Test
    void aNestedGeneratorThatAwaitsSuspendsTheTaskThroughBothBodies(LoopFactory factory) {
        List<Integer> seen = Tasks.run(factory, () -> {
            Generator<Integer, Void, Void> outer = Generator.of(g -> {
                int got = g.yieldFrom(Generator.<Integer, Void, Integer>of(h -> {
                    for (int i = 0; i < 2; i++) {
                        Async.sleep(Duration.ofMillis(1));
                        h.yield(i);
                    }
                    return 10;
                }));
                Async.sleep(Duration.ZERO);
                g.yield(got);
                return null;
            });
            List<Integer> l = new ArrayList<>();
            outer.forEach(l::add);
            return l;
        });
        assertEquals(List.of(0, 1, 10), seen);
    }

    /**
     * In debug mode, which checks the thread of every loop call, a generator body resumed by a task may call
     * the loop.
     */
    @Test
    void aGeneratorBodyMayCallTheLoopInDebugMode(LoopFactory factory) {
        try (Runner debug = new Runner(factory, true)) {
            int sum = debug.run(() -> {
                assertTrue(Async.getRunningLoop().isDebug());
                Generator<Integer, Void, Void> gen = Generator.of(g -> {
                    for (int i = 1; i <= 3; i++) {
                        Async.sleep(Duration.ofMillis(1));
                        Async.getRunningLoop().callSoon(() -> { });
                        g.yield(i);
                    }
                    return null;
                });
                int s = 0;
                for (int v : gen) {
                    s += v;
                }
                return s;
            });
            assertEquals(6, sum);
        }
    }

    /**
     * While a generator body awaits on behalf of one task, another task resuming the generator fails with
     * IllegalStateException ("generator already executing").
     */
    @Test
    void anotherTaskResumingAGeneratorThatAwaitsGetsAlreadyExecuting(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Generator<Integer, Void, Void> gen = Generator.of(g -> {
                Async.sleep(Duration.ofMillis(20));
                g.yield(1);
                return null;
            });
            Task<Integer> first = Async.createTask(gen::next);
            Async.sleep(Duration.ZERO);
            assertEquals(Generator.State.RUNNING, gen.state());
            IllegalStateException e = assertThrows(IllegalStateException.class, gen::next);
            assertTrue(e.getMessage().startsWith("generator already executing"), e.getMessage());
            assertEquals(1, Async.await(first));
            return null;
        });
    }

    /**
     * Cancelling a task while the generator it resumed awaits delivers CancelledError inside the body, whose
     * finally runs; the task ends cancelled and the generator done.
     */
    @Test
    void cancellingTheTaskWhileTheGeneratorAwaitsUnwindsTheBody(LoopFactory factory) {
        List<String> log = Tasks.run(factory, () -> {
            List<String> l = new ArrayList<>();
            Generator<Integer, Void, Void> gen = Generator.of(g -> {
                try {
                    Async.sleep(Duration.ofHours(1));
                    g.yield(1);
                } finally {
                    l.add("generator finally");
                }
                return null;
            });
            Task<Integer> consumer = Async.createTask(gen::next);
            Async.sleep(Duration.ZERO);
            consumer.cancel("stop");
            assertThrows(CancelledError.class, () -> Async.await(consumer));
            assertTrue(consumer.isCancelled());
            assertTrue(gen.isDone());
            return l;
        });
        assertEquals(List.of("generator finally"), log);
    }
}
