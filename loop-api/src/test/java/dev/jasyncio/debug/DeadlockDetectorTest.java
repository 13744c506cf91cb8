package dev.jasyncio.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.Task;
import dev.jasyncio.sync.Event;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The deadlock detector of test loops: fails with the task dump where a plain loop would hang. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DeadlockDetectorTest {

    private static LoopFactory factory(String clock) {
        return clock.equals("virtual") ? TestLoops.virtual() : TestLoops.detectingDeadlocks(LoopFactory.byName("core"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "real"})
    void twoTasksWaitingForEachOthersEventsAreADeadlock(String clock) {
        EventLoop loop = factory(clock).newEventLoop();
        loop.setExceptionHandler((l, c) -> {});
        try {
            Event aDone = new Event();
            Event bDone = new Event();
            Task<Void> a = loop.createTask(() -> {
                bDone.await();
                aDone.set();
                return null;
            }, "waits-for-b");
            Task<Void> b = loop.createTask(() -> {
                Async.sleep(Duration.ofMillis(50));
                aDone.await();
                bDone.set();
                return null;
            }, "waits-for-a");
            LoopDeadlockException e = assertThrows(LoopDeadlockException.class, () -> loop.runUntilComplete(a));
            assertEquals(List.of("waits-for-b", "waits-for-a"), e.dump().tasks().stream().map(TaskInfo::name).toList());
            assertTrue(e.dump().tasks().stream().allMatch(t -> t.state().equals("suspended")), e::getMessage);
            assertTrue(e.getMessage().contains("#1 waits-for-b: suspended, awaiting Future[pending]"), e.getMessage());
            assertTrue(e.getMessage().contains("DeadlockDetectorTest"), "the dump shows the stacks: " + e.getMessage());
            assertFalse(a.isDone());
            assertFalse(b.isDone());
        } finally {
            loop.close();
        }
    }

    @Test
    void aLoopWithATimerLeftIsNotDeadlocked() {
        EventLoop loop = TestLoops.detectingDeadlocks(LoopFactory.byName("core")).newEventLoop();
        try {
            Task<String> t = loop.createTask(() -> {
                Async.sleep(Duration.ofMillis(20));
                return "woke";
            });
            assertEquals("woke", loop.runUntilComplete(t));
        } finally {
            loop.close();
        }
    }

    @Test
    void aLoopWithoutTasksIsNotDeadlocked() {
        EventLoop loop = TestLoops.virtual().newEventLoop();
        try {
            loop.callSoon(loop::stop);
            loop.runForever();
            TestLoops.runUntilIdle(loop);
        } finally {
            loop.close();
        }
    }
}
