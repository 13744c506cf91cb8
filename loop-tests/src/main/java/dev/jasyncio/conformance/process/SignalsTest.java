package dev.jasyncio.conformance.process;

import static dev.jasyncio.conformance.process.ProcessTesting.STEP;
import static dev.jasyncio.conformance.process.ProcessTesting.assumeUnix;
import static dev.jasyncio.conformance.process.ProcessTesting.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.process.Signals;
import dev.jasyncio.process.Subprocesses;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Signal handlers on the loop. The JVM signals itself with the kill command; SIGUSR1 is the test
 * signal (its default action would end the JVM, so a handler is always in place when it is sent).
 */
@Conformance
class SignalsTest {

    @BeforeEach
    void unixOnly() {
        assumeUnix();
    }

    /** Sends {@code signal} to this JVM and waits for the kill command to finish. */
    private static void signalSelf(String signal) throws java.io.IOException {
        String self = Long.toString(ProcessHandle.current().pid());
        int status = Subprocesses.createSubprocessExec("kill", "-" + signal, self).waitFor();
        assertEquals(0, status, "kill -" + signal);
    }

    /** The callback runs on the loop thread when the JVM receives the signal; after remove, the old handler is back. */
    @Test
    void handlerRunsOnTheLoopThread(EventLoop loop) {
        int usr1 = Signals.number("SIGUSR1");
        assertEquals(usr1, Signals.number("USR1"));
        run(loop, () -> {
            Thread loopThread = ProcessTesting.loopThread(loop);
            AtomicInteger calls = new AtomicInteger();
            Future<Thread> ranOn = loop.createFuture();
            Signals.add(usr1, () -> {
                calls.incrementAndGet();
                if (!ranOn.isDone()) {
                    ranOn.setResult(Thread.currentThread());
                }
            });
            try {
                signalSelf("USR1");
                assertSame(loopThread, Async.waitFor(ranOn, STEP));
            } finally {
                assertTrue(Signals.remove(usr1));
            }
            assertFalse(Signals.remove(usr1), "nothing left to remove");
            assertEquals(1, calls.get());
            return null;
        });
    }

    /** Adding again on the same loop replaces the callback; the handler before the first add comes back at remove. */
    @Test
    void addingAgainReplacesTheCallback(EventLoop loop) {
        int usr1 = Signals.number("USR1");
        run(loop, () -> {
            Future<String> which = loop.createFuture();
            Signals.add(usr1, () -> which.setResult("first"));
            Signals.add(usr1, () -> which.setResult("second"));
            try {
                signalSelf("USR1");
                assertEquals("second", Async.waitFor(which, STEP));
            } finally {
                assertTrue(Signals.remove(usr1));
            }
            return null;
        });
    }

    /**
     * A signal has one handler in the JVM: another open loop cannot take it; once that loop is
     * closed, its handler counts as removed and this loop can take the signal.
     */
    @Test
    void aClosedLoopsHandlerGivesWay(EventLoop loop) {
        int usr1 = Signals.number("USR1");
        EventLoop other = LoopFactory.byName(loop.providerName(), loop.engineName()).newEventLoop();
        try {
            other.runUntilComplete(other.createTask(() -> {
                Signals.add(usr1, () -> {});
                return null;
            }));
            run(loop, () -> {
                IllegalStateException taken = assertThrows(IllegalStateException.class, () -> Signals.add(usr1, () -> {}));
                assertTrue(taken.getMessage().contains("another loop"), taken.getMessage());
                assertFalse(Signals.remove(usr1), "the handler is the other loop's");
                return null;
            });
        } finally {
            other.close();
        }
        run(loop, () -> {
            Future<Thread> ranOn = loop.createFuture();
            Signals.add(usr1, () -> ranOn.setResult(Thread.currentThread()));
            try {
                signalSelf("USR1");
                assertSame(ProcessTesting.loopThread(loop), Async.waitFor(ranOn, STEP));
            } finally {
                assertTrue(Signals.remove(usr1));
            }
            return null;
        });
    }

