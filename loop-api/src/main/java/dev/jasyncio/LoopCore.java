package dev.jasyncio;

import dev.jasyncio.internal.coro.CoroutineEngine;
import dev.jasyncio.internal.coro.Engines;
import dev.jasyncio.internal.coro.Fiber;
import dev.jasyncio.internal.coro.FiberKind;
import dev.jasyncio.internal.coro.ThreadStateCarrier;
import dev.jasyncio.internal.debug.LoopClock;
import dev.jasyncio.internal.debug.LoopObservers;
import dev.jasyncio.internal.debug.LoopProbe;
import dev.jasyncio.internal.jfr.JfrHooks;
import dev.jasyncio.internal.jfr.JfrSwitches;
import dev.jasyncio.spi.EventLoopProvider;
import dev.jasyncio.spi.IoDriver;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one implementation of {@link EventLoop}: the loop proper, over an {@link IoDriver}.
 */
final class LoopCore implements EventLoop, IoDriver.Host, LoopProbe {
    /*
     * Implementation overview (asyncio's BaseEventLoop._run_once).
     *
     * One iteration: choose the wait, poll the driver, move the inbox and the due timers to the
     * ready queue, then run exactly the callbacks that were ready at that moment.
     *
     * State and threading:
     * - ready, timers, stopping, ioBudget and everything else not listed below: loop thread only.
     * - inbox: any thread offers, the loop thread drains (see Inbox).
     * - sleeping: written by the loop thread before it may block; producers clear it (CAS) to
     *   claim the one wakeup a burst of callSoonThreadsafe needs.
     * - closed: volatile, so callSoonThreadsafe on another thread sees a close.
     *
     * Invariants:
     * (1) callbacks run only in runReady(), never inside the call that scheduled them;
     * (2) runReady() runs at most the callbacks present when it starts: what they schedule waits
     *     for the next iteration (the snapshot rule);
     * (3) a timer moves to the ready queue only when time() >= its deadline, in heap order;
     * (4) a cancelled handle never runs; a cancelled timer leaves the heap at once;
     * (5) the driver blocks only if the ready queue is empty, no stop is pending, the inbox
     *     was seen empty after `sleeping` was set, and `sleeping` is still set (Host.canBlock is
     *     asked again inside the driver, after the driver has published that it may block). A
     *     producer that cleared `sleeping` owns the wake-up, and the driver may drop that wake-up
     *     when it comes before the driver published its sleep (Netty's epoll does): so a cleared
     *     flag means "do not block", never "a wake-up is on its way";
     * (6) a callback's exception goes to the exception handler and the loop goes on.
     *
     * Hot path (W1, W2): callSoon is one allocation (the Handle) and a ReadyQueue append; no
     * atomics, no clock read. When the loop will not block, the driver is polled only once every
     * IO_INTERVAL callbacks (Tokio's event_interval) and at most once per IO_PERIOD_NANOS
     * (50 µs), because a non-blocking Netty poll costs ~340 ns, thirty times a callback. The clock is read once per iteration, and only when
     * there are timers. A blocking wait always polls the driver.
     *
     * Observability (dev.jasyncio.debug): one plain increment of the iteration counter per
     * iteration is all the watchdog needs (it samples the counter from its own thread). Plain,
     * not opaque: an opaque store cost ~0.9 ns per iteration in W1 (a compiler barrier in the
     * loop), and a plain one is not kept from memory for long, since every iteration makes calls
     * the JIT cannot see through (callbacks, the driver). The time spent blocked in the driver is
     * measured only around blocking waits, which cost a park or a system call anyway. Everything
     * else the monitor reads (the running callback in its ready-queue slot, which for a task step
     * is the task's StepHandle; the queue sizes) is written anyway and read racily. Nothing young
     * is stored into the loop itself per callback or task step: the loop is old, and such a store
     * runs G1's write-barrier slow path (see ReadyQueue). The running task is the running task
     * fiber's owner (currentTask), not a field.
     *
     * Test clock (dev.jasyncio.debug.TestLoops): `clock` is null in every other loop, so time()
     * costs one null check. With one, a loop about to block first polls the driver without
     * waiting and drains the inbox, then lets the clock decide (LoopClock.idle): jump to the next
     * timer (virtual time), stop (run until idle), throw (deadlock) or block. `owed` counts the
     * wrapped futures not yet done, the results other threads will post.
     *
     * JFR: jfrTiming is a plain field, taken from JfrSwitches when a run starts and set by the
     * monitor while a recording enables slow-callback or slow-step events; read once per
     * iteration (it sends the iteration down the instrumented path). Plain is enough: the loop
     * re-reads it after every callback, so a change shows within an iteration. Task events read
     * the volatile JfrSwitches.taskEvents once per task created or ended.
     */

