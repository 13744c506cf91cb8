package dev.jasyncio.conformance.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.ReturnWhen;
import dev.jasyncio.Task;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.debug.TaskDump;
import dev.jasyncio.debug.TaskInfo;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Task dumps: the await graph through plain awaits and combinators, stacks, creation sites, cycles, text and JSON. */
@Conformance
class TaskDumpTest {

    /** Runs {@code main} as a task named "main"; a task named "dumper" takes the dump after {@code turns} iterations. */
    private static TaskDump dumpWhile(EventLoop loop, int turns, Future<Void> release, Coroutine<?> main) {
        TaskDump[] dump = new TaskDump[1];
        Task<?> m = loop.createTask(main, "main");
        loop.createTask(() -> {
            for (int i = 0; i < turns; i++) {
                Async.sleep(Duration.ZERO);
            }
            dump[0] = TaskDump.current();
            release.setResult(null);
            return null;
        }, "dumper");
        loop.runUntilComplete(m);
        assertNotNull(dump[0], "the dumper never ran");
        return dump[0];
    }

    private static TaskInfo named(TaskDump d, String name) {
        return d.tasks().stream().filter(t -> t.name().equals(name)).findFirst()
            .orElseThrow(() -> new AssertionError("no task " + name + " in\n" + d));
    }

    @Test
    void aGatherHangsItsChildrenUnderTheTaskThatAwaitsIt(EventLoop loop) {
        Future<Void> release = loop.createFuture();
        TaskDump d = dumpWhile(loop, 2, release, () -> {
            Task<Void> a = Async.createTask(() -> Async.await(release), "a");
            Task<Void> b = Async.createTask(() -> Async.await(release), "b");
            return Async.await(Async.gather(a, b));
        });
        TaskInfo main = named(d, "main");
        TaskInfo a = named(d, "a");
        TaskInfo b = named(d, "b");
        assertEquals(List.of(a.id(), b.id()), main.awaits(), d::toText);
        assertEquals(List.of(main.id()), a.awaitedBy());
        assertEquals(List.of(main.id()), b.awaitedBy());
        assertEquals("suspended", main.state());
        assertTrue(main.awaiting().startsWith("GatheringFuture[pending"), main.awaiting());
        assertEquals("running", named(d, "dumper").state());
        assertTrue(a.stack().stream().anyMatch(e -> e.getClassName().contains("TaskDumpTest")), d::toText);
        assertTrue(a.stack().get(0).getClassName().equals("dev.jasyncio.Async"), "suspension frames not trimmed: " + a.stack());
        String text = d.toText();
        assertTrue(text.contains("#1 main: suspended, awaiting GatheringFuture"), text);
        assertTrue(text.contains("├── #" + a.id() + " a: suspended"), text);
        assertTrue(text.contains("└── #" + b.id() + " b: suspended"), text);
        assertTrue(text.contains("No await cycles."), text);
        assertEquals(List.of(), d.cycles());
    }

    @Test
    void aTaskGroupsTasksAreAwaitedByTheTaskThatOpenedIt(EventLoop loop) {
        Future<Void> release = loop.createFuture();
        TaskDump d = dumpWhile(loop, 3, release, () -> Async.taskGroup(tg -> {
            tg.createTask(() -> Async.await(release), "child-1");
            tg.createTask(() -> Async.await(release), "child-2");
            return null;
        }));
        TaskInfo main = named(d, "main");
        assertEquals(List.of(named(d, "child-1").id(), named(d, "child-2").id()), main.awaits(), d::toText);
    }

    @Test
    void aShieldedTaskIsAwaitedByTheTaskThatAwaitsTheShield(EventLoop loop) {
        Future<Void> release = loop.createFuture();
        TaskDump d = dumpWhile(loop, 2, release, () -> {
            Task<Void> inner = Async.createTask(() -> Async.await(release), "inner");
            return Async.await(Async.shield(inner));
        });
        assertEquals(List.of(named(d, "main").id()), named(d, "inner").awaitedBy(), d::toText);
    }

    @Test
    void theFuturesOfAWaitAreAwaitedByTheWaitingTask(EventLoop loop) {
        Future<Void> release = loop.createFuture();
        TaskDump d = dumpWhile(loop, 2, release, () -> {
            Task<Void> x = Async.createTask(() -> Async.await(release), "x");
            Task<Void> y = Async.createTask(() -> Async.await(release), "y");
            return Async.wait(List.of(x, y), null, ReturnWhen.ALL_COMPLETED);
        });
        assertEquals(List.of(named(d, "x").id(), named(d, "y").id()), named(d, "main").awaits(), d::toText);
    }

    @Test
    void twoTasksAwaitingEachOtherAreReportedAsACycle(EventLoop loop) {
        Task<?>[] t = new Task<?>[2];
        t[0] = loop.createTask(() -> {
            Async.sleep(Duration.ZERO);
            return Async.await(t[1]);
        }, "A");
        t[1] = loop.createTask(() -> {
            Async.sleep(Duration.ZERO);
            return Async.await(t[0]);
        }, "B");
        TaskDump[] dump = new TaskDump[1];
        Task<?> dumper = loop.createTask(() -> {
            Async.sleep(Duration.ZERO);
            Async.sleep(Duration.ZERO);
            dump[0] = TaskDump.current();
            return null;
        }, "dumper");
        loop.runUntilComplete(dumper);
        // Neither can end now (and cancelling one recurses through the cycle): the loop closes over them.
        loop.setExceptionHandler((l, c) -> {});
        TaskDump d = dump[0];
        assertEquals(1, d.cycles().size(), d::toText);
        assertEquals(List.of("A", "B"), d.cycles().get(0).stream().map(TaskInfo::name).toList());
        String text = d.toText();
        assertTrue(text.contains("#1 A -> #2 B -> #1 A"), text);
        assertTrue(text.contains("#1 A: suspended, awaiting task #2 B  [in an await cycle]"), text);
    }

