package dev.jasyncio.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jasyncio.internal.coro.Engines;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The consumer-side rules of {@link Generator}, outside any loop, under both engines. */
class GeneratorTest {

    private static Generator<Integer, Void, Void> naturals(AtomicInteger produced) {
        return Generator.of(g -> {
            for (int i = 0; ; i++) {
                produced.incrementAndGet();
                g.yield(i);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuation", "handoff"})
    void theBodyRunsOnTheEngineSelectedWhenTheGeneratorIsMade(String engine) {
        Generator<Boolean, Void, Void> gen = EngineSwitch.with(engine, () -> Generator.of(g -> {
            g.yield(Thread.currentThread().isVirtual());
            return null;
        }));
        assertEquals(engine.equals("handoff"), gen.next());
        gen.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuation", "handoff"})
    void anInfiniteGeneratorProducesOnlyWhatIsTaken(String engine) {
        AtomicInteger produced = new AtomicInteger();
        try (Generator<Integer, Void, Void> gen = EngineSwitch.with(engine, () -> naturals(produced))) {
            assertEquals(0, produced.get(), "nothing runs before the first next()");
            List<Integer> firstFive = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                firstFive.add(gen.next());
            }
            assertEquals(List.of(0, 1, 2, 3, 4), firstFive);
            assertEquals(5, produced.get());
            assertEquals(Generator.State.SUSPENDED, gen.state());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuation", "handoff"})
    void aCoroutineFedWithSendKeepsARunningAverage(String engine) {
        Generator<Double, Double, Void> average = EngineSwitch.with(engine, () -> Generator.of(g -> {
            double sum = 0;
            int n = 0;
            Double avg = null;
            while (true) {
                double x = g.yield(avg);
                sum += x;
                avg = sum / ++n;
            }
        }));
        assertEquals(Generator.State.CREATED, average.state());
        assertNull(average.next(), "priming runs to the first yield");
        assertEquals(10.0, average.send(10.0));
        assertEquals(15.0, average.send(20.0));
        assertEquals(20.0, average.send(30.0));
        average.close();
        assertTrue(average.isDone());
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuation", "handoff"})
    void sendingAValueToAJustStartedGeneratorFails(String engine) {
        AtomicInteger produced = new AtomicInteger();
        Generator<Integer, Void, Void> plain = EngineSwitch.with(engine, () -> naturals(produced));
        Generator<Integer, String, Void> gen = EngineSwitch.with(engine, () -> Generator.of(g -> {
            g.yield(1);
            return null;
        }));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> gen.send("x"));
        assertTrue(e.getMessage().contains("just-started generator"), e.getMessage());
        assertEquals(Generator.State.CREATED, gen.state(), "a refused send does not start the body");
        assertEquals(1, gen.send(null), "send(null) primes it like next()");
        assertEquals(0, plain.next());
        plain.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuation", "handoff"})
    void forEachSeesEveryValueAndTheReturnValueIsKept(String engine) {
        Generator<String, Void, Integer> gen = EngineSwitch.with(engine, () -> Generator.of(g -> {
            g.yield("a");
            g.yield("b");
            g.yield("c");
            return 3;
        }));
        List<String> seen = new ArrayList<>();
        for (String s : gen) {
            seen.add(s);
        }
        assertEquals(List.of("a", "b", "c"), seen);
        assertTrue(gen.isDone());
        assertEquals(3, gen.returnValue());
        StopIteration stop = assertThrows(StopIteration.class, gen::next);
        assertEquals(3, stop.value());
        assertFalse(gen.hasNext());
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuation", "handoff"})
    void hasNextFetchesAheadWithoutConsuming(String engine) {
        AtomicInteger produced = new AtomicInteger();
        Generator<Integer, Void, Void> gen = EngineSwitch.with(engine, () -> naturals(produced));
        assertTrue(gen.hasNext());
        assertTrue(gen.hasNext());
        assertEquals(1, produced.get(), "a second hasNext() does not run the body again");
        assertEquals(0, gen.next());
        assertEquals(1, gen.next());
        assertTrue(gen.hasNext());
        assertEquals(2, gen.send(null), "send(null) takes the fetched value like next()");
        assertTrue(gen.hasNext());
        gen.close();
        assertEquals(4, produced.get());
        assertFalse(gen.hasNext(), "closing drops the fetched value");

        Generator<Integer, String, Void> echo = EngineSwitch.with(engine, () -> Generator.of(g -> {
            while (true) {
                g.yield(1);
            }
        }));
        assertTrue(echo.hasNext());
        assertThrows(IllegalStateException.class, () -> echo.send("lost"), "a non-null send would lose the fetched value");
        assertEquals(1, echo.next());
        assertEquals(1, echo.send("kept"));
        echo.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuation", "handoff"})
    void returnValueIsUnknownUntilTheBodyReturns(String engine) {
        Generator<Integer, Void, String> gen = EngineSwitch.with(engine, () -> Generator.of(g -> {
            g.yield(1);
            return "end";
        }));
        assertThrows(IllegalStateException.class, gen::returnValue);
        gen.next();
        assertThrows(IllegalStateException.class, gen::returnValue);
        StopIteration stop = assertThrows(StopIteration.class, gen::next);
        assertInstanceOf(NoSuchElementException.class, stop, "the end is an ordinary Iterator end");
        assertEquals("end", stop.value());
        assertEquals("end", gen.returnValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuation", "handoff"})
    void anExceptionThrownInIsRaisedAtTheYieldWhereTheBodyMayCatchItOrNot(String engine) {
        List<String> log = new ArrayList<>();
        Generator<String, Void, Void> gen = EngineSwitch.with(engine, () -> Generator.of(g -> {
            try {
                g.yield("first");
            } catch (IllegalArgumentException e) {
                log.add("caught " + e.getMessage());
            }
            try {
                g.yield("after recovery");
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("rethrown", e);
            }
            return null;
        }));
        assertEquals("first", gen.next());
        assertEquals("after recovery", gen.throwInto(new IllegalArgumentException("one")));
        IllegalArgumentException two = new IllegalArgumentException("two");
        IllegalStateException out = assertThrows(IllegalStateException.class, () -> gen.throwInto(two));
        assertEquals("rethrown", out.getMessage());
        assertSame(two, out.getCause());
        assertEquals(List.of("caught one"), log);
        assertTrue(gen.isDone());
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuation", "handoff"})
    void aCheckedExceptionThrownInArrivesUnchangedInTheBodyAndWrappedAtTheConsumer(String engine) {
        AtomicReference<Exception> seen = new AtomicReference<>();
        Generator<Integer, Void, Void> gen = EngineSwitch.with(engine, () -> Generator.of(g -> {
            try {
                g.yield(1);
            } catch (Exception e) {
                seen.set(e);
                throw e;
            }
            return null;
        }));
        gen.next();
        IOException io = new IOException("disk");
        CompletionException out = assertThrows(CompletionException.class, () -> gen.throwInto(io));
        assertSame(io, seen.get());
        assertSame(io, out.getCause());
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuation", "handoff"})
    void throwingIntoAGeneratorThatHasNotStartedFinishesItWithoutRunningTheBody(String engine) {
        AtomicBoolean ran = new AtomicBoolean();
        Generator<Integer, Void, Void> gen = EngineSwitch.with(engine, () -> Generator.of(g -> {
            ran.set(true);
            g.yield(1);
            return null;
        }));
        IllegalArgumentException e = new IllegalArgumentException("early");
        assertSame(e, assertThrows(IllegalArgumentException.class, () -> gen.throwInto(e)));
        assertFalse(ran.get());
        assertTrue(gen.isDone());
        assertSame(e, assertThrows(IllegalArgumentException.class, () -> gen.throwInto(e)),
            "a finished generator throws it right back");
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuation", "handoff"})
    void closeRunsTheFinallyBlocksOfASuspendedBody(String engine) {
        List<String> log = new ArrayList<>();
        Generator<Integer, Void, Void> gen = EngineSwitch.with(engine, () -> Generator.of(g -> {
            try {
                for (int i = 0; ; i++) {
                    g.yield(i);
                }
            } finally {
                log.add("finally");
            }
        }));
        gen.next();
        gen.next();
        gen.close();
        assertEquals(List.of("finally"), log);
        assertTrue(gen.isDone());
        assertNull(gen.returnValue());
        gen.close();
        assertEquals(List.of("finally"), log, "closing again does nothing");
        assertThrows(StopIteration.class, gen::next);
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuation", "handoff"})
    void tryWithResourcesClosesAGeneratorLeftEarly(String engine) {
        AtomicBoolean cleaned = new AtomicBoolean();
        AtomicInteger produced = new AtomicInteger();
        try (Generator<Integer, Void, Void> gen = EngineSwitch.with(engine, () -> Generator.of(g -> {
            try {
                for (int i = 0; ; i++) {
                    produced.incrementAndGet();
                    g.yield(i);
                }
            } finally {
                cleaned.set(true);
            }
        }))) {
            for (int i : gen) {
                if (i == 2) {
                    break;
                }
            }
        }
        assertTrue(cleaned.get());
        assertEquals(3, produced.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuation", "handoff"})
    void closingAGeneratorThatHasNotStartedNeverRunsItsBody(String engine) {
        AtomicBoolean ran = new AtomicBoolean();
        Generator<Integer, Void, Void> gen = EngineSwitch.with(engine, () -> Generator.of(g -> {
            ran.set(true);
            return null;
        }));
        gen.close();
        assertFalse(ran.get());
        assertTrue(gen.isDone());
        assertFalse(gen.hasNext());
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuation", "handoff"})
    void aBodyThatIgnoresCloseMakesCloseFail(String engine) {
        List<String> log = new ArrayList<>();
        Generator<String, Void, Void> gen = EngineSwitch.with(engine, () -> Generator.of(g -> {
            while (true) {
                try {
                    g.yield("value");
                } catch (GeneratorExit exit) {
                    log.add("ignored close");
                }
            }
        }));
        gen.next();
        IllegalStateException e = assertThrows(IllegalStateException.class, gen::close);
        assertTrue(e.getMessage().contains("generator ignored GeneratorExit"), e.getMessage());
        assertEquals(List.of("ignored close"), log);
        assertEquals(Generator.State.SUSPENDED, gen.state(), "as in Python, it stays suspended at the new yield");
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuation", "handoff"})
    void catchExceptionDoesNotCatchTheCloseSignal(String engine) {
        List<String> log = new ArrayList<>();
        Generator<String, Void, Void> gen = EngineSwitch.with(engine, () -> Generator.of(g -> {
            try {
                while (true) {
                    try {
                        g.yield("value");
                    } catch (Exception e) {
                        log.add("swallowed " + e);
                    }
                }
            } finally {
                log.add("finally");
            }
        }));
        gen.next();
        gen.close();
        assertEquals(List.of("finally"), log);
        assertTrue(gen.isDone());
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuation", "handoff"})
    void aBodyThatReturnsWhileClosingSetsTheReturnValue(String engine) {
        Generator<Integer, Void, String> gen = EngineSwitch.with(engine, () -> Generator.of(g -> {
            try {
                g.yield(1);
            } catch (GeneratorExit exit) {
                return "closed cleanly";
            }
            return "exhausted";
        }));
        gen.next();
        gen.close();
        assertEquals("closed cleanly", gen.returnValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuation", "handoff"})
    void resumingAGeneratorFromInsideItsOwnBodyFailsWithAlreadyExecuting(String engine) {
        AtomicReference<Generator<Integer, Void, Void>> self = new AtomicReference<>();
        AtomicReference<IllegalStateException> insideError = new AtomicReference<>();
        AtomicReference<Generator.State> insideState = new AtomicReference<>();
        Generator<Integer, Void, Void> gen = EngineSwitch.with(engine, () -> Generator.of(g -> {
            insideState.set(self.get().state());
            try {
                self.get().next();
            } catch (IllegalStateException e) {
                insideError.set(e);
            }
            assertThrows(IllegalStateException.class, () -> self.get().close());
            g.yield(1);
            self.get().next();
            return null;
        }));
        self.set(gen);
        assertEquals(1, gen.next());
        assertEquals(Generator.State.RUNNING, insideState.get());
        assertEquals("generator already executing", insideError.get().getMessage().substring(0, 27));
        IllegalStateException escaped = assertThrows(IllegalStateException.class, gen::next);
        assertTrue(escaped.getMessage().startsWith("generator already executing"), escaped.getMessage());
        assertTrue(gen.isDone(), "the body did not catch it, so it ended the generator");
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuation", "handoff"})
    void anExceptionFromTheBodyPropagatesToTheCallAndFinishesTheGenerator(String engine) {
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        Generator<Integer, Void, Void> gen = EngineSwitch.with(engine, () -> Generator.of(g -> {
            g.yield(1);
            g.yield(2);
            throw boom;
        }));
        assertEquals(1, gen.next());
        assertEquals(2, gen.next());
        assertSame(boom, assertThrows(IllegalArgumentException.class, gen::next));
        assertTrue(gen.isDone());
        assertNull(gen.returnValue());
        assertThrows(StopIteration.class, gen::next);

        Generator<Integer, Void, Void> checked = EngineSwitch.with(engine, () -> Generator.of(g -> {
            throw new IOException("checked");
        }));
        CompletionException wrapped = assertThrows(CompletionException.class, checked::hasNext);
        assertInstanceOf(IOException.class, wrapped.getCause());
        assertTrue(checked.isDone());
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuation", "handoff"})
    void aStrayNoSuchElementExceptionFromTheBodyIsAnErrorNotTheEnd(String engine) {
        Iterator<Integer> empty = List.<Integer>of().iterator();
        Generator<Integer, Void, Void> gen = EngineSwitch.with(engine, () -> Generator.of(g -> {
            g.yield(empty.next());
            return null;
        }));
        IllegalStateException e = assertThrows(IllegalStateException.class, gen::next);
        assertInstanceOf(NoSuchElementException.class, e.getCause());
        assertTrue(gen.isDone());
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuation", "handoff"})
    void aYieldThroughAnEnclosingGeneratorsHandleIsReported(String engine) {
        Generator<Integer, Void, String> outer = EngineSwitch.with(engine, () -> Generator.of(g -> {
            Generator<Integer, Void, Void> inner = Generator.of(h -> {
                g.yield(99);
                return null;
            });
            try {
                inner.next();
                return "not reported";
            } catch (IllegalStateException e) {
                return e.getMessage();
            }
        }));
        assertThrows(StopIteration.class, outer::next);
        assertTrue(outer.returnValue().contains("not its own"), outer.returnValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuation", "handoff"})
    void theHandleCannotBeUsedOutsideItsRunningBody(String engine) {
        AtomicReference<Yielder<Integer, Void>> leaked = new AtomicReference<>();
        Generator<Integer, Void, Void> gen = EngineSwitch.with(engine, () -> Generator.of(g -> {
            leaked.set(g);
            g.yield(1);
            return null;
        }));
        gen.next();
        assertThrows(IllegalStateException.class, () -> leaked.get().yield(2));
        gen.close();
    }

    /**
     * The aliasing pitfall: one mutable object yielded again and again. Every item the consumer
     * kept is that object in its last state; a copy taken at each step keeps the history.
     */
    @ParameterizedTest
    @ValueSource(strings = {"continuation", "handoff"})
    void aYieldedMutableObjectIsSharedSoKeptItemsChangeUnlessCopied(String engine) {
        Generator<List<Integer>, Void, Void> windows = EngineSwitch.with(engine, () -> Generator.of(g -> {
            List<Integer> window = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                window.add(i);
                g.yield(window);
            }
            return null;
        }));
        List<List<Integer>> kept = new ArrayList<>();
        List<List<Integer>> copied = new ArrayList<>();
        for (List<Integer> w : windows) {
            kept.add(w);
            copied.add(List.copyOf(w));
        }
        assertEquals(List.of(List.of(1, 2, 3), List.of(1, 2, 3), List.of(1, 2, 3)), kept);
        assertSame(kept.get(0), kept.get(2));
        assertEquals(List.of(List.of(1), List.of(1, 2), List.of(1, 2, 3)), copied);
    }

    /** A dropped suspended generator is collected and never resumed: its finally does not run. */
    @Test
    void aDroppedSuspendedGeneratorIsCollectedWithoutRunningItsFinally() throws InterruptedException {
        assumeTrue(Engines.continuationUnavailableReason().isEmpty(), "needs the continuation engine");
        AtomicBoolean finallyRan = new AtomicBoolean();
        WeakReference<Generator<Integer, Void, Void>> ref = dropSuspended(finallyRan);
        for (int i = 0; i < 100 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(ref.get(), "the generator was not garbage-collected");
        Thread.sleep(50);
        assertFalse(finallyRan.get());
    }

    private static WeakReference<Generator<Integer, Void, Void>> dropSuspended(AtomicBoolean finallyRan) {
        Generator<Integer, Void, Void> gen = EngineSwitch.with("continuation", () -> Generator.of(g -> {
            try {
                while (true) {
                    g.yield(1);
                }
            } finally {
                finallyRan.set(true);
            }
        }));
        gen.next();
        return new WeakReference<>(gen);
    }
}
