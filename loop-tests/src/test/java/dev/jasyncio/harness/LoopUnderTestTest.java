package dev.jasyncio.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.jasyncio.EventLoop;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.LoopUnderTest;
import dev.jasyncio.conformance.Steps;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Checks the conformance harness itself: that {@link LoopUnderTest} and {@link Steps} fail the
 * tests they should. The fixtures below are run through the JUnit engine test kit, never by
 * Surefire (which skips nested classes).
 */
class LoopUnderTestTest {

    private static Events run(String fixture, String loopName) {
        Method method = Arrays.stream(Fixtures.class.getDeclaredMethods())
            .filter(m -> m.getName().equals(fixture))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no fixture " + fixture));
        return EngineTestKit.engine("junit-jupiter")
            .configurationParameter(LoopUnderTest.LOOP_PARAMETER, loopName)
            .selectors(selectMethod(Fixtures.class, method))
            .execute()
            .testEvents();
    }

    private static void assertFails(String method, String messagePart) {
        run(method, "core").assertThatEvents().haveExactly(1,
            event(test(method), finishedWithFailure(message((Predicate<String>) m -> m != null && m.contains(messagePart)))));
    }

    /** A passing test of the harness passes. */
    @Test
    void aPassingTestPasses() {
        run("passes", "core").assertThatEvents().haveExactly(1, event(test("passes"), finishedSuccessfully()));
    }

    /** The loop comes from the backend the configuration parameter names. */
    @Test
    void theLoopComesFromTheConfiguredBackend() {
        run("isCore", "core").assertThatEvents().haveExactly(1, event(test("isCore"), finishedSuccessfully()));
    }

    /** An unknown backend fails the test, saying so. */
    @Test
    void anUnknownBackendFailsTheTest() {
        run("passes", "nosuch").assertThatEvents().haveExactly(1,
            event(test("passes"), finishedWithFailure(message((Predicate<String>) m -> m.contains("does not exist")))));
    }

    /** An assertion that fails inside a callback fails the test, though the loop caught it. */
    @Test
    void anAssertionFailingInACallbackFailsTheTest() {
        assertFails("assertionInCallback", "deliberate failure in a callback");
    }

    /** An exception of a callback that nobody expected fails the test. */
    @Test
    void anUnexpectedCallbackExceptionFailsTheTest() {
        assertFails("exceptionInCallback", "unexpected error");
    }

    /** A test that installs its own exception handler takes the errors over. */
    @Test
    void aTestWithItsOwnHandlerTakesTheErrorsOver() {
        run("ownHandler", "core").assertThatEvents().haveExactly(1, event(test("ownHandler"), finishedSuccessfully()));
    }

    /** Steps out of order in another thread fail the test. */
    @Test
    void stepsOutOfOrderInAnotherThreadFailTheTest() {
        assertFails("stepsOutOfOrderInAnotherThread", "Expected to reach step 2 but this is step 1");
    }

    /** Steps started and never finished fail the test. */
    @Test
    void unfinishedStepsFailTheTest() {
        assertFails("unfinishedSteps", "finish() was never reached");
    }

    /** A loop left running fails the test; the harness stops it and closes it. */
    @Test
    void aLoopLeftRunningFailsTheTestAndIsStopped() throws InterruptedException {
        assertFails("leavesTheLoopRunning", "still running");
        assertTrue(Fixtures.loopThreadEnded.await(10, TimeUnit.SECONDS), "the harness did not stop the loop");
        assertTrue(Fixtures.leftRunning.isClosed(), "the harness did not close the loop it stopped");
    }

    /** The injected loop and every loop of the injected factory are closed after the test. */
    @Test
    void loopsAreClosedAfterTheTest() {
        run("makesLoops", "core").assertThatEvents().haveExactly(1, event(test("makesLoops"), finishedSuccessfully()));
        assertTrue(Fixtures.injected.isClosed());
        assertTrue(Fixtures.made.isClosed());
    }

    /** Tests run by the test kit only. */
    @Conformance
    static class Fixtures {
        static volatile EventLoop injected;
        static volatile EventLoop made;
        static volatile EventLoop leftRunning;
        static final CountDownLatch loopThreadEnded = new CountDownLatch(1);

        @Test
        void passes(EventLoop loop) {
            loop.callSoon(loop::stop);
            loop.runForever();
        }

        @Test
        void isCore(EventLoop loop) {
            assertEquals("core", loop.providerName());
        }

        @Test
        void assertionInCallback(EventLoop loop) {
            loop.callSoon(() -> fail("deliberate failure in a callback"));
            loop.callSoon(loop::stop);
            loop.runForever();
        }

        @Test
        void exceptionInCallback(EventLoop loop) {
            loop.callSoon(() -> {
                throw new IllegalStateException("deliberate");
            });
            loop.callSoon(loop::stop);
            loop.runForever();
        }

        @Test
        void ownHandler(EventLoop loop) {
            loop.setExceptionHandler((l, c) -> {});
            loop.callSoon(() -> {
                throw new IllegalStateException("deliberate");
            });
            loop.callSoon(loop::stop);
            loop.runForever();
        }

        @Test
        void stepsOutOfOrderInAnotherThread(Steps steps) throws InterruptedException {
            Thread t = new Thread(() -> {
                try {
                    steps.expect(2);
                } catch (AssertionError swallowed) {
                    // The harness must report it anyway.
                }
            });
            t.start();
            t.join();
        }

        @Test
        void unfinishedSteps(Steps steps) {
            steps.expect(1);
        }

        @Test
        void leavesTheLoopRunning(EventLoop loop) throws InterruptedException {
            leftRunning = loop;
            CountDownLatch running = new CountDownLatch(1);
            loop.callSoon(running::countDown);
            Thread t = new Thread(() -> {
                try {
                    loop.runForever();
                } finally {
                    loopThreadEnded.countDown();
                }
            });
            t.setDaemon(true);
            t.start();
            running.await();
        }

        @Test
        void makesLoops(EventLoop loop, LoopFactory factory) {
            injected = loop;
            made = factory.newEventLoop();
            assertFalse(loop.isClosed() || made.isClosed());
        }
    }
}
