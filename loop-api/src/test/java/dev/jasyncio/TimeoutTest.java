package dev.jasyncio;

import static dev.jasyncio.Loops.ms;
import static dev.jasyncio.Loops.spin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

/** Async.timeout / timeoutAt: only the scope's own cancellation becomes a timeout. */
class TimeoutTest {

    private static final Duration HOUR = Duration.ofHours(1);

    /** Expiry cancels the body; the CancelledError becomes AsyncTimeoutException (as cause), not before the deadline. */
    @BothEngines
    void expiryBecomesATimeout(String engine) {
        Loops.run(engine, () -> {
            List<String> log = new ArrayList<>();
            long t0 = System.nanoTime();
            AsyncTimeoutException e = assertThrows(AsyncTimeoutException.class, () -> Async.timeout(ms(3), () -> {
                try {
                    Async.sleep(HOUR);
                } catch (CancelledError c) {
                    log.add("cancelled");
                    throw c;
                }
                return null;
            }));
            assertTrue(System.nanoTime() - t0 >= ms(3).toNanos(), "expired before the deadline");
            assertInstanceOf(CancelledError.class, e.getCause());
            assertEquals(List.of("cancelled"), log);
            assertEquals(0, Async.currentTask().cancelling(), "the scope withdrew its request");
            Async.sleep(Duration.ZERO);
            return null;
        });
    }

    /** A body that ends in time returns its value; no deadline (null) never expires. */
    @BothEngines
    void inTimeReturnsTheValue(String engine) {
        Loops.run(engine, () -> {
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
    @BothEngines
    void pastDeadlineExpiresAtOnce(String engine) {
        Loops.run(engine, () -> {
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
    @BothEngines
    void rescheduleMovesTheDeadline(String engine) {
        Loops.run(engine, () -> {
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
    @BothEngines
    void valueReturnedDespiteExpiryIsReturned(String engine) {
        Loops.run(engine, () -> {
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
    @BothEngines
    void otherErrorDuringExpiryPropagatesWithTheTimeoutSuppressed(String engine) {
        Loops.run(engine, () -> {
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
    @BothEngines
    void nestedInnerExpiryIsTheInnersTimeout(String engine) {
        Loops.run(engine, () -> {
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
    @BothEngines
    void nestedOuterExpiryIsNotConvertedByTheInner(String engine) {
        Loops.run(engine, () -> {
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
    @BothEngines
    void nestedSimultaneousExpiryIsConvertedOnce(String engine) {
        Loops.run(engine, () -> {
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
    @BothEngines
    void outsideCancelTogetherWithExpiryStaysACancellation(String engine) {
        Loops.run(engine, () -> {
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
    @BothEngines
    void outsideCancelThroughNestedTimeoutsStaysACancellation(String engine) {
        Loops.run(engine, () -> {
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
    @BothEngines
    void checkedExceptionsAreWrappedAndATaskIsRequired(String engine) {
        Loops.run(engine, () -> {
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