    /** Callbacks run between two non-blocking driver polls (Tokio's event_interval is 61). */
    private static final int IO_INTERVAL = Integer.getInteger("jasyncio.ioInterval", 61);
    /**
     * While busy, the driver is polled at most this often: a non-blocking Netty poll costs
     * ~340 ns, which every 61 callbacks of W1 was a third of the loop's time (bench/README.md).
     */
    private static final long IO_PERIOD_NANOS = Long.getLong("jasyncio.ioPeriodMicros", 50) * 1_000;
    private static final long DEFAULT_SLOW_CALLBACK_NANOS = 100_000_000L;
    private static final System.Logger LOG = System.getLogger("dev.jasyncio");
    private static final ThreadLocal<LoopCore> RUNNING = new ThreadLocal<>();
    private static final AtomicLong LOOP_NUMBERS = new AtomicLong();

    private static final VarHandle SLEEPING;
    private static final VarHandle ITERATIONS;

    static {
        try {
            SLEEPING = MethodHandles.lookup().findVarHandle(LoopCore.class, "sleeping", boolean.class);
            ITERATIONS = MethodHandles.lookup().findVarHandle(LoopCore.class, "iterations", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        // Hand-off engine: a fiber body on its own virtual thread sees its resumer's running
        // loop and context slot (safe to share: only one of them runs at a time).
        Engines.setThreadStateCarrier(new ThreadStateCarrier() {
            @Override
            public Object capture() {
                return new Object[] {RUNNING.get(), ContextSlot.current()};
            }

            @Override
            public void install(Object state) {
                Object[] s = (Object[]) state;
                if (s[0] == null) {
                    RUNNING.remove();
                } else {
                    RUNNING.set((LoopCore) s[0]);
                }
                ContextSlot.share((ContextSlot) s[1]);
            }
        });
        // The monitor (dev.jasyncio.debug) loads with the first loop, so that a JFR recording
        // already running sees the first task created.
        LoopObservers.get();
    }

    private final String providerName;
    private final String loopId;
    private final IoDriver driver;
    private final ReadyQueue ready = new ReadyQueue();
    private final TimerHeap timers = new TimerHeap();
    private final Inbox inbox = new Inbox();
    private final Executors executors = new Executors(this);
    private final TaskRegistry tasks = new TaskRegistry();
    private final TaskNumbers taskNumbers = new TaskNumbers();
    private final UnretrievedErrors unretrievedErrors = new UnretrievedErrors(this);
    private final CoroutineEngine engine;
    private TaskFactory taskFactory;

    /** The loop thread's context slot while the loop runs (see ContextSlot), else null. */
    private ContextSlot runSlot;
    /** Set while the loop may block in the driver; see the overview. */
    @SuppressWarnings("unused")
    private volatile boolean sleeping;
    private volatile boolean closed;
    /** The thread running the loop, or null when it is not running. */
    private Thread loopThread;
    private boolean stopping;
    /** Callbacks run since the driver was last polled or the poll cadence was checked. */
    private int ioBudget;
    /** System.nanoTime() of the last driver poll. */
    private long lastIoPoll;
    private long timerSequence;
    private boolean debug;
    private long slowCallbackNanos = DEFAULT_SLOW_CALLBACK_NANOS;
    private ExceptionHandler exceptionHandler;

    // ---- observability (see the overview); read by other threads
    /** Iterations so far; incremented once per iteration, sampled (opaque reads) by the watchdog. */
    private long iterations;
    /** System.nanoTime() when the loop blocked in the driver, 0 while it does not. */
    private volatile long waitingSince;
    /** Time blocked in the driver, over all runs. Single writer: the loop thread. */
    private volatile long idleNanos;
    /** Length of the finished runs, and the start of the current one (0: not running). */
    private volatile long pastRunsNanos;
    private volatile long runStartedAt;
    /** The watchdog threshold of this loop: 0 for the default, negative for off. */
    private volatile long watchdogThresholdNanos;
    /** A test clock, or null (see the overview). */
    private LoopClock clock;
    /** Under a test clock: wrapped futures not done yet. */
    private int owed;
    /** Whether a recording wants callbacks and task steps timed (see the overview). */
    boolean jfrTiming;
    /** Timing mode: set by a task step inside the callback being timed, so that it is not also a slow callback. */
    boolean stepRan;

    LoopCore(EventLoopProvider provider, CoroutineEngine engine) {
        this.providerName = provider.name();
        this.loopId = providerName + "-" + LOOP_NUMBERS.incrementAndGet();
        this.debug = Boolean.getBoolean("jasyncio.debug");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.driver = Objects.requireNonNull(provider.newDriver(this), "provider " + providerName + " made no driver");
    }

    /** The loop running in the current thread, or null; inside a task, the task's (as in taskHere). */
    static LoopCore runningInThisThread() {
        Fiber f = Engines.continuationFiberHere(FiberKind.TASK);
        return f != null ? ((Task<?>) f.owner()).loopCore() : RUNNING.get();
    }

    /**
     * The task running in the current thread, or null. A task fiber of the continuation engine
     * is found without a thread-local lookup (three of them made a queue round trip's get and
     * put); only the loop running here steps tasks, so its owner is that loop's task.
     */
    static Task<?> taskHere() {
        Fiber f = Engines.continuationFiberHere(FiberKind.TASK);
        if (f != null) {
            return (Task<?>) f.owner();
        }
        LoopCore loop = RUNNING.get();
        return loop == null ? null : loop.currentTask();
    }

    // ---- scheduling

    @Override
    public Handle callSoon(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        checkUsable("callSoon");
        Handle h = new Handle(callback, contextMap());
        if (loopThread == null) {
            // Set-up time: keep FIFO with callSoonThreadsafe calls already made by this thread.
            inbox.drainTo(ready);
        }
        ready.addLast(h);
        return h;
    }

    /** The context variables of the code calling now: captured by every scheduled callback. */
    PersistentMap contextMap() {
        ContextSlot s = runSlot;
        return (s != null ? s : ContextSlot.current()).map;
    }

    ContextSlot contextSlot() {
        ContextSlot s = runSlot;
        return s != null ? s : ContextSlot.current();
    }

    /** Schedules an already made handle (done callbacks, task steps); same checks as callSoon. */
    void schedule(Handle h) {
        checkUsable("addDoneCallback");
        ready.addLast(h);
    }

    @Override
    public Handle callSoonThreadsafe(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        if (closed) {
            throw closedError();
        }
        Handle h = new Handle(callback, ContextSlot.current().map);
        if (Thread.currentThread() == loopThread) {
            // On the loop thread: straight to the ready queue, behind what is already in the inbox,
            // so that callSoon and callSoonThreadsafe from one thread keep their order.
            inbox.drainTo(ready);
            ready.addLast(h);
            return h;
        }
        inbox.offer(h);
        wakeupIfSleeping();
        return h;
    }

    private void wakeupIfSleeping() {
        if ((boolean) SLEEPING.getVolatile(this) && SLEEPING.compareAndSet(this, true, false)) {
            driver.wakeup();
        }
    }

    @Override
    public TimerHandle callLater(Duration delay, Runnable callback) {
        return callAt(time() + saturatedNanos(delay), callback);
    }

    @Override
    public TimerHandle callAt(long whenNanos, Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        checkUsable("callAt");
        TimerHandle t = new TimerHandle(this, whenNanos, timerSequence++, callback, contextMap());
        timers.add(t);
        return t;
    }

    void timerCancelled(TimerHandle t) {
        timers.remove(t);
    }

    @Override
    public long time() {
        LoopClock c = clock;
        return c == null ? System.nanoTime() : c.nanoTime();
    }

    // ---- running

    @Override
    public void runForever() {
        if (closed) {
            throw closedError();
        }
        if (loopThread != null) {
            throw new IllegalStateException("This event loop is already running (in thread " + loopThread.getName() + ")");
        }
        LoopCore other = RUNNING.get();
        if (other != null) {
            throw new IllegalStateException(
                "Cannot run the event loop while another loop is running in thread " + Thread.currentThread().getName());
        }
        Thread self = Thread.currentThread();
        driver.bind(self);
        loopThread = self;
        runSlot = ContextSlot.current();
        LoopCore outerLoop = runSlot.enterLoop(this);
        RUNNING.set(this);
        runStartedAt = System.nanoTime();
        jfrTiming = JfrSwitches.timing;
        LoopObservers.get().loopStarted(this);
        try {
            while (true) {
                runOnce();
                if (stopping) {
                    break;
                }
            }
        } finally {
            LoopObservers.get().loopStopped(this);
            pastRunsNanos += System.nanoTime() - runStartedAt;
            runStartedAt = 0;
            stopping = false;
            RUNNING.remove();
            loopThread = null;
            runSlot.leaveLoop(outerLoop);
            runSlot = null;
            driver.unbind();
        }
    }

    @Override
    public <T> T runUntilComplete(Future<T> future) {
        Objects.requireNonNull(future, "future");
        if (future.getLoop() != this) {
            throw new IllegalArgumentException("The future belongs to a different loop than the one given to runUntilComplete");
        }
        if (closed) {
            throw closedError();
        }
        java.util.function.Consumer<Future<T>> stopper = f -> stop();
        future.addDoneCallback(stopper);
        try {
            runForever();
        } finally {
            future.removeDoneCallback(stopper);
        }
        if (!future.isDone()) {
            throw new IllegalStateException("Event loop stopped before Future completed.");
        }
        return future.result();
    }

    @Override
    public void stop() {
        checkThread("stop");
        stopping = true;
    }

    @Override
    public boolean isRunning() {
        return loopThread != null;
    }

    @Override
    public void close() {
        if (loopThread != null) {
            throw new IllegalStateException("Cannot close a running event loop");
        }
        if (closed) {
            return;
        }
        closed = true;
        reportPendingTasksAtClose();
        unretrievedErrors.reportAllAtClose();
        ready.clear();
        timers.clear();
        inbox.drainTo(ready);
        ready.clear();
        executors.closeDefault();
        driver.close();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /** One pass of the loop; see the overview. */
    private void runOnce() {
        long wait;
        if (!ready.isEmpty() || stopping) {
            wait = 0;
        } else if (!timers.isEmpty()) {
            wait = Math.max(0, timers.peek().whenNanos - time());
        } else {
            wait = IoDriver.FOREVER;
        }
        if (wait > 0 && clock != null) {
            wait = idleUnderTestClock();
        }
        if (wait > 0) {
            SLEEPING.setVolatile(this, true);
            if (!inbox.isEmpty()) {
                wait = 0;
            }
            long t0 = System.nanoTime();
            waitingSince = t0;
            driver.poll(wait);
            long t1 = System.nanoTime();
            idleNanos += t1 - t0;
            lastIoPoll = t1;
            waitingSince = 0;
            SLEEPING.setOpaque(this, false);
            ioBudget = 0;
        } else if (ioBudget >= IO_INTERVAL) {
            // Busy: poll I/O without waiting, at most once per IO_PERIOD_NANOS (one clock read
            // per IO_INTERVAL callbacks decides).
            long now = System.nanoTime();
            if (now - lastIoPoll >= IO_PERIOD_NANOS) {
                driver.poll(0);
                lastIoPoll = now;
            }
            ioBudget = 0;
        }
        iterations++;
        inbox.drainTo(ready);
        if (!timers.isEmpty()) {
            long now = time();
            TimerHandle t;
            while ((t = timers.peek()) != null && t.whenNanos - now <= 0) {
                ready.addLast(timers.poll());
            }
        }
        runReady();
    }

    /** The loop would block, under a test clock: polls without waiting, then asks the clock. */
    private long idleUnderTestClock() {
        driver.poll(0);
        ioBudget = 0;
        inbox.drainTo(ready);
        if (!ready.isEmpty() || stopping) {
            return 0;
        }
        TimerHandle next = timers.peek();
        return clock.idle(this, next != null, next != null ? next.whenNanos : 0, owed, driver.mayReceiveIo());
    }

    private void runReady() {
        int n = ready.size();
        ioBudget += n;
        if (debug || jfrTiming || ThreadContextBridges.any()) {
            runReadyInstrumented(n);
            return;
        }
        // Each callback runs in the context it was scheduled in, with no allocation and, most
        // often, no store: the slot's map is stored only when it changes (rarely: most callbacks
        // share the empty context). Tokens tell callbacks apart by the handle the ready queue
        // gave out last (see ContextSlot.step).
        ContextSlot slot = runSlot;
        PersistentMap baseMap = slot.map;
        for (; n > 0; n--) {
            Handle h = ready.pollFirst();
            if (!h.isCancelled()) {
                slot.setMap(h.context);
                try {
                    h.run();
                } catch (Throwable t) {
                    callbackFailed(h, t);
                }
            }
        }
        ready.forgetPolled();
        slot.setMap(baseMap);
    }

    /**
     * The plain callback running now in runReady, or null: the ready queue keeps the handle it
     * gave out last until the pass is over (the loop itself stores nothing per callback; see
     * ReadyQueue).
     */
    Handle runningCallback() {
        return ready.lastPolled();
    }

    /** The same pass with thread bridges installed per callback and, in debug mode or for JFR, timing. */
    private void runReadyInstrumented(int n) {
        ContextSlot slot = runSlot;
        PersistentMap baseMap = slot.map;
        Object baseOwner = slot.owner;
        Object[] baseBridges = slot.bridgeState;
        for (; n > 0; n--) {
            Handle h = ready.pollFirst();
            if (h.isCancelled()) {
                continue;
            }
            long t0 = debug ? System.nanoTime() : 0;
            Object jfr = null;
            if (jfrTiming) {
                stepRan = false;
                jfr = JfrHooks.beginCallback();
            }
            slot.switchTo(h.context, h);
            try {
                h.run();
            } catch (Throwable t) {
                callbackFailed(h, t);
            } finally {
                slot.switchBack(baseMap, baseOwner, baseBridges);
            }
            if (jfr != null && !stepRan) {
                JfrHooks.endCallback(jfr, loopId, h);
            }
            if (debug) {
                long took = System.nanoTime() - t0;
                if (took >= slowCallbackNanos) {
                    LOG.log(System.Logger.Level.WARNING, "Executing {0} took {1} seconds", h, String.format("%.3f", took / 1e9));
                }
            }
        }
        ready.forgetPolled();
    }

    private void callbackFailed(Handle h, Throwable t) {
        if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
            throw (VirtualMachineError) t;
        }
        callExceptionHandler(ExceptionContext.of("Exception in callback " + h.describe(), t).with(ExceptionContext.HANDLE, h));
    }

    // ---- tasks

    @Override
    public <T> Task<T> createTask(Coroutine<T> coroutine) {
        return createTask(coroutine, null);
    }

    @Override
    public <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
        return createTask(coroutine, name, null);
    }

    @Override
    public <T> Task<T> createTask(Coroutine<T> coroutine, String name, Context context) {
        Objects.requireNonNull(coroutine, "coroutine");
        checkUsable("createTask");
        TaskFactory f = taskFactory;
        if (f != null) {
            Task<T> t = f.createTask(this, coroutine, name, context);
            if (t == null || t.getLoop() != this) {
                throw new IllegalStateException("task factory " + f + " must return a task of this loop, got " + t);
            }
            return t;
        }
        return newTask(coroutine, name, context, false);
    }

    /**
     * Makes and starts a task in {@code context} (null: a copy of the current one); eager runs
     * its first step now, inside this call.
     */
    <T> Task<T> newTask(Coroutine<T> coroutine, String name, Context context, boolean eager) {
        checkUsable("createTask");
        Task<T> t = new Task<>(this, coroutine, name, context, context != null ? null : contextMap());
        tasks.add(t);
        if (debug) {
            tasks.recordCreationSite(t);
        }
        if (JfrSwitches.taskEvents) {
            Task<?> parent = currentTask();
            JfrHooks.taskCreated(loopId, t.getName(), parent == null ? null : parent.getName());
        }
        if (eager && loopThread != null) {
            t.step();
        } else {
            ready.addLast(t.stepHandle);
        }
        return t;
    }

    @Override
    public void setTaskFactory(TaskFactory factory) {
        checkThread("setTaskFactory");
        this.taskFactory = factory;
    }

    @Override
    public TaskFactory getTaskFactory() {
        return taskFactory;
    }

    /**
     * The task of this loop whose step runs in this thread, or null: the innermost running task
     * fiber's owner. The loop stores nothing per step to know it (see the overview).
     */
    Task<?> currentTask() {
        Fiber f = engine.current(FiberKind.TASK);
        if (f == null) {
            return null;
        }
        Task<?> t = (Task<?>) f.owner();
        return t.loopCore() == this ? t : null;
    }

    List<Task<?>> pendingTasks() {
        return tasks.snapshot();
    }

    TaskNumbers taskNumbers() {
        return taskNumbers;
    }

    TaskRegistry tasks() {
        return tasks;
    }

    UnretrievedErrors unretrievedErrors() {
        return unretrievedErrors;
    }

    CoroutineEngine engine() {
        return engine;
    }

    @Override
    public String engineName() {
        return engine.name();
    }

    private void reportPendingTasksAtClose() {
        for (Task<?> t : tasks.snapshot()) {
            RuntimeException where = new RuntimeException("suspended stack of " + t.getName());
            where.setStackTrace(t.getStack());
            callExceptionHandler(ExceptionContext.of("Task was still pending when the loop closed: " + t.getName()
                + " (its finally blocks will not run; cancel and await tasks before closing, as Async.run does)", where).with(ExceptionContext.TASK, t));
        }
    }

    // ---- IoDriver.Host

    @Override
    public boolean canBlock() {
        // `sleeping` cleared: a producer claimed this sleep's wake-up, possibly too early for the
        // driver to keep it (invariant 5). WakeupSoakTest lost posts on epoll without this check.
        return (boolean) SLEEPING.getVolatile(this) && !stopping && ready.isEmpty() && inbox.isEmpty();
    }

    @Override
    public EventLoop loop() {
        return this;
    }

    // ---- futures and executors

    @Override
    public <T> Future<T> createFuture() {
        checkThread("createFuture");
        return new Future<>(this);
    }

    @Override
    public <T> Future<T> wrapFuture(CompletionStage<T> stage) {
        Future<T> f = FutureBridge.wrap(this, stage);
        if (clock != null && !f.isDone()) {
            owed++;
            f.addDoneCallback(done -> owed--);
        }
        return f;
    }

    @Override
    public <T> Future<T> runInExecutor(Executor executor, Callable<T> function) {
        checkUsable("runInExecutor");
        Executor target = executor != null ? executor : executors.defaultExecutor();
        CompletableFuture<T> cf = new CompletableFuture<>();
        PersistentMap context = contextMap();
        target.execute(() -> {
            if (cf.isDone()) {
                return;
            }
            // The function runs in a copy of the caller's context, on the worker thread.
            ContextSlot slot = ContextSlot.current();
            PersistentMap oldMap = slot.map;
            Object oldOwner = slot.owner;
            Object[] oldBridges = slot.bridgeState;
            slot.switchTo(context, cf);
            try {
                cf.complete(function.call());
            } catch (Throwable t) {
                cf.completeExceptionally(t);
            } finally {
                slot.switchBack(oldMap, oldOwner, oldBridges);
            }
        });
        return wrapFuture(cf);
    }

    @Override
    public void setDefaultExecutor(ExecutorService executor) {
        checkThread("setDefaultExecutor");
        executors.setDefault(executor);
    }

    @Override
    public Future<Void> shutdownDefaultExecutor(Duration timeout) {
        checkUsable("shutdownDefaultExecutor");
        return executors.shutdownDefault(timeout);
    }

    // ---- error handling

    @Override
    public void setExceptionHandler(ExceptionHandler handler) {
        checkThread("setExceptionHandler");
        this.exceptionHandler = handler;
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return exceptionHandler;
    }

    @Override
    public void defaultExceptionHandler(ExceptionContext context) {
        StringBuilder sb = new StringBuilder(context.message());
        context.asMap().forEach((k, v) -> {
            if (!k.equals(ExceptionContext.MESSAGE) && !k.equals(ExceptionContext.EXCEPTION)) {
                sb.append("\n").append(k).append(": ").append(v);
            }
        });
        LOG.log(System.Logger.Level.ERROR, sb.toString(), context.exception());
    }

    @Override
    public void callExceptionHandler(ExceptionContext context) {
        ExceptionHandler h = exceptionHandler;
        if (h == null) {
            safeDefault(context);
            return;
        }
        try {
            h.handle(this, context);
        } catch (Throwable t) {
            safeDefault(ExceptionContext.of("Unhandled error in exception handler", t).with("context", context));
        }
    }

    private void safeDefault(ExceptionContext context) {
        try {
            defaultExceptionHandler(context);
        } catch (Throwable ignored) {
            // A broken logger must not stop the loop; there is nowhere left to report to.
        }
    }

    // ---- debug mode

    @Override
    public void setDebug(boolean enabled) {
        checkThread("setDebug");
        this.debug = enabled;
    }

    @Override
    public boolean isDebug() {
        return debug;
    }

    @Override
    public Duration slowCallbackDuration() {
        return Duration.ofNanos(slowCallbackNanos);
    }

    @Override
    public void setSlowCallbackDuration(Duration threshold) {
        checkThread("setSlowCallbackDuration");
        this.slowCallbackNanos = saturatedNanos(threshold);
    }

    /** Debug mode: throws if another thread calls a loop-thread-only method while the loop runs. */
    void checkThread(String operation) {
        if (debug) {
            Thread owner = loopThread;
            Thread self = Thread.currentThread();
            // A fiber body on its own thread (hand-off engine) carries the loop in RUNNING.
            if (owner != null && owner != self && RUNNING.get() != this) {
                throw new IllegalStateException(operation + " called from thread " + Thread.currentThread().getName()
                    + " but the loop runs in thread " + owner.getName()
                    + ": only the *Threadsafe methods may be called from other threads (use callSoonThreadsafe)");
            }
        }
    }

    private void checkUsable(String operation) {
        if (closed) {
            throw closedError();
        }
        checkThread(operation);
    }

    private static IllegalStateException closedError() {
        return new IllegalStateException("Event loop is closed");
    }

    private static long saturatedNanos(Duration d) {
        Objects.requireNonNull(d, "duration");
        try {
            return d.toNanos();
        } catch (ArithmeticException overflow) {
            return d.isNegative() ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2;
        }
    }

    // ---- LoopProbe: what dev.jasyncio.debug reads (racy off the loop thread, see there);
    // loop() is IoDriver.Host's

    @Override
    public String loopId() {
        return loopId;
    }

    @Override
    public Thread runningThread() {
        return loopThread;
    }

    @Override
    public long iterations() {
        return (long) ITERATIONS.getOpaque(this);
    }

    @Override
    public long waitingSince() {
        return waitingSince;
    }

    @Override
    public Object runningStep() {
        Handle h = ready.lastPolled();
        if (h != null) {
            return h instanceof StepHandle step ? step.task() : h;
        }
        ContextSlot slot = runSlot;
        Object owner = slot == null ? null : slot.owner;
        return owner instanceof Handle ? owner : null;
    }

    @Override
    public Thread stepThread() {
        Task<?> t = ready.lastPolled() instanceof StepHandle step ? step.task() : null;
        // Continuation bodies run on the loop thread itself (and their bodyThread() means "the caller").
        Thread body = t == null || engine.name().equals("continuation") ? null : t.bodyThread();
        return body != null ? body : loopThread;
    }

    @Override
    public int readyDepth() {
        return Math.max(0, ready.size());
    }

    @Override
    public int liveTasks() {
        return tasks.size();
    }

    @Override
    public long busyNanos() {
        long now = System.nanoTime();
        long started = runStartedAt;
        long total = pastRunsNanos + (started != 0 ? now - started : 0);
        return Math.max(0, total - idleAt(now));
    }

    @Override
    public long idleNanos() {
        return idleAt(System.nanoTime());
    }

    private long idleAt(long now) {
        long since = waitingSince;
        return idleNanos + (since != 0 ? now - since : 0);
    }

    @Override
    public boolean debugMode() {
        return debug;
    }

    @Override
    public List<Task<?>> liveTaskList() {
        return tasks.snapshot();
    }

    @Override
    public String taskState(Task<?> t) {
        return t.debugState();
    }

    @Override
    public StackTraceElement[] creationSite(Task<?> t) {
        StackTraceElement[] site = tasks.creationSite(t);
        return site == null ? null : site.clone();
    }

    @Override
    public List<Future<?>> awaitedBy(Future<?> f) {
        return f.awaitedBy();
    }

    @Override
    public boolean inLoopThread() {
        Thread owner = loopThread;
        return owner == null || owner == Thread.currentThread() || RUNNING.get() == this;
    }

    @Override
    public void setJfrTiming(boolean timing) {
        jfrTiming = timing;
    }

    @Override
    public void installClock(LoopClock c) {
        if (loopThread != null || !timers.isEmpty() || closed) {
            throw new IllegalStateException("a test clock goes into a new loop, before it runs or schedules a timer: " + this);
        }
        clock = c;
    }

    @Override
    public LoopClock installedClock() {
        return clock;
    }

    @Override
    public long watchdogThresholdNanos() {
        return watchdogThresholdNanos;
    }

    @Override
    public void setWatchdogThresholdNanos(long nanos) {
        watchdogThresholdNanos = nanos;
    }

    // ---- backend

    @Override
    public String providerName() {
        return providerName;
    }

    @Override
    public IoDriver ioDriver() {
        return driver;
    }

    @Override
    public String toString() {
        return "EventLoop[" + providerName + (closed ? ", closed" : loopThread != null ? ", running" : "") + "]";
    }
}
