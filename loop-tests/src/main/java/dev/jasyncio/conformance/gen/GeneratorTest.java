package dev.jasyncio.conformance.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jasyncio.LoopFactory;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.Tasks;
import dev.jasyncio.gen.Generator;
import dev.jasyncio.gen.GeneratorExit;
import dev.jasyncio.gen.StopIteration;
import dev.jasyncio.gen.Yielder;
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
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** The consumer-side rules of {@link Generator}, outside any loop, under both engines. */
@Conformance
@ResourceLock(Resources.SYSTEM_PROPERTIES)
class GeneratorTest {

    private static Generator<Integer, Void, Void> naturals(AtomicInteger produced) {
        return Generator.of(g -> {
            for (int i = 0; ; i++) {
                produced.incrementAndGet();
                g.yield(i);
            }
        });
    }

    /**
     * A generator made outside any loop runs its body on the engine selected when it was made: on a virtual
     * thread of its own under the hand-off engine, on the consumer's thread under the continuation engine.
     */
    @Test
    void theBodyRunsOnTheEngineSelectedWhenTheGeneratorIsMade(LoopFactory factory) {
        Generator<Boolean, Void, Void> gen = EngineProperty.with(factory, () -> Generator.of(g -> {
            g.yield(Thread.currentThread().isVirtual());
            return null;
        }));
        assertEquals(Tasks.engineOf(factory).equals("handoff"), gen.next());
        gen.close();
    }

