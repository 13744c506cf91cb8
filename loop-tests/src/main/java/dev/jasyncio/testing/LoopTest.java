package dev.jasyncio.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test method that runs as a task (named {@code test}) on a fresh event loop, so that its body
 * may {@code Async.await}, {@code Async.sleep}, open task groups and so on directly.
 *
 * {@snippet :
 * @LoopTest(virtualTime = true)
 * void retriesForAnHour() {
 *     Async.sleep(Duration.ofHours(1));          // returns at once, in virtual time
 *     assertEquals("ok", Async.timeout(Duration.ofMinutes(5), () -> fetch()));
 * }
 * }
 *
 * <p>The loop's backend and engine are those of the JUnit configuration parameters (or system
 * properties) {@code jasyncio.loop} and {@code jasyncio.engine}, else the defaults. The method may
 * take an {@link dev.jasyncio.EventLoop} (the loop it runs on) and, with virtual time, a
 * {@link dev.jasyncio.debug.VirtualClock}.
 *
 * <p>The test fails, besides its own assertions, when:
 * <ul>
 *   <li>it leaves tasks running when its body returns (they are listed with the task dump, then
 *       cancelled);</li>
 *   <li>the loop reports an error to its exception handler that nobody handled: a task error
 *       never retrieved, a callback that threw (a test that installs its own handler switches
 *       this check off);</li>
 *   <li>the loop deadlocks: nothing can ever wake it while tasks wait
 *       ({@link dev.jasyncio.debug.LoopDeadlockException}, with the task dump; detected while no
 *       I/O can arrive: always on the {@code core} backend, on nio and epoll while no channel is
 *       open);</li>
 *   <li>it runs longer than {@link #timeoutMillis()} of real time: the task dump taken at that
 *       moment is in the failure, then the tasks are cancelled.</li>
 * </ul>
 * Deadlock detection counts on other threads reaching the loop through {@code toThread},
 * {@code runInExecutor} or {@code wrapFuture}; a test whose own thread posts with
 * {@code callSoonThreadsafe} should set {@link #detectDeadlocks()} to false.
 *
 * @apiNote asyncio: no counterpart (compare {@code IsolatedAsyncioTestCase}, Kotlin's
 *     {@code runTest} with {@code CoroutinesTimeout}, Tokio's {@code #[tokio::test(start_paused)]}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Test
@ExtendWith(LoopTestExtension.class)
public @interface LoopTest {

    /**
     * Whether the loop runs on virtual time ({@link dev.jasyncio.debug.TestLoops#virtual}): timers
     * fire as soon as nothing else can run. Off by default, as I/O keeps real time.
     */
    boolean virtualTime() default false;

    /** The limit of real time, in milliseconds, after which the test counts as hung. */
    long timeoutMillis() default 10_000;

    /** Whether the loop runs in debug mode (then task dumps show where each task was created). */
    boolean debug() default false;

    /** Whether a loop that can never wake up again fails the test at once (default true). */
    boolean detectDeadlocks() default true;
}
