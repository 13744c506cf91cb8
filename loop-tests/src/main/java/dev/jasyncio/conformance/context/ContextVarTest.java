package dev.jasyncio.conformance.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.Context;
import dev.jasyncio.ContextVar;
import dev.jasyncio.ContextView;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.Task;
import dev.jasyncio.ThreadContextBridge;
import dev.jasyncio.Token;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.OtherThread;
import dev.jasyncio.conformance.Tasks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** PEP 567 rules: tasks, callbacks and executor calls each run in their own copy of a context. */
@Conformance
class ContextVarTest {
    private static final ContextVar<String> REQUEST = new ContextVar<>("request");
    private static final ContextVar<Integer> DEPTH = new ContextVar<>("depth", 0);
    /** The calls {@link #seenInScheduledCalls} schedules, in order. */
    private static final List<String> SCHEDULING_CALLS = List.of("callSoon", "callLater", "callSoonThreadsafe", "runInExecutor", "toThread");

    /** A task sees the values of its creator at creation; its own sets stay inside it. */
    @Test
    void taskRunsInACopyTakenAtCreation(LoopFactory factory) {
        Tasks.run(factory, () -> {
            REQUEST.set("outer");
            Task<String> child = Async.createTask(() -> {
                String seen = REQUEST.get();
                REQUEST.set("child");
                Async.sleep(Duration.ZERO);
                return seen + "/" + REQUEST.get();
            });
            REQUEST.set("outer-later");
            assertEquals("outer/child", Async.await(child));
            assertEquals("outer-later", REQUEST.get(), "the child's set did not leak out");
            return null;
        });
    }

    /** Interleaved tasks keep their own values across suspensions. */
    @Test
    void interleavedTasksKeepTheirOwnValues(LoopFactory factory) {
        List<String> log = Tasks.run(factory, () -> {
            List<String> l = new ArrayList<>();
            List<Task<Void>> tasks = new ArrayList<>();
            for (String id : List.of("a", "b", "c")) {
                tasks.add(Async.createTask(() -> {
                    REQUEST.set(id);
                    for (int i = 0; i < 3; i++) {
                        Async.sleep(Duration.ZERO);
                        l.add(id + "=" + REQUEST.get());
                    }
                    return null;
                }));
            }
            for (Task<Void> t : tasks) {
                Async.await(t);
            }
            return l;
        });
        assertEquals(List.of("a=a", "b=b", "c=c", "a=a", "b=b", "c=c", "a=a", "b=b", "c=c"), log);
    }

    /** A callback runs in the context current when it was scheduled, and its sets do not leak. */
    @Test
    void callbacksRunInTheContextTheyWereScheduledIn(LoopFactory factory) {
        Tasks.run(factory, () -> {
            EventLoop loop = Async.getRunningLoop();
            Future<String> seen = loop.createFuture();
            REQUEST.set("at-schedule");
            loop.callSoon(() -> {
                String v = REQUEST.get();
                REQUEST.set("inside-callback");
                seen.setResult(v);
            });
            REQUEST.set("after-schedule");
            assertEquals("at-schedule", Async.await(seen));
            assertEquals("after-schedule", REQUEST.get());
            return null;
        });
    }

    /** A done callback runs in the context it was added in. */
    @Test
    void doneCallbacksRunInTheContextTheyWereAddedIn(LoopFactory factory) {
        Tasks.run(factory, () -> {
            EventLoop loop = Async.getRunningLoop();
            Future<Void> f = loop.createFuture();
            Future<String> seen = loop.createFuture();
            REQUEST.set("at-add");
            f.addDoneCallback(x -> seen.setResult(REQUEST.get()));
            REQUEST.set("at-completion");
            f.setResult(null);
            assertEquals("at-add", Async.await(seen));
            return null;
        });
    }

