package dev.jasyncio;

import dev.jasyncio.internal.coro.Fiber;
import dev.jasyncio.internal.coro.FiberKind;
import dev.jasyncio.internal.jfr.JfrHooks;
import dev.jasyncio.internal.jfr.JfrSwitches;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A coroutine running on a loop: a {@link Future} of its value that the loop drives. Inside a
 * task, {@link Async#await} suspends the task (not the thread) until a future is done, and the
 * loop runs other callbacks and tasks meanwhile.
 *
 * <p>The loop owns every pending task: a task nobody references still runs to its end. An
 * exception that nobody retrieves (by {@link Async#await}, {@link #result()} or
 * {@link #exception()}) is reported to the loop's exception handler when the task is garbage
 * collected or the loop closes, whichever comes first.
 *
 * <p>Loop thread only. Make tasks with {@link Async#createTask} or {@link EventLoop#createTask}.
 *
 * @param <T> the coroutine's value
 * @apiNote asyncio: {@code asyncio.Task}. Unlike asyncio, the loop holds pending tasks strongly
 *     (cpython#91887) and unretrieved errors are reported no later than loop close.
 */
public final class Task<T> extends Future<T> {
    /*
     * Implementation overview (asyncio's Task.__step / __wakeup).
     *
     * Lifecycle:
     *   created --first step--> running <--suspend/resume--> suspended
     *   running --body returns / throws--> done (value, exception or cancelled)
     * A step is one fiber.resume(): the body runs until it awaits a future that is not done,
     * yields one iteration, or ends. Steps run only as loop callbacks (stepper) or from a done
     * callback of the awaited future (wakeup), never inside the call that caused them.
     *
     * Cancellation (a request, delivered at the next suspension point):
     * - cancel() counts the request; if the task waits on a future, that future is cancelled and
     *   its CancelledError surfaces from the await; otherwise mustCancel is set and the next
     *   await (or the first step, which then never starts the body) throws CancelledError.
     * - a body ending with CancelledError, or returning while mustCancel is still set, ends the
     *   task cancelled.
     *
     * Invariants: (1) waitingOn != null only while the task is suspended on it; (2) the fiber is
     * resumed only by step(), on the loop thread, one step at a time; (3) a pending task is in its
     * loop's registry, a done one is not; (4) a task never ends while its fiber is suspended.
     */

    private final Coroutine<T> coroutine;
    private final Fiber fiber;
    /**
     * The context the task runs in, once it is a {@link Context} object: given at creation, or
     * made on the first {@link #getContext()}. Until then the task keeps only its map (most
     * tasks never ask: one object per task less). Each step installs the map and saves the sets
     * made during the step.
     */
    private Context context;
    /** The task's variables while {@link #context} is null. */
    private PersistentMap contextMap;
    /** The name given or set; null until asked for when the task has the default name "Task-" + number. */
    private String name;
    /** The task's number, for its default name (asyncio counts tasks per process). */
    private final long number;
    /** The future this task is suspended on, or null. */
    private Future<?> waitingOn;
    private boolean mustCancel;
    private String pendingCancelMessage;
    private int cancelRequests;
    private boolean started;
    /** The body's outcome, recorded inside the fiber and applied by step() once the fiber ends. */
    private Outcome outcome;
    private Object bodyValue;
    private Throwable bodyError;
    /** The report that an error was never retrieved; armed when the task fails. */
    private UnretrievedErrors.Report unretrieved;
    /** The loop's step callback for this task, and the done callback of the future it awaits. */
    final StepHandle stepHandle = new StepHandle(this);
    /** Links of the loop's registry of pending tasks (TaskRegistry). */
    Task<?> prevLive;
    Task<?> nextLive;

    private enum Outcome { VALUE, ERROR, CANCELLED }

    /** A task in {@code context}, or, when it is null, in a context of its own holding {@code map}. */
    Task(LoopCore loop, Coroutine<T> coroutine, String name, Context context, PersistentMap map) {
        super(loop);
        this.coroutine = coroutine;
        this.context = context;
        this.contextMap = map;
        this.name = name;
        this.number = name != null ? 0 : loop.taskNumbers().next();
        this.fiber = loop.engine().newFiber(FiberKind.TASK, this, this::body);
    }

    // ---- the body, run inside the fiber

    private void body() {
        try {
            bodyValue = coroutine.call();
            outcome = Outcome.VALUE;
        } catch (CancelledError c) {
            bodyError = c;
            outcome = Outcome.CANCELLED;
        } catch (Throwable t) {
            bodyError = t;
            outcome = Outcome.ERROR;
        }
    }

    // ---- stepping, on the loop thread

    /** Runs the next step: the awaited future (if any) is done, or the task yielded or is new. */
    void wake() {
        waitingOn = null;
        step();
    }

    void step() {
        if (isDone()) {
            return;
        }
        LoopCore loop = loopCore();
        if (!started) {
            started = true;
            if (mustCancel) {
                mustCancel = false;
                finish(Outcome.CANCELLED, null, null, pendingCancelMessage);
                return;
            }
        }
        Object jfr = loop.jfrTiming ? JfrHooks.beginStep() : null;
        ContextSlot slot = loop.contextSlot();
        PersistentMap oldMap = slot.map;
        Object oldOwner = slot.owner;
        Object[] oldBridges = slot.bridgeState;
        // The running task is known from the running fiber (LoopCore.currentTask): the step
        // stores no reference to itself into the loop or the slot.
        Context c = context;
        slot.switchTo(c != null ? c.map : contextMap, ContextSlot.RUNNING_TASK);
        try {
            fiber.resume();
        } catch (Throwable escaped) {
            // The body catches everything; only the engine can throw here (a broken fiber).
            outcome = Outcome.ERROR;
            bodyError = escaped;
        } finally {
            keepContext(slot.map);
            slot.switchBack(oldMap, oldOwner, oldBridges);
        }
        if (jfr != null) {
            loop.stepRan = true;
            JfrHooks.endStep(jfr, loop.loopId(), getName());
        }
        if (outcome != null) {
            String message = outcome == Outcome.CANCELLED ? bodyError.getMessage() : pendingCancelMessage;
            Outcome o = outcome == Outcome.VALUE && mustCancel ? Outcome.CANCELLED : outcome;
            finish(o, bodyValue, bodyError, message);
        }
    }

    /** Keeps what a step left in the slot (stored only if a set changed it; see ContextSlot.setMap). */
    private void keepContext(PersistentMap m) {
        Context c = context;
        if (c != null) {
            c.keep(m);
        } else if (contextMap != m) {
            contextMap = m;
        }
    }

    @SuppressWarnings("unchecked")
    private void finish(Outcome o, Object value, Throwable error, String cancelMsg) {
        bodyValue = null;
        bodyError = null;
        LoopCore loop = loopCore();
        loop.tasks().remove(this);
        if (JfrSwitches.taskEvents) {
            JfrHooks.taskFinished(loop.loopId(), getName(), o.name().toLowerCase(Locale.ROOT));
        }
        switch (o) {
            case VALUE -> finishWithValue((T) value);
            case CANCELLED -> finishCancelled(cancelMsg);
            case ERROR -> {
                unretrieved = loopCore().unretrievedErrors().arm(this, error);
                finishWithException(error);
            }
        }
    }

    /** Suspends this task until {@code f} is done; see {@link Async#await}. Called inside the body. */
    <R> R await(Future<R> f) {
        if (!f.isDone()) {
            if (mustCancel && f.cancel(pendingCancelMessage)) {
                mustCancel = false;
            }
            waitingOn = f;
            f.addDoneCallback(stepHandle);
            try {
                suspend();
            } catch (RuntimeException | Error pinned) {
                // The engine could not suspend (a pinned frame): undo the wait so that the
                // future's completion does not step a task that is not suspended on it.
                f.removeDoneCallback(stepHandle);
                waitingOn = null;
                throw pinned;
            }
        }
        if (mustCancel) {
            mustCancel = false;
            throw new CancelledError(pendingCancelMessage);
        }
        return f.result();
    }

    /** Gives up the loop for exactly one iteration. Called inside the body. */
    void yieldOnce() {
        loopCore().schedule(stepHandle);
        suspend();
        if (mustCancel) {
            mustCancel = false;
            throw new CancelledError(pendingCancelMessage);
        }
    }

    private void suspend() {
        loopCore().engine().suspend(FiberKind.TASK);
    }

    // ---- the public API

    /**
     * Requests cancellation: the task gets {@link CancelledError} at its next suspension point
     * (the future it awaits is cancelled), or never starts if it has not started yet. The task
     * may catch it; {@link #isCancelled()} becomes true only if the task then ends with it.
     *
     * @return false if the task is already done
     * @apiNote asyncio: {@code Task.cancel(msg)}.
     */
    @Override
    public boolean cancel(String message) {
        loopCore().checkThread("Task.cancel");
        if (isDone()) {
            return false;
        }
        cancelRequests++;
        pendingCancelMessage = message;
        Future<?> w = waitingOn;
        if (w != null && w.cancel(message)) {
            return true;
        }
        mustCancel = true;
        return true;
    }

    /**
     * The number of cancellation requests not yet withdrawn by {@link #uncancel()}.
     *
     * @apiNote asyncio: {@code Task.cancelling()}.
     */
    public int cancelling() {
        return cancelRequests;
    }

    /**
     * Withdraws one cancellation request, and returns the remaining count. Reaching 0 also drops
     * a cancellation not yet delivered. Called by the party that cancelled (timeouts, task groups).
     *
     * @apiNote asyncio: {@code Task.uncancel()}.
     */
    public int uncancel() {
        if (cancelRequests > 0) {
            cancelRequests--;
            if (cancelRequests == 0) {
                mustCancel = false;
            }
        }
        return cancelRequests;
    }

    /**
     * Not allowed: a task's result comes from its coroutine.
     *
     * @throws IllegalStateException always
     * @apiNote asyncio: {@code Task.set_result} raises RuntimeError.
     */
    @Override
    public void setResult(T result) {
        throw new IllegalStateException("Task does not support setResult(): its value comes from its coroutine");
    }

    /**
     * Not allowed: a task's exception comes from its coroutine.
     *
     * @throws IllegalStateException always
     * @apiNote asyncio: {@code Task.set_exception} raises RuntimeError.
     */
    @Override
    public void setException(Throwable exception) {
        throw new IllegalStateException("Task does not support setException(): its exception comes from its coroutine");
    }

    /**
     * The task's name.
     *
     * @apiNote asyncio: {@code Task.get_name()}.
     */
    public String getName() {
        String n = name;
        if (n == null) {
            // Made on first use: most tasks are never asked their name (W4: ~60 B per task).
            name = n = "Task-" + number;
        }
        return n;
    }

    /**
     * Renames the task.
     *
     * @apiNote asyncio: {@code Task.set_name(value)}.
     */
    public void setName(String name) {
        this.name = String.valueOf(name);
    }

    /**
     * The coroutine this task runs.
     *
     * @apiNote asyncio: {@code Task.get_coro()}.
     */
    public Coroutine<T> getCoroutine() {
        return coroutine;
    }

    /**
     * The task's stack while it is suspended; empty while it runs or once it is done.
     *
     * @apiNote asyncio: {@code Task.get_stack()}.
     */
    public StackTraceElement[] getStack() {
        if (!started || isDone() || loopCore().currentTask() == this) {
            return new StackTraceElement[0];
        }
        return fiber.suspendedStack();
    }

    /**
     * The context the task runs in.
     *
     * @apiNote asyncio: {@code Task.get_context()}.
     */
    public Context getContext() {
        Context c = context;
        if (c == null) {
            context = c = new Context(contextMap);
            contextMap = null;
        }
        return c;
    }

    /** The future this task is suspended on, or null; for introspection (task dumps). */
    public Future<?> awaiting() {
        return waitingOn;
    }

    /** For task dumps: created (first step not run yet), running, suspended (in await), ready (to step again), or done. */
    String debugState() {
        if (isDone()) {
            return "done";
        }
        if (loopCore().currentTask() == this) {
            return "running";
        }
        if (!started) {
            return "created";
        }
        return waitingOn != null ? "suspended" : "ready";
    }

    /** The thread the body runs on while it is resumed (the loop thread, or the task's own under the hand-off engine). */
    Thread bodyThread() {
        return fiber.bodyThread();
    }

    @Override
    void exceptionRetrieved() {
        UnretrievedErrors.Report r = unretrieved;
        if (r != null) {
            unretrieved = null;
            r.retrieved();
        }
    }

    @Override
    public String toString() {
        return "Task[" + getName() + ", " + super.toString().replaceFirst("^[^\\[]*\\[", "").replaceFirst("]$", "") + "]";
    }
}
