package dev.jasyncio.conformance.combinators;

import static dev.jasyncio.conformance.Tasks.ms;
import static dev.jasyncio.conformance.Tasks.spin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.AsyncTimeoutException;
import dev.jasyncio.CancelledError;
import dev.jasyncio.Future;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.Task;
import dev.jasyncio.Timeout;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.Tasks;
import dev.jasyncio.debug.VirtualClock;
import dev.jasyncio.testing.LoopTest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Async.timeout / timeoutAt: only the scope's own cancellation becomes a timeout. */
@Conformance
class TimeoutTest {

    private static final Duration HOUR = Duration.ofHours(1);

    /** Expiry cancels the body; the CancelledError becomes AsyncTimeoutException (as cause), at the deadline. */
    @LoopTest(virtualTime = true)
    void expiryBecomesATimeout(VirtualClock clock) {
        List<String> log = new ArrayList<>();
        AsyncTimeoutException e = assertThrows(AsyncTimeoutException.class, () -> Async.timeout(HOUR, () -> {
            try {
                Async.sleep(Duration.ofDays(1));
            } catch (CancelledError c) {
                log.add("cancelled at " + clock.elapsed());
                throw c;
            }
            return null;
        }));
        assertEquals(HOUR, clock.elapsed(), "expired exactly at the deadline");
        assertInstanceOf(CancelledError.class, e.getCause());
        assertEquals(List.of("cancelled at PT1H"), log);
        assertEquals(0, Async.currentTask().cancelling(), "the scope withdrew its request");
    }

    /** A body that ends in time returns its value; no deadline (null) never expires. */
    @Test
    void inTimeReturnsTheValue(LoopFactory factory) {
        Tasks.run(factory, () -> {
            assertEquals("v", Async.timeout(HOUR, () -> {
                Async.sleep(Duration.ZERO);
                return "v";
            }));
            assertEquals("w", Async.timeout(null, t -> {
                assertTrue(t.whenNanos().isEmpty());
                Async.sleep(ms(1));
                return "w";
            }));
            return null;
        });
    }

    /** A deadline already past expires on the next iteration. */
    @Test
    void pastDeadlineExpiresAtOnce(LoopFactory factory) {
        Tasks.run(factory, () -> {
            long past = Async.getRunningLoop().time() - 1;
            int[] steps = {0};
            assertThrows(AsyncTimeoutException.class, () -> Async.timeoutAt(past, () -> {
                while (true) {
                    steps[0]++;
                    Async.sleep(Duration.ZERO);
                }
            }));
            assertEquals(1, steps[0]);
            return null;
        });
    }

