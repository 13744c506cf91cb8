package dev.jasyncio.conformance.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.LoopFactory;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.Tasks;
import dev.jasyncio.gen.Generator;
import dev.jasyncio.gen.GeneratorExit;
import dev.jasyncio.gen.StopIteration;
import dev.jasyncio.gen.Yielder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** {@link Yielder#yieldFrom} behaves as PEP 380's expansion: the same transcript as a hand-written loop. */
@Conformance
@ResourceLock(Resources.SYSTEM_PROPERTIES)
class YieldFromTest {

    /** A sub-generator that records what it receives, recovers from IllegalArgumentException, and returns 42. */
    private static Generator<String, String, Integer> sub(List<String> log) {
        return Generator.of(g -> {
            try {
                String r = g.yield("s1");
                log.add("sub got " + r);
                try {
                    r = g.yield("s2");
                } catch (IllegalArgumentException e) {
                    log.add("sub caught " + e.getMessage());
                    r = g.yield("s-recovered");
                }
                log.add("sub got " + r);
                r = g.yield("s3");
                log.add("sub got " + r);
                return 42;
            } finally {
                log.add("sub finally");
            }
        });
    }

    /** The hand-written equivalent of {@code g.yieldFrom(sub)}, on the public API only. */
    private static <Y, S, T> T handWritten(Yielder<Y, S> g, Generator<Y, S, T> sub) {
        S sent = null;
        Throwable thrown = null;
        while (true) {
            Y y;
            try {
                y = thrown != null ? sub.throwInto(thrown) : sub.send(sent);
            } catch (StopIteration stop) {
                @SuppressWarnings("unchecked")
                T value = (T) stop.value();
                return value;
            }
            thrown = null;
            try {
                sent = g.yield(y);
            } catch (GeneratorExit exit) {
                sub.close();
                throw exit;
            } catch (RuntimeException | Error e) {
                thrown = e;
            }
        }
    }

    /** A delegating generator around {@link #sub}, delegating with {@code delegation}. */
    private static Generator<String, String, String> delegator(List<String> log,
            BiFunction<Yielder<String, String>, Generator<String, String, Integer>, Integer> delegation) {
        return Generator.of(g -> {
            try {
                log.add("delegator got " + g.yield("d0"));
                int rv = delegation.apply(g, sub(log));
                log.add("sub returned " + rv);
                log.add("delegator got " + g.yield("after " + rv));
                return "done";
            } catch (IllegalStateException e) {
                log.add("delegator caught " + e.getMessage());
                return "recovered";
            } finally {
                log.add("delegator finally");
            }
        });
    }

    /** Runs {@code script} on a delegator built with {@code delegation}; returns every result and log line. */
    private static List<String> transcript(LoopFactory factory,
            BiFunction<Yielder<String, String>, Generator<String, String, Integer>, Integer> delegation,
            Consumer<Step> script) {
        List<String> log = new ArrayList<>();
        Generator<String, String, String> gen = EngineProperty.with(factory, () -> delegator(log, delegation));
        script.accept(new Step(gen, log));
        log.add("state " + gen.state());
        return log;
    }

    /** One consumer action on the delegator, recorded in the log with its result. */
    private record Step(Generator<String, String, String> gen, List<String> log) {
        void next() {
            record(() -> gen.next());
        }

        void send(String s) {
            record(() -> gen.send(s));
        }

        void throwIn(RuntimeException e) {
            record(() -> gen.throwInto(e));
        }

        void close() {
            record(() -> {
                gen.close();
                return "closed";
            });
        }

        private void record(java.util.function.Supplier<String> action) {
            try {
                log.add("-> " + action.get());
            } catch (StopIteration stop) {
                log.add("-> stop " + stop.value());
            } catch (RuntimeException e) {
                log.add("-> " + e.getClass().getSimpleName() + " " + e.getMessage());
            }
        }
    }

    private static void assertSameTranscript(LoopFactory factory, Consumer<Step> script, List<String> expected) {
        List<String> viaYieldFrom = transcript(factory, Yielder::yieldFrom, script);
        List<String> byHand = transcript(factory, YieldFromTest::handWritten, script);
        assertEquals(byHand, viaYieldFrom);
        assertEquals(expected, viaYieldFrom);
    }

    /**
     * yieldFrom forwards next, send and exceptions the sub-generator catches to it, and returns the
     * sub-generator's return value, exactly as the hand-written PEP 380 loop does.
     */
    @Test
    void sendsAndCaughtThrowsAreForwardedAndTheReturnValueComesBack(LoopFactory factory) {
        assertSameTranscript(factory, s -> {
            s.next();
            s.send("a");
            s.send("b");
            s.throwIn(new IllegalArgumentException("boom"));
            s.send("c");
            s.send("d");
            s.send("e");
            s.next();
        }, List.of(
            "-> d0",
            "delegator got a",
            "-> s1",
            "sub got b",
            "-> s2",
            "sub caught boom",
            "-> s-recovered",
            "sub got c",
            "-> s3",
            "sub got d",
            "sub finally",
            "sub returned 42",
            "-> after 42",
            "delegator got e",
            "delegator finally",
            "-> stop done",
            "-> stop done",
            "state CLOSED"));
    }

    /**
     * An exception thrown in that the sub-generator does not catch propagates to the delegator at its
     * yieldFrom, as by hand.
     */
    @Test
    void anExceptionTheSubGeneratorDoesNotCatchReachesTheDelegator(LoopFactory factory) {
        assertSameTranscript(factory, s -> {
            s.next();
            s.send("a");
            s.throwIn(new IllegalStateException("not for sub"));
        }, List.of(
            "-> d0",
            "delegator got a",
            "-> s1",
            "sub finally",
            "delegator caught not for sub",
            "delegator finally",
            "-> stop recovered",
            "state CLOSED"));
    }

    /** Closing the delegator closes the sub-generator first, then the delegator, as by hand. */
    @Test
    void closingTheDelegatorClosesTheSubGeneratorFirst(LoopFactory factory) {
        assertSameTranscript(factory, s -> {
            s.next();
            s.send("a");
            s.send("b");
            s.close();
        }, List.of(
            "-> d0",
            "delegator got a",
            "-> s1",
            "sub got b",
            "-> s2",
            "sub finally",
            "delegator finally",
            "-> closed",
            "state CLOSED"));
    }

    /** Delegation chains over several levels, and each level gets the return value of the one below it. */
    @Test
    void delegationChainsAndReturnsEachLevelsValue(LoopFactory factory) {
        Generator<Integer, Void, Integer> total = EngineProperty.with(factory, () -> Generator.of(g -> {
            int sum = 0;
            for (int n = 1; n <= 3; n++) {
                int count = n;
                sum += g.yieldFrom(Generator.<Integer, Void, Integer>of(h -> {
                    for (int i = 0; i < count; i++) {
                        h.yield(count);
                    }
                    return count * 10;
                }));
            }
            return sum;
        }));
        List<Integer> seen = new ArrayList<>();
        total.forEach(seen::add);
        assertEquals(List.of(1, 2, 2, 3, 3, 3), seen);
        assertEquals(60, total.returnValue());
    }

    /**
     * Delegating to a generator that has already finished returns its return value at once, without yielding.
     */
    @Test
    void delegatingToAFinishedGeneratorReturnsItsValueWithoutYielding(LoopFactory factory) {
        Generator<Integer, Void, String> done = EngineProperty.with(factory, () -> Generator.of(g -> "already"));
        assertThrows(StopIteration.class, done::next);
        Generator<Integer, Void, String> outer = EngineProperty.with(factory, () -> Generator.of(g -> g.yieldFrom(done)));
        assertThrows(StopIteration.class, outer::next);
        assertEquals("already", outer.returnValue());
    }

    /** An exception that ends the sub-generator propagates unchanged out of yieldFrom into the delegator. */
    @Test
    void anExceptionEndingTheSubGeneratorPropagatesUnchanged(LoopFactory factory) {
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        Generator<Integer, Void, Void> outer = EngineProperty.with(factory, () -> Generator.of(g -> {
            g.yieldFrom(Generator.<Integer, Void, Void>of(h -> {
                h.yield(1);
                throw boom;
            }));
            return null;
        }));
        assertEquals(1, outer.next());
        assertSame(boom, assertThrows(IllegalArgumentException.class, outer::next));
        assertTrue(outer.isDone());
    }
}
