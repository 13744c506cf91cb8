package dev.jasyncio.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.debug.LoopDeadlockException;
import dev.jasyncio.debug.VirtualClock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.opentest4j.AssertionFailedError;

/**
 * What {@link LoopTest} passes and fails, run through the JUnit test kit on sample tests, on every
 * backend and coroutine engine (a backend this machine lacks is skipped).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LoopTestExtensionTest {

    /** The samples: each method is one situation; run only by the test kit (nested classes are not run by Surefire). */
    static class Samples {
        /** The backend and engine of the loop the last {@code recordsItsLoop*} sample ran on. */
        static volatile String ranOn;

        @LoopTest
        void recordsItsLoop() {
            EventLoop loop = Async.getRunningLoop();
            ranOn = loop.providerName() + "/" + loop.engineName();
        }

        @LoopTest(virtualTime = true)
        void recordsItsLoopInVirtualTime() {
            recordsItsLoop();
        }

        @LoopTest(virtualTime = true)
        void sleepsAnHourInVirtualTime(EventLoop loop, VirtualClock clock) {
            Async.sleep(Duration.ofHours(1));
            assertEquals(Duration.ofHours(1), clock.elapsed());
            assertEquals(loop, Async.getRunningLoop());
        }

        @LoopTest(virtualTime = true)
        void leavesATaskRunning() {
            Async.createTask(() -> {
                Async.sleep(Duration.ofDays(1));
                return null;
            }, "forgotten");
        }

        @LoopTest
        void leavesAnErrorUnretrieved() {
            Async.createTask(() -> {
                throw new IllegalStateException("nobody looks at me");
            }, "failing");
            Async.sleep(Duration.ZERO);
            Async.sleep(Duration.ZERO);
        }

        @LoopTest(virtualTime = true)
        void waitsForAFutureNobodyCompletes() {
            Future<String> never = Async.getRunningLoop().createFuture();
            Async.await(never);
        }

        @LoopTest(timeoutMillis = 300)
        void waitsLongerThanItsTimeLimit() {
            Async.toThread(() -> {
                Thread.sleep(1_500);
                return null;
            });
        }

        @LoopTest(timeoutMillis = 200)
        void blocksTheLoopThread() throws InterruptedException {
            Thread.sleep(3_000);
        }

        @LoopTest
        void failsItsOwnAssertion() {
            Async.sleep(Duration.ofMillis(1));
            assertEquals(1, 2, "the sample's own assertion");
        }
    }

    /** Every backend with every engine, as the conformance suites run them. */
    static Stream<Arguments> backends() {
        return Stream.of("core", "nio", "epoll").flatMap(b -> Stream.of("continuation", "handoff").map(e -> Arguments.of(b, e)));
    }

    /** Runs the sample {@code method} with {@code @LoopTest} set to {@code backend}/{@code engine}; its failure or null. */
    private static Throwable run(String backend, String engine, String method, Class<?>... parameterTypes) {
        assumeTrue(LoopFactory.availableNames().contains(backend), () -> "the " + backend + " backend is not available here");
        var results = EngineTestKit.engine("junit-jupiter")
            .configurationParameter(LoopTestExtension.LOOP_PARAMETER, backend)
            .configurationParameter(LoopTestExtension.ENGINE_PARAMETER, engine)
            .selectors(selectMethod(Samples.class, method, Arrays.stream(parameterTypes).map(Class::getName)
                .reduce((a, b) -> a + "," + b).orElse("")))
            .execute()
            .testEvents();
        assertEquals(1, results.finished().count(), () -> method + " did not run: " + results.list());
        return results.finished().stream().findFirst().map(Event::getPayload).orElseThrow()
            .map(p -> ((TestExecutionResult) p).getThrowable().orElse(null)).orElse(null);
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("backends")
    void aTestRunsOnTheConfiguredBackendAndEngine(String backend, String engine) {
        for (String sample : List.of("recordsItsLoop", "recordsItsLoopInVirtualTime")) {
            Samples.ranOn = null;
            assertEquals(null, run(backend, engine, sample));
            assertEquals(backend + "/" + engine, Samples.ranOn, sample);
        }
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("backends")
    void aTestRunsAsATaskAndSleepsAnHourOfVirtualTime(String backend, String engine) {
        Throwable failure = run(backend, engine, "sleepsAnHourInVirtualTime", EventLoop.class, VirtualClock.class);
        assertEquals(null, failure);
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("backends")
    void aTestThatLeavesATaskRunningFailsWithTheTaskDump(String backend, String engine) {
        Throwable failure = run(backend, engine, "leavesATaskRunning");
        assertInstanceOf(AssertionFailedError.class, failure);
        assertTrue(failure.getMessage().startsWith("The test left 1 task running"), failure.getMessage());
        assertTrue(failure.getMessage().contains("#1 forgotten: suspended"), failure.getMessage());
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("backends")
    void aTestThatLeavesAnErrorUnretrievedFails(String backend, String engine) {
        Throwable failure = run(backend, engine, "leavesAnErrorUnretrieved");
        assertTrue(failure.getMessage().contains("Task exception was never retrieved (task failing"), String.valueOf(failure));
        assertEquals("nobody looks at me", failure.getCause().getMessage());
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("backends")
    void aDeadlockedTestFailsAtOnceWithTheTaskDump(String backend, String engine) {
        Throwable failure = run(backend, engine, "waitsForAFutureNobodyCompletes");
        assertInstanceOf(LoopDeadlockException.class, failure);
        assertTrue(failure.getMessage().contains("#1 test: suspended, awaiting Future[pending]"), failure.getMessage());
        assertTrue(failure.getMessage().contains("waitsForAFutureNobodyCompletes"), "the dump shows the test's stack");
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("backends")
    void aTestOverItsTimeLimitFailsWithTheTasksAtThatMoment(String backend, String engine) {
        Throwable failure = run(backend, engine, "waitsLongerThanItsTimeLimit");
        assertTrue(failure.getMessage().startsWith("The test did not finish within 300 ms"), failure.getMessage());
        assertTrue(failure.getMessage().contains("#1 test: suspended"), failure.getMessage());
        assertTrue(failure.getMessage().contains("Async.toThread"), failure.getMessage());
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("backends")
    void aTestStuckInABlockingCallFailsWithTheLoopThreadsStack(String backend, String engine) {
        Throwable failure = run(backend, engine, "blocksTheLoopThread");
        assertTrue(failure.getMessage().startsWith("The test did not finish within 200 ms"), failure.getMessage());
        assertTrue(failure.getMessage().contains("did not answer within"), failure.getMessage());
        assertTrue(failure.getMessage().contains("blocksTheLoopThread"), failure.getMessage());
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("backends")
    void aTestsOwnFailureIsReportedAsItIs(String backend, String engine) {
        Throwable failure = run(backend, engine, "failsItsOwnAssertion");
        assertInstanceOf(AssertionFailedError.class, failure);
        assertTrue(failure.getMessage().startsWith("the sample's own assertion"), failure.getMessage());
    }
}