    /** reschedule moves the deadline, removeDeadline drops it; whenNanos and isExpired report the state. */
    @Test
    void rescheduleMovesTheDeadline(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Timeout[] scope = new Timeout[1];
            assertEquals("late", Async.timeout(ms(1), t -> {
                scope[0] = t;
                long when = t.whenNanos().getAsLong();
                t.reschedule(when + HOUR.toNanos());
                assertEquals(when + HOUR.toNanos(), t.whenNanos().getAsLong());
                Async.sleep(ms(3));
                t.removeDeadline();
                assertTrue(t.whenNanos().isEmpty());
                Async.sleep(ms(1));
                assertFalse(t.isExpired());
                return "late";
            }));
            assertThrows(IllegalStateException.class, () -> scope[0].reschedule(ms(1)), "reschedule after the block ended");
            assertThrows(AsyncTimeoutException.class, () -> Async.timeout(HOUR, t -> {
                scope[0] = t;
                t.reschedule(Duration.ZERO);
                Async.sleep(HOUR);
                return null;
            }));
            assertTrue(scope[0].isExpired());
            return null;
        });
    }

    /** A value returned despite the expiry is returned; the scope still counts as expired. */
    @Test
    void valueReturnedDespiteExpiryIsReturned(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Timeout[] scope = new Timeout[1];
            assertEquals("swallowed", Async.timeout(ms(1), t -> {
                scope[0] = t;
                try {
                    Async.sleep(HOUR);
                    return "slept";
                } catch (CancelledError swallowed) {
                    return "swallowed";
                }
            }));
            assertTrue(scope[0].isExpired());
            assertEquals(0, Async.currentTask().cancelling());
            return null;
        });
    }

    /** Another error raised because of the expiry propagates as it is, with the timeout recorded as suppressed. */
    @Test
    void otherErrorDuringExpiryPropagatesWithTheTimeoutSuppressed(LoopFactory factory) {
        Tasks.run(factory, () -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Async.timeout(ms(1), () -> {
                try {
                    Async.sleep(HOUR);
                } catch (CancelledError c) {
                    throw new IllegalStateException("cleanup failed");
                }
                return null;
            }));
            assertEquals(1, e.getSuppressed().length);
            assertInstanceOf(AsyncTimeoutException.class, e.getSuppressed()[0]);
            return null;
        });
    }

    /** The inner of two nested timeouts expires: the inner converts; the outer is untouched. */
    @Test
    void nestedInnerExpiryIsTheInnersTimeout(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Timeout[] outer = new Timeout[1];
            String r = Async.timeout(HOUR, o -> {
                outer[0] = o;
                try {
                    Async.timeout(ms(1), () -> {
                        Async.sleep(HOUR);
                        return null;
                    });
                    return "no timeout?";
                } catch (AsyncTimeoutException e) {
                    Async.sleep(Duration.ZERO);
                    return "inner timed out";
                }
            });
            assertEquals("inner timed out", r);
            assertFalse(outer[0].isExpired());
            return null;
        });
    }

    /** The outer of two nested timeouts expires: the inner lets the CancelledError through, the outer converts it. */
    @Test
    void nestedOuterExpiryIsNotConvertedByTheInner(LoopFactory factory) {
        Tasks.run(factory, () -> {
            List<String> log = new ArrayList<>();
            assertThrows(AsyncTimeoutException.class, () -> Async.timeout(ms(2), () -> {
                try {
                    return Async.timeout(HOUR, () -> {
                        Async.sleep(HOUR);
                        return null;
                    });
                } catch (CancelledError c) {
                    log.add("inner scope let the cancellation through");
                    throw c;
                }
            }));
            assertEquals(List.of("inner scope let the cancellation through"), log);
            assertEquals(0, Async.currentTask().cancelling());
            return null;
        });
    }

    /** Both nested timeouts expire at the same moment: only the outer one converts (cpython#102780). */
    @Test
    void nestedSimultaneousExpiryIsConvertedOnce(LoopFactory factory) {
        Tasks.run(factory, () -> {
            long when = Async.getRunningLoop().time() + ms(2).toNanos();
            List<String> log = new ArrayList<>();
            assertThrows(AsyncTimeoutException.class, () -> Async.timeoutAt(when, () -> {
                try {
                    return Async.timeoutAt(when, () -> {
                        Async.sleep(HOUR);
                        return null;
                    });
                } catch (CancelledError c) {
                    log.add("cancelled through the inner");
                    throw c;
                }
            }));
            assertEquals(List.of("cancelled through the inner"), log);
            assertEquals(0, Async.currentTask().cancelling());
            return null;
        });
    }

    /** An outside cancel arriving together with the expiry is not turned into a timeout. */
    @Test
    void outsideCancelTogetherWithExpiryStaysACancellation(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Timeout[] scope = new Timeout[1];
            Task<Object> t = Async.createTask(() -> Async.timeout(null, s -> {
                scope[0] = s;
                Async.sleep(HOUR);
                return null;
            }));
            spin(2);
            scope[0].reschedule(Async.getRunningLoop().time() - 1);
            t.cancel("outside");
            assertThrows(CancelledError.class, () -> Async.await(t));
            assertTrue(t.isCancelled());
            assertTrue(scope[0].isExpired());
            return null;
        });
    }

    /** Nested timeouts with an outside cancel: neither scope converts it. */
    @Test
    void outsideCancelThroughNestedTimeoutsStaysACancellation(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Task<Object> t = Async.createTask(() -> Async.timeout(HOUR, () -> Async.timeout(HOUR, () -> {
                Async.sleep(HOUR);
                return null;
            })));
            spin(2);
            t.cancel("outside");
            CancelledError e = assertThrows(CancelledError.class, () -> Async.await(t));
            assertEquals("outside", e.getMessage());
            return null;
        });
    }

    /** A checked exception of the body arrives wrapped in CompletionException; timeout needs a task. */
    @Test
    void checkedExceptionsAreWrappedAndATaskIsRequired(LoopFactory factory) {
        Tasks.run(factory, () -> {
            CompletionException e = assertThrows(CompletionException.class, () -> Async.timeout(HOUR, () -> {
                throw new IOException("io");
            }));
            assertInstanceOf(IOException.class, e.getCause());
            Future<String> fromCallback = Async.getRunningLoop().createFuture();
            Async.getRunningLoop().callSoon(() -> {
                try {
                    Async.timeout(HOUR, () -> null);
                    fromCallback.setResult("no error");
                } catch (IllegalStateException ise) {
                    fromCallback.setResult(ise.getMessage());
                }
            });
            assertTrue(Async.await(fromCallback).contains("outside a task"));
            return null;
        });
    }
}
