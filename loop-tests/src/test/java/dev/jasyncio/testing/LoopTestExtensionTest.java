package dev.jasyncio.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.debug.LoopDeadlockException;
import dev.jasyncio.debug.VirtualClock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.opentest4j.AssertionFailedError;

/** What {@link LoopTest} passes and fails, run through the JUnit test kit on sample tests. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LoopTestExtensionTest {

    /** The samples: each method is one situation; run only by the test kit (nested classes are not run by Surefire). */
    static class Samples {
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

    private static Throwable run(String method, Class<?>... parameterTypes) {
        var results = EngineTestKit.engine("junit-jupiter")
            .configurationParameter(LoopTestExtension.LOOP_PARAMETER, "core")
            .selectors(selectMethod(Samples.class, method, Arrays.stream(parameterTypes).map(Class::getName)
                .reduce((a, b) -> a + "," + b).orElse("")))
            .execute()
            .testEvents();
        assertEquals(1, results.finished().count(), () -> method + " did not run: " + results.list());
        return results.finished().stream().findFirst().map(Event::getPayload).orElseThrow()
            .map(p -> ((TestExecutionResult) p).getThrowable().orElse(null)).orElse(null);
    }

    @Test
    void aTestRunsAsATaskAndSleepsAnHourOfVirtualTime() {
        Throwable failure = run("sleepsAnHourInVirtualTime", EventLoop.class, VirtualClock.class);
        assertEquals(null, failure);
    }

    @Test
    void aTestThatLeavesATaskRunningFailsWithTheTaskDump() {
        Throwable failure = run("leavesATaskRunning");
        assertInstanceOf(AssertionFailedError.class, failure);
        assertTrue(failure.getMessage().startsWith("The test left 1 task running"), failure.getMessage());
        assertTrue(failure.getMessage().contains("#1 forgotten: suspended"), failure.getMessage());
    }

    @Test
    void aTestThatLeavesAnErrorUnretrievedFails() {
        Throwable failure = run("leavesAnErrorUnretrieved");
        assertTrue(failure.getMessage().contains("Task exception was never retrieved (task failing"), String.valueOf(failure));
        assertEquals("nobody looks at me", failure.getCause().getMessage());
    }

    @Test
    void aDeadlockedTestFailsAtOnceWithTheTaskDump() {
        Throwable failure = run("waitsForAFutureNobodyCompletes");
        assertInstanceOf(LoopDeadlockException.class, failure);
        assertTrue(failure.getMessage().contains("#1 test: suspended, awaiting Future[pending]"), failure.getMessage());
        assertTrue(failure.getMessage().contains("waitsForAFutureNobodyCompletes"), "the dump shows the test's stack");
    }

    @Test
    void aTestOverItsTimeLimitFailsWithTheTasksAtThatMoment() {
        Throwable failure = run("waitsLongerThanItsTimeLimit");
        assertTrue(failure.getMessage().startsWith("The test did not finish within 300 ms"), failure.getMessage());
        assertTrue(failure.getMessage().contains("#1 test: suspended"), failure.getMessage());
        assertTrue(failure.getMessage().contains("Async.toThread"), failure.getMessage());
    }

    @Test
    void aTestStuckInABlockingCallFailsWithTheLoopThreadsStack() {
        Throwable failure = run("blocksTheLoopThread");
        assertTrue(failure.getMessage().startsWith("The test did not finish within 200 ms"), failure.getMessage());
        assertTrue(failure.getMessage().contains("did not answer within"), failure.getMessage());
        assertTrue(failure.getMessage().contains("blocksTheLoopThread"), failure.getMessage());
    }

    @Test
    void aTestsOwnFailureIsReportedAsItIs() {
        Throwable failure = run("failsItsOwnAssertion");
        assertInstanceOf(AssertionFailedError.class, failure);
        assertTrue(failure.getMessage().startsWith("the sample's own assertion"), failure.getMessage());
    }
}
