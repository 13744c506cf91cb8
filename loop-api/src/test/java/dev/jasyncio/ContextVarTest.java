package dev.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PEP 567 rules: tasks, callbacks and executor calls each run in their own copy of a context. */
class ContextVarTest {
    private static final ContextVar<String> REQUEST = new ContextVar<>("request");
    private static final ContextVar<Integer> DEPTH = new ContextVar<>("depth", 0);

    private static <T> T run(String engine, Coroutine<T> main) {
        String old = System.getProperty("jasyncio.engine");
        System.setProperty("jasyncio.engine", engine);
        try {
            return Async.run(main, LoopFactory.byName("core"));
        } finally {
            if (old == null) {
                System.clearProperty("jasyncio.engine");
            } else {
                System.setProperty("jasyncio.engine", old);
            }
        }
    }

    /** A task sees the values of its creator at creation; its own sets stay inside it. */
    @ParameterizedTest
    @ValueSource(strings = {"continuation", "handoff"})
    void taskRunsInACopyTakenAtCreation(String engine) {
        run(engine, () -> {
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
    @ParameterizedTest
    @ValueSource(strings = {"continuation", "handoff"})
    void interleavedTasksKeepTheirOwnValues(String engine) {
        List<String> log = run(engine, () -> {
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
    void callbacksRunInTheContextTheyWereScheduledIn() {
        run("continuation", () -> {
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
    void doneCallbacksRunInTheContextTheyWereAddedIn() {
        run("continuation", () -> {
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
    @ParameterizedTest
    @ValueSource(strings = {"continuation", "handoff"})
    void executorFunctionsRunInACopyOfTheCallersContext(String engine) {
        run(engine, () -> {
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

    /** get: value, else default, else NoSuchElementException; reset restores, once, same context only. */
    @Test
    void getSetResetFollowPep567() {
        run("continuation", () -> {
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
        REQUEST.set("thread-value");
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
            ContextSlot.current().map = PersistentMap.EMPTY;
        }
    }

    /** A task created with an explicit context runs in that very context (not a copy). */
    @Test
    void taskWithAnExplicitContextWritesIntoIt() {
        Context ctx = new Context();
        run("continuation", () -> {
            Async.await(Async.getRunningLoop().createTask(() -> {
                REQUEST.set("written");
                return null;
            }, "explicit", ctx));
            return null;
        });
        assertEquals("written", ctx.get(REQUEST));
    }

    /** The persistent map agrees with a HashMap through random sets and removals, sharing structure. */
    @Test
    void persistentMapAgreesWithAHashMap() {
        Random rnd = new Random(7);
        List<ContextVar<Integer>> vars = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            vars.add(new ContextVar<>("v" + i));
        }
        PersistentMap m = PersistentMap.EMPTY;
        Map<ContextVar<?>, Object> ref = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            ContextVar<Integer> v = vars.get(rnd.nextInt(vars.size()));
            PersistentMap before = m;
            int sizeBefore = before.size();
            if (rnd.nextInt(4) == 0) {
                m = m.minus(v);
                ref.remove(v);
            } else {
                m = m.plus(v, i);
                ref.put(v, i);
            }
            assertEquals(sizeBefore, before.size(), "an older version never changes");
            assertEquals(ref.size(), m.size());
        }
        assertEquals(ref, m.toMap());
        for (ContextVar<Integer> v : vars) {
            assertEquals(ref.get(v), m.get(v, null));
        }
        assertNull(PersistentMap.EMPTY.get(vars.get(0), null));
    }

    /** A bridge sees each task's values installed while it runs and restored afterwards. */
    @Test
    void bridgeMirrorsValuesIntoThreadLocalState() {
        ThreadLocal<String> mdc = new ThreadLocal<>();
        ThreadContextBridge bridge = new ThreadContextBridge() {
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
        Context.addBridge(bridge);
        try {
            List<String> log = run("continuation", () -> {
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
