package dev.jasyncio.debug;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Task;
import dev.jasyncio.internal.debug.LoopProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A snapshot of every live task of one loop: its state, what it awaits, which tasks wait for it
 * (through plain awaits and through gather, shield, wait and task groups), its suspended stack,
 * and, for tasks made in debug mode, where it was created. Await cycles (tasks that wait for
 * each other) are found and reported.
 *
 * {@snippet :
 * System.out.println(TaskDump.current());          // inside a task or callback
 * String json = TaskDump.of(loop).toJson();        // on the loop thread
 * String text = TaskDump.dumpThreadsafe(loop, Duration.ofSeconds(5)); // from any thread
 * }
 *
 * <p>The text form is a tree, each task under the task that waits for it:
 * <pre>
 * Event loop core-1 (running, continuation engine): 3 live tasks
 * #1 main: running
 * ├── #2 fetch-a: suspended, awaiting Future[pending]
 * │       at dev.jasyncio.Async.sleep(Async.java:168)
 * │       at app.Main.fetch(Main.java:31)
 * └── #3 fetch-b: suspended, awaiting Future[pending]
 * No await cycles.
 * </pre>
 *
 * <p>Made on the loop thread ({@link #of}, {@link #current}) or requested from any thread
 * ({@link #request}, {@link #dumpThreadsafe}); immutable once made.
 *
 * @apiNote asyncio: {@code asyncio.capture_call_graph()} / {@code print_call_graph()} and
 *     {@code python -m asyncio ps|pstree PID} (3.14), in-process; creation stacks as in debug
 *     mode's {@code source_traceback}.
 */
public final class TaskDump {
    private final String loopId;
    private final boolean running;
    private final String engine;
    private final List<TaskInfo> tasks;
    private final List<List<Integer>> cycles;

    private TaskDump(LoopProbe probe) {
        this.loopId = probe.loopId();
        this.running = probe.runningThread() != null;
        this.engine = probe.loop().engineName();
        this.tasks = List.copyOf(AwaitGraph.build(probe));
        this.cycles = Cycles.find(tasks).stream().map(List::copyOf).toList();
    }

    /**
     * The tasks of {@code loop} now. Loop thread only (or while the loop is not running).
     *
     * @throws IllegalStateException on another thread while the loop runs: use {@link #request}
     * @apiNote asyncio: {@code asyncio.all_tasks(loop)} with each task's call graph.
     */
    public static TaskDump of(EventLoop loop) {
        LoopProbe p = Probes.of(loop);
        if (!p.inLoopThread()) {
            throw new IllegalStateException("TaskDump.of(" + p.loopId() + ") called from thread "
                + Thread.currentThread().getName() + " while the loop runs in another: use TaskDump.request(loop) "
                + "or TaskDump.dumpThreadsafe(loop, timeout)");
        }
        return new TaskDump(p);
    }

    /** The dump of the loop behind {@code probe}; the caller checked the thread. */
    static TaskDump of(LoopProbe probe) {
        return new TaskDump(probe);
    }

    /**
     * The tasks of the running loop.
     *
     * @throws IllegalStateException outside a running loop
     * @apiNote asyncio: {@code asyncio.all_tasks()} with each task's call graph.
     */
    public static TaskDump current() {
        return of(Async.getRunningLoop());
    }

    /**
     * Any thread: asks the loop for a dump (through {@link EventLoop#callSoonThreadsafe}); the
     * future completes when the loop gets to it, so never, if the loop is blocked or stopped.
     *
     * @throws IllegalStateException if the loop is closed
     * @apiNote asyncio: no counterpart (the external {@code python -m asyncio ps} reads memory instead).
     */
    public static CompletableFuture<TaskDump> request(EventLoop loop) {
        LoopProbe p = Probes.of(loop);
        CompletableFuture<TaskDump> cf = new CompletableFuture<>();
        loop.callSoonThreadsafe(() -> {
            try {
                cf.complete(new TaskDump(p));
            } catch (RuntimeException | Error e) {
                cf.completeExceptionally(e);
            }
        });
        return cf;
    }

    /**
     * Any thread: the text dump of {@code loop}, waiting at most {@code timeout} for the loop to
     * make it. If the loop does not answer in time (it is blocked, or not running), the text says
     * so and shows where the loop thread is instead. Never throws for a loop that misbehaves.
     *
     * @apiNote asyncio: no counterpart.
     */
    public static String dumpThreadsafe(EventLoop loop, Duration timeout) {
        LoopProbe p = Probes.of(loop);
        Objects.requireNonNull(timeout, "timeout");
        if (p.inLoopThread() && p.runningThread() == Thread.currentThread()) {
            return new TaskDump(p).toText();
        }
        if (loop.isClosed()) {
            return "Event loop " + p.loopId() + " is closed: it has no tasks.\n";
        }
        try {
            return request(loop).get(timeout.toNanos(), TimeUnit.NANOSECONDS).toText();
        } catch (TimeoutException e) {
            return unanswered(p, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "Interrupted while waiting for a task dump of event loop " + p.loopId() + "\n";
        } catch (ExecutionException | RuntimeException e) {
            return "Event loop " + p.loopId() + " could not make a task dump: " + (e instanceof ExecutionException ? e.getCause() : e) + "\n";
        }
    }

    private static String unanswered(LoopProbe p, Duration timeout) {
        Thread t = p.stepThread();
        if (t == null) {
            return "Event loop " + p.loopId() + " is not running, so it cannot make a task dump now ("
                + p.liveTasks() + " live tasks).\n";
        }
        StringBuilder sb = new StringBuilder("Event loop " + p.loopId() + " did not answer within " + Durations.format(timeout.toNanos())
            + ": it is blocked (" + p.liveTasks() + " live tasks). Thread " + t.getName() + " is at:\n");
        for (StackTraceElement e : t.getStackTrace()) {
            sb.append("\tat ").append(e).append('\n');
        }
        return sb.toString();
    }

    /**
     * The loop's name, e.g. {@code core-1}.
     *
     * @apiNote asyncio: no counterpart.
     */
    public String loopId() {
        return loopId;
    }

    /**
     * Whether the loop was running when the dump was made.
     *
     * @apiNote asyncio: {@code loop.is_running()}.
     */
    public boolean isRunning() {
        return running;
    }

    /**
     * The coroutine engine of the loop's tasks ({@code continuation} or {@code handoff}).
     *
     * @apiNote asyncio: no counterpart.
     */
    public String engine() {
        return engine;
    }

    /**
     * The live tasks, oldest first; {@link TaskInfo#id()} is the position plus one.
     *
     * @apiNote asyncio: {@code asyncio.all_tasks()}.
     */
    public List<TaskInfo> tasks() {
        return tasks;
    }

    /**
     * The await cycles: groups of tasks that wait for each other, each in id order. Such tasks
     * can only end if something outside the cycle cancels one of them.
     *
     * @apiNote asyncio: what {@code python -m asyncio pstree} refuses to draw ("cycle detected").
     */
    public List<List<TaskInfo>> cycles() {
        List<List<TaskInfo>> out = new ArrayList<>();
        for (List<Integer> c : cycles) {
            out.add(c.stream().map(this::task).toList());
        }
        return out;
    }

    /**
     * The entry of {@code t}, or null if it is not in the dump (done, or of another loop).
     *
     * @apiNote asyncio: no counterpart.
     */
    public TaskInfo find(Task<?> t) {
        for (TaskInfo i : tasks) {
            if (i.task() == t) {
                return i;
            }
        }
        return null;
    }

    /**
     * The text form: a tree of who waits for whom with stacks, then the cycles.
     *
     * @apiNote asyncio: {@code python -m asyncio pstree}, with the stacks of {@code print_call_graph}.
     */
    public String toText() {
        return DumpText.render(this);
    }

    /**
     * The JSON form: {@code {"loop", "running", "engine", "tasks": [{"id", "name", "state",
     * "cancelling", "awaiting", "awaits", "awaitedBy", "stack", "createdAt"}], "cycles": [[ids]]}}.
     *
     * @apiNote asyncio: {@code python -m asyncio ps --format json} (3.14).
     */
    public String toJson() {
        return DumpJson.render(this);
    }

    /** The text form. */
    @Override
    public String toString() {
        return toText();
    }

    List<List<Integer>> cycleIds() {
        return cycles;
    }

    TaskInfo task(int id) {
        return tasks.get(id - 1);
    }

    String header() {
        return "Event loop " + loopId + " (" + (running ? "running" : "not running") + ", " + engine + " engine): "
            + tasks.size() + " live task" + (tasks.size() == 1 ? "" : "s");
    }
}