    /**
     * A generator is lazy: nothing runs before the first next(), and an infinite one produces exactly the
     * values taken, staying suspended in between.
     */
    @Test
    void anInfiniteGeneratorProducesOnlyWhatIsTaken(LoopFactory factory) {
        AtomicInteger produced = new AtomicInteger();
        try (Generator<Integer, Void, Void> gen = EngineProperty.with(factory, () -> naturals(produced))) {
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

    /**
     * send resumes the body with a value, which the pending yield returns; next() primes a new generator up
     * to its first yield.
     */
    @Test
    void aCoroutineFedWithSendKeepsARunningAverage(LoopFactory factory) {
        Generator<Double, Double, Void> average = EngineProperty.with(factory, () -> Generator.of(g -> {
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

    /**
     * Sending a non-null value to a generator that has not started fails with IllegalStateException and does
     * not start it; send(null) primes it like next().
     */
    @Test
    void sendingAValueToAJustStartedGeneratorFails(LoopFactory factory) {
        AtomicInteger produced = new AtomicInteger();
        Generator<Integer, Void, Void> plain = EngineProperty.with(factory, () -> naturals(produced));
        Generator<Integer, String, Void> gen = EngineProperty.with(factory, () -> Generator.of(g -> {
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

    /**
     * Iteration sees every yielded value; the body's return value is kept, and next() on a finished generator
     * throws StopIteration carrying it.
     */
    @Test
    void forEachSeesEveryValueAndTheReturnValueIsKept(LoopFactory factory) {
        Generator<String, Void, Integer> gen = EngineProperty.with(factory, () -> Generator.of(g -> {
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

    /**
     * hasNext runs the body to the next yield at most once and keeps the value for the next next() (or
     * send(null)); a non-null send would lose it and is refused; close drops it.
     */
    @Test
    void hasNextFetchesAheadWithoutConsuming(LoopFactory factory) {
        AtomicInteger produced = new AtomicInteger();
        Generator<Integer, Void, Void> gen = EngineProperty.with(factory, () -> naturals(produced));
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

        Generator<Integer, String, Void> echo = EngineProperty.with(factory, () -> Generator.of(g -> {
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

    /**
     * returnValue fails with IllegalStateException until the body returns; the end is a StopIteration, which
     * is a NoSuchElementException, carrying the return value.
     */
    @Test
    void returnValueIsUnknownUntilTheBodyReturns(LoopFactory factory) {
        Generator<Integer, Void, String> gen = EngineProperty.with(factory, () -> Generator.of(g -> {
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

    /**
     * throwInto raises the exception at the suspended yield: a body that catches it goes on to its next
     * yield, whose value throwInto returns; one that does not ends the generator with what it throws.
     */
    @Test
    void anExceptionThrownInIsRaisedAtTheYieldWhereTheBodyMayCatchItOrNot(LoopFactory factory) {
        List<String> log = new ArrayList<>();
        Generator<String, Void, Void> gen = EngineProperty.with(factory, () -> Generator.of(g -> {
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

    /**
     * A checked exception thrown in reaches the body unchanged, and comes back out of throwInto wrapped in a
     * CompletionException.
     */
    @Test
    void aCheckedExceptionThrownInArrivesUnchangedInTheBodyAndWrappedAtTheConsumer(LoopFactory factory) {
        AtomicReference<Exception> seen = new AtomicReference<>();
        Generator<Integer, Void, Void> gen = EngineProperty.with(factory, () -> Generator.of(g -> {
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

    /**
     * throwInto on a generator that has not started finishes it with that exception without running the body;
     * on a finished generator it throws the exception right back.
     */
    @Test
    void throwingIntoAGeneratorThatHasNotStartedFinishesItWithoutRunningTheBody(LoopFactory factory) {
        AtomicBoolean ran = new AtomicBoolean();
        Generator<Integer, Void, Void> gen = EngineProperty.with(factory, () -> Generator.of(g -> {
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

    /**
     * close raises GeneratorExit at the suspended yield, so the body's finally blocks run; the generator ends
     * with no return value, and closing again does nothing.
     */
    @Test
    void closeRunsTheFinallyBlocksOfASuspendedBody(LoopFactory factory) {
        List<String> log = new ArrayList<>();
        Generator<Integer, Void, Void> gen = EngineProperty.with(factory, () -> Generator.of(g -> {
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

    /**
     * A generator left early by a break inside try-with-resources is closed: its finally runs, and nothing
     * more is produced.
     */
    @Test
    void tryWithResourcesClosesAGeneratorLeftEarly(LoopFactory factory) {
        AtomicBoolean cleaned = new AtomicBoolean();
        AtomicInteger produced = new AtomicInteger();
        try (Generator<Integer, Void, Void> gen = EngineProperty.with(factory, () -> Generator.of(g -> {
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

    /** Closing a generator that has not started finishes it without ever running its body. */
    @Test
    void closingAGeneratorThatHasNotStartedNeverRunsItsBody(LoopFactory factory) {
        AtomicBoolean ran = new AtomicBoolean();
        Generator<Integer, Void, Void> gen = EngineProperty.with(factory, () -> Generator.of(g -> {
            ran.set(true);
            return null;
        }));
        gen.close();
        assertFalse(ran.get());
        assertTrue(gen.isDone());
        assertFalse(gen.hasNext());
    }

    /**
     * A body that catches GeneratorExit and yields again makes close fail with IllegalStateException
     * ("generator ignored GeneratorExit"); as in Python it stays suspended at the new yield.
     */
    @Test
    void aBodyThatIgnoresCloseMakesCloseFail(LoopFactory factory) {
        List<String> log = new ArrayList<>();
        Generator<String, Void, Void> gen = EngineProperty.with(factory, () -> Generator.of(g -> {
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

    /**
     * GeneratorExit is not an Exception: a body's catch (Exception) does not swallow it, so close still ends
     * the generator.
     */
    @Test
    void catchExceptionDoesNotCatchTheCloseSignal(LoopFactory factory) {
        List<String> log = new ArrayList<>();
        Generator<String, Void, Void> gen = EngineProperty.with(factory, () -> Generator.of(g -> {
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

    /**
     * A body that returns when it catches GeneratorExit ends the generator cleanly with that return value.
     */
    @Test
    void aBodyThatReturnsWhileClosingSetsTheReturnValue(LoopFactory factory) {
        Generator<Integer, Void, String> gen = EngineProperty.with(factory, () -> Generator.of(g -> {
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

    /**
     * Resuming or closing a generator from inside its own running body fails with IllegalStateException
     * ("generator already executing"); left uncaught, it ends the generator.
     */
    @Test
    void resumingAGeneratorFromInsideItsOwnBodyFailsWithAlreadyExecuting(LoopFactory factory) {
        AtomicReference<Generator<Integer, Void, Void>> self = new AtomicReference<>();
        AtomicReference<IllegalStateException> insideError = new AtomicReference<>();
        AtomicReference<Generator.State> insideState = new AtomicReference<>();
        Generator<Integer, Void, Void> gen = EngineProperty.with(factory, () -> Generator.of(g -> {
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

    /**
     * An exception thrown by the body propagates from the call that resumed it (a checked one wrapped in
     * CompletionException) and finishes the generator without a return value.
     */
    @Test
    void anExceptionFromTheBodyPropagatesToTheCallAndFinishesTheGenerator(LoopFactory factory) {
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        Generator<Integer, Void, Void> gen = EngineProperty.with(factory, () -> Generator.of(g -> {
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

        Generator<Integer, Void, Void> checked = EngineProperty.with(factory, () -> Generator.of(g -> {
            throw new IOException("checked");
        }));
        CompletionException wrapped = assertThrows(CompletionException.class, checked::hasNext);
        assertInstanceOf(IOException.class, wrapped.getCause());
        assertTrue(checked.isDone());
    }

    /**
     * A NoSuchElementException escaping the body is an error (IllegalStateException with it as cause), not
     * the generator's end, as PEP 479 rules for StopIteration.
     */
    @Test
    void aStrayNoSuchElementExceptionFromTheBodyIsAnErrorNotTheEnd(LoopFactory factory) {
        Iterator<Integer> empty = List.<Integer>of().iterator();
        Generator<Integer, Void, Void> gen = EngineProperty.with(factory, () -> Generator.of(g -> {
            g.yield(empty.next());
            return null;
        }));
        IllegalStateException e = assertThrows(IllegalStateException.class, gen::next);
        assertInstanceOf(NoSuchElementException.class, e.getCause());
        assertTrue(gen.isDone());
    }

    /**
     * Yielding through the handle of an enclosing generator from a nested generator's body fails with
     * IllegalStateException saying the handle is not its own.
     */
    @Test
    void aYieldThroughAnEnclosingGeneratorsHandleIsReported(LoopFactory factory) {
        Generator<Integer, Void, String> outer = EngineProperty.with(factory, () -> Generator.of(g -> {
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

    /**
     * A generator's handle leaked out of its body cannot be used to yield from outside it
     * (IllegalStateException).
     */
    @Test
    void theHandleCannotBeUsedOutsideItsRunningBody(LoopFactory factory) {
        AtomicReference<Yielder<Integer, Void>> leaked = new AtomicReference<>();
        Generator<Integer, Void, Void> gen = EngineProperty.with(factory, () -> Generator.of(g -> {
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
    @Test
    void aYieldedMutableObjectIsSharedSoKeptItemsChangeUnlessCopied(LoopFactory factory) {
        Generator<List<Integer>, Void, Void> windows = EngineProperty.with(factory, () -> Generator.of(g -> {
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
    void aDroppedSuspendedGeneratorIsCollectedWithoutRunningItsFinally(LoopFactory factory) throws InterruptedException {
        assumeTrue(Tasks.engineOf(factory).equals("continuation"),
            "only the continuation engine can collect a suspended generator; a hand-off one stays parked on its virtual thread");
        AtomicBoolean finallyRan = new AtomicBoolean();
        WeakReference<Generator<Integer, Void, Void>> ref = dropSuspended(factory, finallyRan);
        for (int i = 0; i < 100 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(ref.get(), "the generator was not garbage-collected");
        Thread.sleep(50);
        assertFalse(finallyRan.get());
    }

    private static WeakReference<Generator<Integer, Void, Void>> dropSuspended(LoopFactory factory, AtomicBoolean finallyRan) {
        Generator<Integer, Void, Void> gen = EngineProperty.with(factory, () -> Generator.of(g -> {
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
