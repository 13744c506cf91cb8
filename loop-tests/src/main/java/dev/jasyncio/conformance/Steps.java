package dev.jasyncio.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Step-order assertions, after kotlinx.coroutines' {@code TestBase}: a test numbers the points its
 * code passes through, {@code expect(1)}, {@code expect(2)}…, and ends with {@code finish(n)}.
 * Any thread may call them: callbacks on the loop, helper threads.
 *
 * <p>A wrong step throws {@link AssertionError} where it happens and is also recorded, so that
 * {@link LoopUnderTest} fails the test even when the error was thrown inside a callback (where
 * the loop hands it to its exception handler) or in another thread. A test that called
 * {@link #expect} but never reached {@link #finish} fails too.
 *
 * {@snippet :
 * @Test
 * void callbacksRunInOrder(EventLoop loop, Steps steps) {
 *     loop.callSoon(() -> steps.expect(2));
 *     loop.callSoon(() -> { steps.expect(3); loop.stop(); });
 *     steps.expect(1);
 *     loop.runForever();
 *     steps.finish(4);
 * }
 * }
 */
public final class Steps {
    private final AtomicInteger last = new AtomicInteger();
    private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private volatile boolean finished;

    Steps() {}

    /** Asserts that this is step {@code n}: exactly {@code n - 1} steps came before it. */
    public void expect(int n) {
        int actual = last.incrementAndGet();
        if (actual != n) {
            fail("Expected to reach step " + n + " but this is step " + actual
                + " (in thread " + Thread.currentThread().getName() + ")");
        }
    }

    /** Asserts that this is step {@code n} and the last one. */
    public void finish(int n) {
        expect(n);
        if (finished) {
            fail("finish(" + n + ") called twice");
        }
        finished = true;
    }

    /** Asserts that this point is never reached. */
    public void expectUnreached() {
        fail("This point should not have been reached (after step " + last.get()
            + ", in thread " + Thread.currentThread().getName() + ")");
    }

    /** The step reached so far (0 before the first {@link #expect}). */
    public int current() {
        return last.get();
    }

    private void fail(String message) {
        AssertionError e = new AssertionError(message);
        failures.add(e);
        throw e;
    }

    /** The failures to report after the test, including a missing {@link #finish}. */
    List<Throwable> failures() {
        List<Throwable> all = new ArrayList<>(failures);
        if (last.get() > 0 && !finished) {
            all.add(new AssertionError("Steps were used but finish() was never reached; the last step was " + last.get()));
        }
        return all;
    }
}
