package dev.jasyncio.debug;

import dev.jasyncio.Future;
import dev.jasyncio.Task;
import dev.jasyncio.internal.debug.LoopProbe;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the task-level await graph of one loop, on its thread: who waits for whom, through
 * plain awaits and through the awaited-by links that gather, shield, wait and task groups leave
 * on the futures they wait for (asyncio 3.14's call graph).
 */
final class AwaitGraph {
    private final LoopProbe probe;
    private final List<Task<?>> live;
    /** Dump ids of the live tasks, 1-based, oldest first. */
    private final Map<Future<?>, Integer> ids = new IdentityHashMap<>();
    /** Tasks suspended on each future. */
    private final Map<Future<?>, List<Future<?>>> awaiters = new IdentityHashMap<>();

    private AwaitGraph(LoopProbe probe) {
        this.probe = probe;
        this.live = probe.liveTaskList();
        for (Task<?> t : live) {
            ids.put(t, ids.size() + 1);
            Future<?> f = t.awaiting();
            if (f != null) {
                awaiters.computeIfAbsent(f, k -> new ArrayList<>()).add(t);
            }
        }
    }

    /** The tasks of the loop behind {@code probe}, with their edges. Loop thread only. */
    static List<TaskInfo> build(LoopProbe probe) {
        return new AwaitGraph(probe).infos();
    }

    private List<TaskInfo> infos() {
        List<Set<Integer>> parents = new ArrayList<>();
        List<Set<Integer>> children = new ArrayList<>();
        for (int i = 0; i < live.size(); i++) {
            parents.add(new TreeSet<>());
            children.add(new TreeSet<>());
        }
        for (Task<?> t : live) {
            int id = ids.get(t);
            for (int parent : waitingTasks(t)) {
                parents.get(id - 1).add(parent);
                children.get(parent - 1).add(id);
            }
        }
        List<TaskInfo> infos = new ArrayList<>(live.size());
        for (Task<?> t : live) {
            int id = ids.get(t);
            Future<?> awaiting = t.awaiting();
            StackTraceElement[] site = probe.creationSite(t);
            infos.add(new TaskInfo(t, id, t.getName(), probe.taskState(t), t.cancelling(),
                awaiting == null ? null : describe(awaiting), new ArrayList<>(children.get(id - 1)),
                new ArrayList<>(parents.get(id - 1)), Arrays.asList(trim(t.getStack())),
                site == null ? List.of() : Arrays.asList(site)));
        }
        return infos;
    }

    /** Ids of the live tasks that wait for {@code f}, walking up through futures that are not live tasks. */
    private Set<Integer> waitingTasks(Future<?> f) {
        Set<Integer> found = new TreeSet<>();
        Set<Future<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Future<?>> todo = new ArrayDeque<>();
        todo.push(f);
        seen.add(f);
        while (!todo.isEmpty()) {
            Future<?> x = todo.pop();
            List<Future<?>> waiters = new ArrayList<>(awaiters.getOrDefault(x, List.of()));
            waiters.addAll(probe.awaitedBy(x));
            for (Future<?> w : waiters) {
                Integer id = ids.get(w);
                if (id != null) {
                    found.add(id);
                } else if (!(w instanceof Task<?>) && seen.add(w)) {
                    todo.push(w);
                }
            }
        }
        return found;
    }

    private String describe(Future<?> f) {
        Integer id = ids.get(f);
        return id != null ? "task #" + id + " " + ((Task<?>) f).getName() : f.toString();
    }

    /** The stack without the loop's own frames on top (the engine's suspend, Task.await). */
    private static StackTraceElement[] trim(StackTraceElement[] stack) {
        int i = 0;
        while (i < stack.length && isSuspensionFrame(stack[i])) {
            i++;
        }
        return Arrays.copyOfRange(stack, i, stack.length);
    }

    private static boolean isSuspensionFrame(StackTraceElement e) {
        String c = e.getClassName();
        // java.lang.System$…: the JDK's own access to park a virtual thread (the hand-off engine's suspend).
        return c.startsWith("dev.jasyncio.internal.") || c.equals("dev.jasyncio.Task") || c.startsWith("jdk.internal.")
            || c.startsWith("java.lang.VirtualThread") || c.startsWith("java.lang.System$")
            || c.startsWith("java.util.concurrent.locks.LockSupport");
    }
}