    /** runInExecutor runs the function in a copy of the caller's context on the worker thread. */
    @Test
    void executorFunctionsRunInACopyOfTheCallersContext(LoopFactory factory) {
        Tasks.run(factory, () -> {
            REQUEST.set("caller");
            String seen = Async.await(Async.getRunningLoop().runInExecutor(null, () -> {
                String v = REQUEST.get() + "@" + (Thread.currentThread().getName().startsWith("jasyncio-executor") ? "worker" : "?");
                REQUEST.set("worker-set");
                return v;
            }));
            assertEquals("caller@worker", seen);
            assertEquals("caller", REQUEST.get());
            return null;
        });
    }

    /**
     * What {@code probe} shows inside each kind of scheduled call when the scheduler's context
     * holds its name: callSoon, callLater, callSoonThreadsafe from another thread (its context is
     * that thread's, as in asyncio), runInExecutor on {@code worker}, toThread. Inside a task.
     */
    private static List<String> seenInScheduledCalls(Supplier<String> probe, Executor worker) {
        EventLoop loop = Async.getRunningLoop();
        Future<String> soon = loop.createFuture();
        Future<String> later = loop.createFuture();
        Future<String> threadsafe = loop.createFuture();
        REQUEST.set("callSoon");
        loop.callSoon(() -> soon.setResult(probe.get()));
        REQUEST.set("callLater");
        loop.callLater(Duration.ofMillis(1), () -> later.setResult(probe.get()));
        OtherThread.call("poster", () -> new Context().run(() -> {
            REQUEST.set("callSoonThreadsafe");
            return loop.callSoonThreadsafe(() -> threadsafe.setResult(probe.get()));
        }));
        REQUEST.set("runInExecutor");
        String executor = Async.await(loop.runInExecutor(worker, probe::get));
        REQUEST.set("toThread");
        String toThread = Async.toThread(probe::get);
        return List.of(Async.await(soon), Async.await(later), Async.await(threadsafe), executor, toThread);
    }

    /**
     * callLater, callSoonThreadsafe and executor calls run in the context they were scheduled in,
     * as callSoon does: the scheduling thread's context at the call, not the loop's when they run.
     */
    @Test
    void everyScheduledCallRunsInTheContextItWasScheduledIn(LoopFactory factory) {
        List<String> seen = Tasks.run(factory, () -> seenInScheduledCalls(REQUEST::get, null));
        assertEquals(SCHEDULING_CALLS, seen);
    }

    /**
     * A bridge is installed around plain callbacks and executor calls too, in the context each was
     * scheduled in, and the worker thread's state is restored once the executor call returns.
     */
    @Test
    void bridgeIsAppliedAroundCallbacksAndExecutorCalls(LoopFactory factory) throws Exception {
        ThreadLocal<String> mdc = new ThreadLocal<>();
        ThreadContextBridge bridge = mirroring(mdc);
        ExecutorService worker = Executors.newSingleThreadExecutor();
        Context.addBridge(bridge);
        try {
            List<String> seen = Tasks.run(factory, () -> seenInScheduledCalls(mdc::get, worker));
            assertEquals(SCHEDULING_CALLS, seen);
            assertNull(worker.submit(mdc::get).get(10, TimeUnit.SECONDS), "restored on the worker thread");
            assertNull(mdc.get(), "restored on the loop thread after the run");
        } finally {
            assertTrue(Context.removeBridge(bridge));
            worker.shutdown();
        }
    }

    /** A context's map view is read-only: its values change only through the variables, inside the context. */
    @Test
    void theMapViewOfAContextIsReadOnly() {
        Context ctx = new Context();
        ctx.run(() -> REQUEST.set("in-ctx"));
        Map<ContextVar<?>, Object> view = ctx.asMap();
        assertThrows(UnsupportedOperationException.class, () -> view.put(DEPTH, 1));
        assertThrows(UnsupportedOperationException.class, () -> view.remove(REQUEST));
        assertThrows(UnsupportedOperationException.class, view::clear);
        assertThrows(UnsupportedOperationException.class, () -> view.entrySet().iterator().next().setValue("changed"));
        assertEquals(Map.of(REQUEST, "in-ctx"), ctx.asMap());
    }

