package dev.jasyncio.conformance.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.ContextVar;
import dev.jasyncio.EventLoop;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.Task;
import dev.jasyncio.TaskFactory;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.Tasks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The eager task factory ({@code loop.setTaskFactory(TaskFactory.EAGER)}, asyncio's
 * {@code eager_task_factory}): the first step of a task runs inside createTask.
 */
@Conformance
class EagerTaskFactoryTest {
    private static final ContextVar<String> WHO = new ContextVar<>("who", "nobody");

    /**
     * With the eager factory the first step runs inside createTask, as the current task, up to
     * the first suspension; the rest runs later on the loop, and the creator is current again
     * when createTask returns.
     */
    @Test
    void theFirstStepRunsInsideCreateTask(LoopFactory factory) {
        Tasks.run(factory, () -> {
            EventLoop loop = Async.getRunningLoop();
            loop.setTaskFactory(TaskFactory.EAGER);
            assertSame(TaskFactory.EAGER, loop.getTaskFactory());
            Task<?> creator = Async.currentTask();
            List<String> log = new ArrayList<>();
            List<Task<?>> seenAsCurrent = new ArrayList<>();
            Task<String> t = Async.createTask(() -> {
                seenAsCurrent.add(Async.currentTask());
                log.add("first step");
                Async.sleep(Duration.ZERO);
                log.add("second step");
                return "value";
            });
            log.add("createTask returned");
            assertSame(creator, Async.currentTask(), "the creator is current again after the eager step");
            assertSame(t, seenAsCurrent.get(0), "the eager step ran as the new task");
            assertFalse(t.isDone(), "the task suspended in its first step");
            assertEquals("value", Async.await(t));
            assertEquals(List.of("first step", "createTask returned", "second step"), log);
            return null;
        });
    }

    /**
     * With the eager factory a coroutine that never suspends gives an already done task: its
     * value, or its exception, is there when createTask returns.
     */
    @Test
    void aCoroutineThatNeverSuspendsGivesAnAlreadyDoneTask(LoopFactory factory) {
        Tasks.run(factory, () -> {
            EventLoop loop = Async.getRunningLoop();
            loop.setTaskFactory(TaskFactory.EAGER);
            Task<Integer> value = loop.createTask(() -> 42, "answer");
            assertTrue(value.isDone());
            assertEquals("answer", value.getName());
            assertEquals(42, value.result());
            IllegalArgumentException boom = new IllegalArgumentException("boom");
            Task<Integer> failed = Async.createTask(() -> {
                throw boom;
            });
            assertTrue(failed.isDone());
            assertSame(boom, failed.exception());
            assertFalse(Async.allTasks().contains(value), "a done task is not pending");
            return null;
        });
    }

    /** The eager first step runs in the task's own copy of the creator's context. */
    @Test
    void theEagerStepRunsInACopyOfTheCreatorsContext(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Async.getRunningLoop().setTaskFactory(TaskFactory.EAGER);
            WHO.set("creator");
            Task<String> t = Async.createTask(() -> {
                String seen = WHO.get();
                WHO.set("child");
                return seen;
            });
            assertEquals("creator", t.result());
            assertEquals("creator", WHO.get(), "the eager step's set stayed in the task's context");
            return null;
        });
    }

    /** Without the eager factory (the default) nothing of the task runs inside createTask. */
    @Test
    void theDefaultFactoryStartsTasksLazily(LoopFactory factory) {
        Tasks.run(factory, () -> {
            List<String> log = new ArrayList<>();
            Task<Integer> t = Async.createTask(() -> {
                log.add("ran");
                return 1;
            });
            assertFalse(t.isDone());
            assertTrue(log.isEmpty());
            assertEquals(1, Async.await(t));
            assertEquals(List.of("ran"), log);
            return null;
        });
    }

    /**
     * On a loop that is not running the eager factory falls back to scheduling: the first step
     * runs once the loop runs.
     */
    @Test
    void onALoopThatIsNotRunningTheEagerFactoryStartsTheTaskLater(EventLoop loop) {
        loop.setTaskFactory(TaskFactory.EAGER);
        List<String> log = new ArrayList<>();
        Task<String> t = loop.createTask(() -> {
            log.add("ran");
            return "later";
        });
        assertFalse(t.isDone());
        assertTrue(log.isEmpty());
        assertEquals("later", loop.runUntilComplete(t));
        assertEquals(List.of("ran"), log);
    }

    /** A cancel requested in the eager step of a task that never suspends still ends the task cancelled. */
    @Test
    void anEagerTaskThatCancelsItselfEndsCancelled(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Async.getRunningLoop().setTaskFactory(TaskFactory.EAGER);
            Task<String> t = Async.createTask(() -> {
                Async.currentTask().cancel("self");
                return "ignored";
            });
            assertTrue(t.isDone());
            assertTrue(t.isCancelled());
            assertThrows(dev.jasyncio.CancelledError.class, t::result);
            return null;
        });
    }
}
