package dev.jasyncio;

import java.util.function.Consumer;

/**
 * The scheduled step of one task, made once per task and scheduled again for every step the loop
 * runs from its ready queue: the first step, each {@code sleep(0)}-style yield, and each wake-up
 * from an awaited future, which takes it as its done callback and schedules it as it is (no
 * {@link DoneCallbackHandle}). A task has at most one step queued at a time, so one object serves
 * them all: per task it saves a handle and two lambdas, per yield a handle, per await a handle.
 */
final class StepHandle extends Handle implements Consumer<Future<?>> {
    /** Stands for the callback (run() is overridden), so that only cancel() makes it null. */
    private static final Runnable SCHEDULED = () -> {
        throw new AssertionError("a task step runs through StepHandle.run()");
    };

    private final Task<?> task;

    StepHandle(Task<?> task) {
        // The step installs the task's own context, so the handle carries none.
        super(SCHEDULED, PersistentMap.EMPTY);
        this.task = task;
    }

    /** The task this handle steps. */
    Task<?> task() {
        return task;
    }

    @Override
    void run() {
        task.wake();
    }

    /** Not called: a future schedules this handle itself instead of calling its done callback. */
    @Override
    public void accept(Future<?> done) {
        task.wake();
    }

    @Override
    String describe() {
        return isCancelled() ? "cancelled" : "step of " + task.getName();
    }
}
