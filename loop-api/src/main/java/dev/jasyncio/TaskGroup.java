package dev.jasyncio;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A scope that owns tasks: the block that opened it ends only when all its tasks have ended, and
 * the first task that fails cancels the others and the block. Opened by {@link Async#taskGroup},
 * which hands it to the block.
 *
 * {@snippet :
 * List<String> pages = Async.taskGroup(tg -> {
 *     Task<String> a = tg.createTask(() -> fetch("a"));
 *     Task<String> b = tg.createTask(() -> fetch("b"));
 *     return List.of(a, b);
 * }).stream().map(Task::result).toList();
 * }
 *
 * <p>Rules:
 * <ul>
 * <li>When the block ends, the group waits for every task, and accepts new ones meanwhile.
 * <li>The first task that ends with an exception other than {@link CancelledError} cancels every
 *     other task and the block (once); when all have ended the group throws an
 *     {@link ExceptionGroup} of every error, the block's own included. A block that throws does
 *     the same.
 * <li>A cancellation of the task that opened the group, from outside, cancels the tasks and
 *     propagates as {@link CancelledError} once they have ended. The group withdraws its own
 *     cancel requests ({@link Task#uncancel()}), so {@link Task#cancelling()} stays exact.
 * <li>{@link #cancel()} ends the group early without an exception.
 * <li>A {@link VirtualMachineError} of a task or the block is thrown as it is, after the tasks
 *     have ended; the other errors then go to the loop's exception handler rather than being lost.
 * </ul>
 *
 * <p><b>Why a block and not try-with-resources.</b> {@code close()} cannot see the exception the
 * body throws (so it could not cancel the tasks when the body fails), and whatever it throws is
 * only added as suppressed to that exception: when a failing task cancels the body, the body's
 * {@link CancelledError} would propagate and the {@link ExceptionGroup} would be hidden in it.
 * So the group is a method that runs the block and catches.
 *
 * <p>Loop thread only.
 *
 * @apiNote asyncio: {@code asyncio.TaskGroup} ({@code async with TaskGroup() as tg}), with
 *     {@code cancel()} of Python 3.15. {@code KeyboardInterrupt}/{@code SystemExit} become
 *     {@link VirtualMachineError}.
 */
public final class TaskGroup {
    /*
     * Lifecycle (asyncio's taskgroups.TaskGroup: _entered, _exiting, _aborting):
     *
     *   OPEN --block ends--> EXITING --last task ended--> ENDED
     *   OPEN/EXITING --first error, block failure, outside cancel or cancel()--> aborting = true
     *
     * `aborting` is orthogonal to the phase: once set, every task not done has been cancelled and
     * createTask refuses new tasks.
     *
     * Cancel accounting: the group cancels the parent at most once (parentCancelRequested) and
     * withdraws exactly that request when it exits; an outside request stays counted, and if
     * errors win over it, it is re-armed (uncancel + cancel) so that the next await sees it.
     *
     * Invariants: (1) `tasks` holds exactly the group's tasks whose done callback has not run;
     * (2) `completion` is non-null only while the exit waits for `tasks` to drain; (3) the block
     * and the exit run in `parent`, so the parent cannot end while the group is open.
     */
    private enum Phase { OPEN, EXITING, ENDED }

    /** The task that opened the group and runs its block. */
    private final Task<?> parent;
    private final LoopCore loop;
    private Phase phase = Phase.OPEN;
    /** Set once the tasks have been cancelled (error, outside cancel, cancel()). */
    private boolean aborting;
    /** Whether the group itself cancelled the parent; then it must uncancel on exit. */
    private boolean parentCancelRequested;
    /** The group's tasks not known to be done yet. */
    private final Set<Task<?>> tasks = new LinkedHashSet<>();
    /** Errors of tasks (and then the block), in the order seen. */
    private final List<Throwable> errors = new ArrayList<>();
    /** The first VirtualMachineError seen: thrown as it is. */
    private Throwable fatal;
    /** Completed when `tasks` drains, while the exit waits. */
    private Future<Void> completion;
    /** The done callback of every task, allocated once. */
    private final Consumer<Future<?>> onTaskDone = this::taskDone;

    private TaskGroup(Task<?> parent) {
        this.parent = parent;
        this.loop = parent.loopCore();
    }

    /** See {@link Async#taskGroup}. */
    static <T> T run(Task<?> parent, ScopedCoroutine<TaskGroup, T> body) {
        Objects.requireNonNull(body, "body");
        TaskGroup g = new TaskGroup(parent);
        T value = null;
        Throwable bodyError = null;
        try {
            value = body.call(g);
        } catch (Throwable e) {
            bodyError = e;
        }
        g.exit(bodyError);
        return value;
    }

    /**
     * Starts {@code coroutine} as a task of this group.
     *
     * @throws IllegalStateException if the group has ended or is shutting down after an error or
     *     a cancellation
     * @apiNote asyncio: {@code TaskGroup.create_task(coro)}.
     */
    public <T> Task<T> createTask(Coroutine<T> coroutine) {
        return createTask(coroutine, null);
    }

    /**
     * Starts {@code coroutine} as a task of this group named {@code name} ({@code null}: a
     * generated name).
     *
     * @throws IllegalStateException if the group has ended or is shutting down after an error or
     *     a cancellation
     * @apiNote asyncio: {@code TaskGroup.create_task(coro, name=name)}.
     */
    public <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
        Objects.requireNonNull(coroutine, "coroutine");
        if (phase == Phase.ENDED) {
            throw new IllegalStateException(this + " has ended: create tasks only while its block or its tasks run");
        }
        if (aborting) {
            throw new IllegalStateException(this + " is shutting down (a task failed or it was cancelled): no new tasks");
        }
        Task<T> t = loop.createTask(coroutine, name);
        tasks.add(t);
        t.addDoneCallback(onTaskDone);
        t.addAwaitedBy(parent);
        // An eager task may have failed and aborted the group inside createTask.
        if (aborting && !t.isDone()) {
            t.cancel();
        }
        return t;
    }

    /**
     * Ends the group early: cancels every task not done and the block; the group then ends
     * without {@link CancelledError} (the block's value is null if it did not return one).
     * Idempotent; does nothing once the group has ended.
     *
     * @apiNote asyncio: {@code TaskGroup.cancel()} (Python 3.15).
     */
    public void cancel() {
        loop.checkThread("TaskGroup.cancel");
        if (phase == Phase.ENDED || aborting) {
            return;
        }
        abort();
        if (!parentCancelRequested) {
            parentCancelRequested = true;
            parent.cancel();
        }
    }

    private void abort() {
        aborting = true;
        for (Task<?> t : tasks) {
            if (!t.isDone()) {
                t.cancel();
            }
        }
    }

    private void taskDone(Future<?> f) {
        tasks.remove(f);
        f.removeAwaitedBy(parent);
        if (completion != null && tasks.isEmpty() && !completion.isDone()) {
            completion.setResult(null);
        }
        if (f.isCancelled()) {
            return;
        }
        Throwable e = f.exception();
        if (e == null) {
            return;
        }
        errors.add(e);
        if (e instanceof VirtualMachineError && fatal == null) {
            fatal = e;
        }
        if (!aborting && !parentCancelRequested) {
            abort();
            parentCancelRequested = true;
            parent.cancel();
        }
    }

    /** Waits for the tasks after the block ended with {@code bodyError} (null: normally), then throws or returns. */
    private void exit(Throwable bodyError) {
        phase = Phase.EXITING;
        if (bodyError instanceof VirtualMachineError && fatal == null) {
            fatal = bodyError;
        }
        CancelledError propagate = bodyError instanceof CancelledError c ? c : null;
        if (bodyError != null && !aborting) {
            abort();
        }
        CancelledError pending = null;
        while (!tasks.isEmpty()) {
            if (completion == null) {
                completion = loop.createFuture();
            }
            try {
                parent.await(completion);
            } catch (CancelledError c) {
                pending = c;
                if (!aborting) {
                    // The parent is cancelled from outside while the tasks run.
                    propagate = c;
                    abort();
                }
            }
            completion = null;
        }
        phase = Phase.ENDED;

        if (fatal != null) {
            if (parentCancelRequested) {
                parent.uncancel();
            }
            for (Throwable e : errors) {
                if (e != fatal) {
                    loop.callExceptionHandler(ExceptionContext.of(
                        "TaskGroup task error not propagated because the group ends with " + fatal, e));
                }
            }
            throw Future.rethrowable(fatal);
        }
        if (parentCancelRequested) {
            if (parent.uncancel() == 0) {
                propagate = null;
            } else if (propagate == null) {
                // The request left is not ours (cpython gh-155433): do not drop it.
                propagate = pending;
            }
        }
        if (propagate != null && errors.isEmpty()) {
            throw propagate;
        }
        if (bodyError != null && !(bodyError instanceof CancelledError)) {
            errors.add(bodyError);
        }
        if (!errors.isEmpty()) {
            if (parent.cancelling() > 0) {
                // An outside cancel is outstanding: re-arm it so that the next await delivers it.
                parent.uncancel();
                parent.cancel();
            }
            throw new ExceptionGroup("unhandled errors in a TaskGroup", errors);
        }
    }

    @Override
    public String toString() {
        return "TaskGroup[" + phase.name().toLowerCase() + (aborting ? ", cancelling" : "")
            + ", tasks=" + tasks.size() + (errors.isEmpty() ? "" : ", errors=" + errors.size()) + "]";
    }
}
