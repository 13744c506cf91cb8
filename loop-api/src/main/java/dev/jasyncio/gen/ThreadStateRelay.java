package dev.jasyncio.gen;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;

/**
 * Relays the consumer thread's loop state to a generator body that runs on another thread (the
 * hand-off engine runs each fiber on its own virtual thread), so that an await or a context
 * variable in the body behaves as it would on the consumer's thread.
 *
 * <p>The loop core keeps that state in package-private thread-locals of {@code dev.jasyncio}: the
 * loop running in this thread ({@code LoopCore.RUNNING}) and the context slot
 * ({@code ContextSlot.SLOT}), and in debug mode checks that loop methods come from the thread it
 * lets run ({@code LoopCore.activeThread}). A task's own fiber thread binds itself there
 * ({@code LoopCore.enterFiberThread}); nothing does so for a generator's fiber thread, and the
 * engine has no hook to carry thread state over on resume. This class reaches them through a
 * private lookup, legal because both packages are in the same module, and shares the consumer's
 * values with the body's thread (safe: the engine runs one of the two threads at a time). A
 * missing piece is logged once and skipped: generators still work, but under the hand-off engine
 * an await in a generator body then fails with "called outside a task". Unused under the
 * continuation engine, whose generator bodies run on the consumer's own thread.
 */
final class ThreadStateRelay {
    private static final List<ThreadLocal<Object>> LOCALS = new ArrayList<>();
    /** Index in LOCALS (and in a captured state) of the running loop, or -1. */
    private static final int LOOP;
    private static final MethodHandle SWAP_ACTIVE;

    static {
        LOOP = find("dev.jasyncio.LoopCore", "RUNNING", System.Logger.Level.WARNING);
        // Context variables may be absent from a build; without them there is nothing to relay.
        find("dev.jasyncio.ContextSlot", "SLOT", System.Logger.Level.DEBUG);
        MethodHandle swap = null;
        try {
            Class<?> core = Class.forName("dev.jasyncio.LoopCore");
            swap = MethodHandles.privateLookupIn(core, MethodHandles.lookup())
                .findVirtual(core, "swapActiveThread", MethodType.methodType(Thread.class, Thread.class))
                .asType(MethodType.methodType(Thread.class, Object.class, Thread.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            warn(System.Logger.Level.WARNING, "LoopCore.swapActiveThread", e);
        }
        SWAP_ACTIVE = swap;
    }

    private ThreadStateRelay() {}

    /** The consumer thread's state, to hand to {@link #install} on the body's thread. */
    static Object[] capture() {
        Object[] state = new Object[LOCALS.size()];
        for (int i = 0; i < state.length; i++) {
            state[i] = LOCALS.get(i).get();
        }
        return state;
    }

    /** Makes the current thread share {@code state} (from {@link #capture}). */
    static void install(Object[] state) {
        for (int i = 0; i < state.length; i++) {
            ThreadLocal<Object> local = LOCALS.get(i);
            if (state[i] == null) {
                local.remove();
            } else if (local.get() != state[i]) {
                local.set(state[i]);
            }
        }
    }

    /** The loop (an opaque {@code LoopCore}) running in the thread {@code state} was captured on, or null. */
    static Object loop(Object[] state) {
        return LOOP < 0 ? null : state[LOOP];
    }

    /** Lets {@code thread} call loop-thread-only methods of {@code loop}; returns the thread allowed before. */
    static Thread swapActiveThread(Object loop, Thread thread) {
        if (SWAP_ACTIVE == null) {
            return null;
        }
        try {
            return (Thread) SWAP_ACTIVE.invokeExact(loop, thread);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static int find(String className, String field, System.Logger.Level ifMissing) {
        try {
            Class<?> owner = Class.forName(className);
            @SuppressWarnings("unchecked")
            ThreadLocal<Object> local = (ThreadLocal<Object>) MethodHandles.privateLookupIn(owner, MethodHandles.lookup())
                .findStaticVarHandle(owner, field, ThreadLocal.class).get();
            LOCALS.add(local);
            return LOCALS.size() - 1;
        } catch (ReflectiveOperationException | RuntimeException e) {
            warn(ifMissing, className + "." + field, e);
            return -1;
        }
    }

    private static void warn(System.Logger.Level level, String what, Exception e) {
        System.getLogger("dev.jasyncio").log(level,
            "Generators cannot relay {0} to their fiber threads ({1}): under the hand-off engine an await or a context"
                + " variable inside a generator body may not work", what, e.toString());
    }
}