    /** Runs {@code body} with a plain JVM handler on SIGUSR1 that counts, and puts the old one back after. */
    private static void withCountingHandler(java.util.function.Consumer<AtomicInteger> body) {
        AtomicInteger count = new AtomicInteger();
        sun.misc.Signal usr1 = new sun.misc.Signal("USR1");
        sun.misc.SignalHandler old = sun.misc.Signal.handle(usr1, s -> count.incrementAndGet());
        try {
            body.accept(count);
        } finally {
            sun.misc.Signal.handle(usr1, old);
        }
    }

    /** Polls until {@code count} reaches {@code n}, for at most {@link ProcessTesting#STEP}. Inside a task. */
    private static void awaitCount(AtomicInteger count, int n) {
        long deadline = System.nanoTime() + STEP.toNanos();
        while (count.get() < n) {
            assertTrue(System.nanoTime() < deadline, "the previous handler was called " + count.get() + " times, not " + n);
            Async.sleep(java.time.Duration.ofMillis(1));
        }
    }

    /** remove puts back the handler that was there before add: the next signal goes to it. */
    @Test
    void removeRestoresThePreviousHandler(EventLoop loop) {
        int usr1 = Signals.number("USR1");
        withCountingHandler(previous -> run(loop, () -> {
            Future<Void> ours = loop.createFuture();
            Signals.add(usr1, () -> ours.setResult(null));
            signalSelf("USR1");
            Async.waitFor(ours, STEP);
            assertTrue(Signals.remove(usr1));
            assertEquals(0, previous.get());
            signalSelf("USR1");
            awaitCount(previous, 1);
            return null;
        }));
    }

    /** A signal for a loop that has closed goes to the handler there was before, as if the close had removed it. */
    @Test
    void aSignalForAClosedLoopGoesToThePreviousHandler(EventLoop loop) {
        int usr1 = Signals.number("USR1");
        withCountingHandler(previous -> {
            EventLoop other = LoopFactory.byName(loop.providerName(), loop.engineName()).newEventLoop();
            other.runUntilComplete(other.createTask(() -> {
                Signals.add(usr1, () -> {});
                return null;
            }));
            other.close();
            run(loop, () -> {
                signalSelf("USR1");
                awaitCount(previous, 1);
                assertFalse(Signals.remove(usr1), "the closed loop's handler is gone");
                return null;
            });
        });
    }

    /** Signals a program may not handle are refused with a clear message, and nothing changes. */
    @Test
    void reservedSignalsAreRefused(EventLoop loop) {
        run(loop, () -> {
            IllegalArgumentException kill = assertThrows(IllegalArgumentException.class,
                () -> Signals.add(Signals.SIGKILL, () -> {}));
            assertTrue(kill.getMessage().contains("SIGKILL"), kill.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Signals.add(Signals.number("STOP"), () -> {}));
            assertThrows(IllegalArgumentException.class, () -> Signals.add(0, () -> {}));
            assertThrows(IllegalArgumentException.class, () -> Signals.add(999, () -> {}));
            assertFalse(Signals.remove(Signals.SIGKILL));
            return null;
        });
    }

    /**
     * A signal the JVM handles itself is refused as documented, and its handler stays: HotSpot
     * suspends threads with SIGUSR2 on Linux. (Refused twice: had the first add left its handler
     * in place, the second would find a Java handler there and take the signal.)
     */
    @Test
    void aSignalTheJvmHandlesIsRefused(EventLoop loop) {
        assumeTrue(System.getProperty("os.name").equals("Linux"), "HotSpot takes SIGUSR2 on Linux");
        int usr2 = Signals.number("USR2");
        run(loop, () -> {
            for (int attempt = 1; attempt <= 2; attempt++) {
                IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> Signals.add(usr2, () -> {}), "attempt " + attempt);
                assertTrue(refused.getMessage().startsWith("SIGUSR2 (" + usr2 + ") cannot be handled in this JVM: the JVM"
                    + " itself handles it"), refused.getMessage());
            }
            assertFalse(Signals.remove(usr2), "nothing was added");
            return null;
        });
    }

    /** Outside a running loop there is no loop to run a handler on. */
    @Test
    void outsideALoopFails(EventLoop loop) {
        assertThrows(IllegalStateException.class, () -> Signals.add(Signals.number("USR1"), () -> {}));
        assertThrows(IllegalStateException.class, () -> Signals.remove(Signals.number("USR1")));
    }
}