    @Test
    void inDebugModeATaskRemembersWhereItWasCreated(EventLoop loop) {
        loop.setDebug(true);
        Future<Void> release = loop.createFuture();
        TaskDump d = dumpWhile(loop, 1, release, () -> {
            spawnHere(release);
            return Async.await(release);
        });
        List<StackTraceElement> site = named(d, "spawned").createdAt();
        assertEquals("spawnHere", site.get(0).getMethodName(), d::toText);
        assertTrue(d.toText().contains("created at:"), d::toText);
    }

    private static void spawnHere(Future<Void> release) {
        Async.createTask(() -> Async.await(release), "spawned");
    }

    @Test
    void outsideDebugModeNoCreationSiteIsKept(EventLoop loop) {
        Future<Void> release = loop.createFuture();
        TaskDump d = dumpWhile(loop, 1, release, () -> Async.await(release));
        assertEquals(List.of(), named(d, "main").createdAt());
    }

    @Test
    void theJsonFormHasEveryTaskAndEscapesNames(EventLoop loop) {
        Future<Void> release = loop.createFuture();
        TaskDump d = dumpWhile(loop, 2, release, () -> {
            Task<Void> q = Async.createTask(() -> Async.await(release), "say \"hi\"\n");
            return Async.await(Async.gather(q));
        });
        String json = d.toJson();
        assertTrue(json.startsWith("{\"loop\":\"" + d.loopId() + "\",\"running\":true,\"engine\":\""), json);
        assertTrue(json.contains("\"name\":\"say \\\"hi\\\"\\n\""), json);
        assertTrue(json.contains("\"name\":\"main\",\"state\":\"suspended\",\"cancelling\":0,\"awaiting\":\"GatheringFuture"), json);
        assertTrue(json.contains("\"awaits\":[" + named(d, "say \"hi\"\n").id() + "]"), json);
        assertTrue(json.endsWith("\"cycles\":[]}"), json);
    }

    @Test
    void asyncDumpTasksGivesTheTextOfTheRunningLoop(LoopFactory factory) {
        String text = Async.run(() -> Async.dumpTasks(), factory);
        assertTrue(text.contains("#1 main: running"), text);
    }

    @Test
    void anotherThreadMustAskTheLoopForADump(EventLoop loop) throws Exception {
        Future<Void> release = loop.createFuture();
        CompletableFuture<String> fromOutside = new CompletableFuture<>();
        Task<Void> sleeper = loop.createTask(() -> {
            Thread.ofPlatform().start(() -> {
                try {
                    assertThrows(IllegalStateException.class, () -> TaskDump.of(loop));
                    fromOutside.complete(TaskDump.dumpThreadsafe(loop, Duration.ofSeconds(5)));
                } catch (Throwable e) {
                    fromOutside.completeExceptionally(e);
                } finally {
                    loop.callSoonThreadsafe(() -> release.setResult(null));
                }
            });
            return Async.await(release);
        }, "sleeper");
        loop.runUntilComplete(sleeper);
        String text = fromOutside.get(5, TimeUnit.SECONDS);
        assertTrue(text.contains("#1 sleeper: suspended"), text);
    }

    @Test
    void aBlockedLoopThatCannotAnswerIsShownByItsThreadsStack(EventLoop loop) throws Exception {
        CompletableFuture<String> fromOutside = new CompletableFuture<>();
        loop.callSoon(() -> {
            Thread.ofPlatform().start(() -> fromOutside.complete(TaskDump.dumpThreadsafe(loop, Duration.ofMillis(100))));
            Blocking.deliberatelyBlockUntil(fromOutside::isDone);
        });
        Blocking.runUntil(loop, fromOutside::isDone, Blocking.MAX_BLOCK);
        String text = fromOutside.get(5, TimeUnit.SECONDS);
        assertTrue(text.contains("did not answer within"), text);
        assertTrue(text.contains("deliberatelyBlockUntil"), text);
    }

    /** Under the hand-off engine the step runs on the task's own thread: its stack is the one shown. */
    @Test
    void aTaskBlockingTheLoopIsShownByTheStackOfItsStep(EventLoop loop) throws Exception {
        CompletableFuture<String> fromOutside = new CompletableFuture<>();
        loop.runUntilComplete(loop.createTask(() -> {
            Thread.ofPlatform().start(() -> fromOutside.complete(TaskDump.dumpThreadsafe(loop, Duration.ofMillis(100))));
            Blocking.deliberatelyBlockUntil(fromOutside::isDone);
            return null;
        }, "blocker"));
        String text = fromOutside.get(5, TimeUnit.SECONDS);
        assertTrue(text.contains("did not answer within"), text);
        assertTrue(text.contains("deliberatelyBlockUntil"), () -> "[" + loop.engineName() + "] " + text);
    }
}
