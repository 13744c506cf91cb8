package dev.jasyncio.conformance.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.Task;
import dev.jasyncio.TaskFactory;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.Tasks;
import dev.jasyncio.gen.Generator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Which task {@link Async#currentTask()} names: the task whose step runs the code, found from the
 * innermost running task fiber, through generator bodies and eager first steps, and none in a
 * plain callback, even one a task scheduled.
 */
@Conformance
class CurrentTaskTest {

    /**
     * A generator body runs as the task that resumes it, from its very first step (before any
     * await), and as another task when that one resumes it next.
     */
    @Test
    void aGeneratorBodyRunsAsTheTaskThatResumesIt(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Generator<Task<?>, Void, Void> gen = Generator.of(g -> {
                g.yield(Async.currentTask());
                g.yield(Async.currentTask());
                return null;
            });
            assertSame(Async.currentTask(), gen.next(), "started by the main task");
            Task<Task<?>> other = Async.createTask(gen::next, "other");
            assertSame(other, Async.await(other), "resumed by another task");
            return null;
        });
    }

    /**
     * A generator driven from a plain callback runs as no task, also one that a task started
     * earlier; the loop is still the running loop there.
     */
    @Test
    void aGeneratorDrivenFromAPlainCallbackRunsAsNoTask(LoopFactory factory) {
        Tasks.run(factory, () -> {
            EventLoop loop = Async.getRunningLoop();
            Supplier<String> probe = () -> (Async.currentTask() == null ? "no task" : Async.currentTask().getName())
                + (Async.getRunningLoop() == loop ? " on the loop" : " elsewhere");
            Generator<String, Void, Void> startedInTask = Generator.of(g -> {
                g.yield(probe.get());
                g.yield(probe.get());
                return null;
            });
            assertEquals(Async.currentTask().getName() + " on the loop", startedInTask.next());
            Future<List<String>> seen = loop.createFuture();
            loop.callSoon(() -> {
                Generator<String, Void, Void> fresh = Generator.of(g -> {
                    g.yield(probe.get());
                    return null;
                });
                seen.setResult(List.of(fresh.next(), startedInTask.next()));
            });
            assertEquals(List.of("no task on the loop", "no task on the loop"), Async.await(seen));
            return null;
        });
    }

    /**
     * Eager first steps nest: inside a grandchild created eagerly in its parent's eager first step
     * the grandchild is current, then the child again, then the creator, each after the inner
     * one's first suspension.
     */
    @Test
    void nestedEagerFirstStepsEachRunAsTheirOwnTask(LoopFactory factory) {
        List<String> log = Tasks.run(factory, () -> {
            Async.getRunningLoop().setTaskFactory(TaskFactory.EAGER);
            Async.currentTask().setName("creator");
            List<String> l = new ArrayList<>();
            Future<Void> gate = Async.getRunningLoop().createFuture();
            Task<Void> child = Async.createTask(() -> {
                l.add("child first step: " + Async.currentTask().getName());
                Task<Void> grandchild = Async.createTask(() -> {
                    l.add("grandchild first step: " + Async.currentTask().getName());
                    Async.await(gate);
                    l.add("grandchild second step: " + Async.currentTask().getName());
                    return null;
                }, "grandchild");
                l.add("child after createTask: " + Async.currentTask().getName());
                Async.await(grandchild);
                l.add("child last step: " + Async.currentTask().getName());
                return null;
            }, "child");
            l.add("creator after createTask: " + Async.currentTask().getName());
            gate.setResult(null);
            Async.await(child);
            return l;
        });
        assertEquals(List.of("child first step: child", "grandchild first step: grandchild", "child after createTask: child",
            "creator after createTask: creator", "grandchild second step: grandchild", "child last step: child"), log);
    }

    /**
     * A plain callback that creates an eager task runs as no task before and after the task's
     * first step, which runs as the new task.
     */
    @Test
    void anEagerTaskCreatedInAPlainCallbackIsCurrentOnlyInItsStep(LoopFactory factory) {
        Tasks.run(factory, () -> {
            EventLoop loop = Async.getRunningLoop();
            loop.setTaskFactory(TaskFactory.EAGER);
            List<Task<?>> seen = new ArrayList<>();
            Future<Task<Void>> created = loop.createFuture();
            loop.callSoon(() -> {
                seen.add(Async.currentTask());
                Task<Void> t = loop.createTask(() -> {
                    seen.add(Async.currentTask());
                    Async.sleep(Duration.ZERO);
                    return null;
                }, "eager");
                seen.add(Async.currentTask());
                created.setResult(t);
            });
            Task<Void> t = Async.await(created);
            assertEquals(Arrays.asList(null, t, null), seen);
            Async.await(t);
            return null;
        });
    }

    /**
     * Callbacks a task schedules (callSoon, callLater, a done callback) run as no task, so await
     * there fails as outside a task.
     */
    @Test
    void callbacksATaskSchedulesRunAsNoTask(LoopFactory factory) {
        Tasks.run(factory, () -> {
            EventLoop loop = Async.getRunningLoop();
            Future<String> soon = loop.createFuture();
            Future<String> later = loop.createFuture();
            Future<String> done = loop.createFuture();
            Future<Void> trigger = loop.createFuture();
            Supplier<String> probe = () -> {
                Task<?> t = Async.currentTask();
                if (t != null) {
                    return "ran as " + t.getName();
                }
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> Async.await(trigger));
                return e.getMessage().contains("outside a task") ? "no task" : e.getMessage();
            };
            loop.callSoon(() -> soon.setResult(probe.get()));
            loop.callLater(Duration.ofMillis(1), () -> later.setResult(probe.get()));
            trigger.addDoneCallback(f -> done.setResult(probe.get()));
            trigger.setResult(null);
            assertEquals(List.of("no task", "no task", "no task"), List.of(Async.await(soon), Async.await(later), Async.await(done)));
            assertNotNull(Async.currentTask(), "the scheduling task is current again");
            return null;
        });
    }

    /**
     * Awaiting another loop's future fails naming the task that awaits: the eager child in its
     * first step, the task resuming a generator in the generator's body; the task goes on.
     */
    @Test
    void awaitingAnotherLoopsFutureNamesTheAwaitingTask(LoopFactory factory, EventLoop other) {
        Tasks.run(factory, () -> {
            Future<String> foreign = other.createFuture();
            Async.getRunningLoop().setTaskFactory(TaskFactory.EAGER);
            Task<String> eager = Async.createTask(() -> awaitFailure(foreign), "eager-child");
            assertTrue(eager.isDone(), "the child caught the failure and ended in its first step");
            assertTrue(eager.result().startsWith("Task eager-child awaits"), eager.result());
            Generator<String, Void, Void> gen = Generator.of(g -> {
                g.yield(awaitFailure(foreign));
                return null;
            });
            Task<String> resumer = Async.createTask(gen::next, "resumer");
            assertTrue(resumer.result().startsWith("Task resumer awaits"), resumer.result());
            assertFalse(foreign.isDone(), "the foreign future is left alone");
            gen.close();
            return null;
        });
    }

    /** The message of the IllegalStateException that awaiting {@code foreign} throws here. */
    private static String awaitFailure(Future<String> foreign) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Async.await(foreign));
        assertTrue(e.getMessage().endsWith("attached to a different loop"), e.getMessage());
        return e.getMessage();
    }
}