    /** get: value, else default, else NoSuchElementException; reset restores, once, same context only. */
    @Test
    void getSetResetFollowPep567(LoopFactory factory) {
        Tasks.run(factory, () -> {
            assertThrows(NoSuchElementException.class, REQUEST::get);
            assertEquals("fallback", REQUEST.get("fallback"));
            assertEquals(0, DEPTH.get());
            Token<Integer> t1 = DEPTH.set(1);
            assertFalse(t1.hadOldValue());
            Token<Integer> t2 = DEPTH.set(2);
            assertEquals(1, t2.oldValue());
            DEPTH.reset(t2);
            assertEquals(1, DEPTH.get());
            assertThrows(IllegalStateException.class, () -> DEPTH.reset(t2), "a token is used once");
            Task<Void> other = Async.createTask(() -> {
                assertThrows(IllegalArgumentException.class, () -> DEPTH.reset(t1), "another context's token");
                return null;
            });
            Async.await(other);
            DEPTH.reset(t1);
            assertEquals(0, DEPTH.get(), "back to unset: the default shows");
            return null;
        });
    }

    /** Context.run installs the context, keeps its sets, and restores the caller's. */
    @Test
    void contextRunKeepsItsSetsAndRestoresTheCaller() {
        Context ctx = new Context();
        Token<String> outside = REQUEST.set("thread-value");
        try {
            ctx.run(() -> {
                assertEquals("none", REQUEST.get("none"));
                REQUEST.set("in-ctx");
                assertThrows(IllegalStateException.class, () -> ctx.run(() -> null), "already entered");
                return null;
            });
            assertEquals("in-ctx", ctx.get(REQUEST));
            assertTrue(ctx.contains(REQUEST));
            assertEquals(1, ctx.size());
            assertEquals("thread-value", REQUEST.get());
            Context copy = Context.copy();
            assertEquals("thread-value", copy.get(REQUEST));
            assertEquals(Map.of(REQUEST, "thread-value"), copy.asMap());
        } finally {
            REQUEST.reset(outside);
        }
    }

    /** A task created with an explicit context runs in that very context (not a copy). */
    @Test
    void taskWithAnExplicitContextWritesIntoIt(LoopFactory factory) {
        Context ctx = new Context();
        Tasks.run(factory, () -> {
            Async.await(Async.getRunningLoop().createTask(() -> {
                REQUEST.set("written");
                return null;
            }, "explicit", ctx));
            return null;
        });
        assertEquals("written", ctx.get(REQUEST));
    }

    /** A bridge that mirrors {@link #REQUEST} into {@code mdc}, as a logging MDC bridge does. */
    private static ThreadContextBridge mirroring(ThreadLocal<String> mdc) {
        return new ThreadContextBridge() {
            @Override
            public Object install(ContextView context) {
                String previous = mdc.get();
                mdc.set(context.get(REQUEST));
                return previous;
            }

            @Override
            public void restore(Object previous) {
                mdc.set((String) previous);
            }
        };
    }

    /** A bridge sees each task's values installed while it runs and restored afterwards. */
    @Test
    void bridgeMirrorsValuesIntoThreadLocalState(LoopFactory factory) {
        ThreadLocal<String> mdc = new ThreadLocal<>();
        ThreadContextBridge bridge = mirroring(mdc);
        Context.addBridge(bridge);
        try {
            List<String> log = Tasks.run(factory, () -> {
                List<String> l = new ArrayList<>();
                List<Task<Void>> ts = new ArrayList<>();
                for (String id : List.of("r1", "r2")) {
                    ts.add(Async.createTask(() -> {
                        REQUEST.set(id);
                        l.add("set " + id + " -> mdc " + mdc.get());
                        Async.sleep(Duration.ZERO);
                        l.add("resumed " + id + " -> mdc " + mdc.get());
                        return null;
                    }));
                }
                for (Task<Void> t : ts) {
                    Async.await(t);
                }
                return l;
            });
            assertEquals(List.of("set r1 -> mdc r1", "set r2 -> mdc r2", "resumed r1 -> mdc r1", "resumed r2 -> mdc r2"), log);
            assertNull(mdc.get(), "restored on the loop thread after the run");
        } finally {
            assertTrue(Context.removeBridge(bridge));
        }
    }
}
