package dev.jasyncio;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;

/**
 * A set of context-variable values that code can run in: {@link #copy()} the current one, hand it
 * to a task ({@link EventLoop#createTask(Coroutine, String, Context)}), or {@link #run} a function
 * in it. Sets made while running inside a context stay in that context.
 *
 * <p>Not thread-safe: a context is entered by one thread at a time.
 *
 * @apiNote asyncio: {@code contextvars.Context}; {@link #copy()} is {@code copy_context()}.
 */
public final class Context {
    /** The values; replaced (never mutated) by sets made while this context runs. */
    PersistentMap map;
    private boolean entered;

    /** An empty context. */
    public Context() {
        this(PersistentMap.EMPTY);
    }

    Context(PersistentMap map) {
        this.map = map;
    }

    /**
     * A copy of the current context, in O(1).
     *
     * @apiNote asyncio: {@code contextvars.copy_context()}.
     */
    public static Context copy() {
        return new Context(ContextSlot.current().map);
    }

    /**
     * Runs {@code function} inside this context: context variables read and write this
     * context's values, and the caller's context is restored afterwards.
     *
     * @throws IllegalStateException if this context is already entered (here or in another thread)
     * @throws CompletionException wrapping a checked exception of {@code function}
     * @apiNote asyncio: {@code Context.run(callable)}.
     */
    public <T> T run(Callable<T> function) {
        Objects.requireNonNull(function, "function");
        if (entered) {
            throw new IllegalStateException("cannot enter context: " + this + " is already entered");
        }
        entered = true;
        ContextSlot slot = ContextSlot.current();
        PersistentMap oldMap = slot.map;
        Object oldOwner = slot.owner;
        Object[] oldBridges = slot.bridgeState;
        slot.switchTo(map, this);
        try {
            return function.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        } finally {
            keep(slot.map);
            slot.switchBack(oldMap, oldOwner, oldBridges);
            entered = false;
        }
    }

    /** Keeps what a run left in the slot; stored only if a set changed it (see ContextSlot.setMap). */
    void keep(PersistentMap m) {
        if (map != m) {
            map = m;
        }
    }

    /**
     * The value of {@code variable} in this context, or null if it has none (its default is not consulted).
     *
     * @apiNote asyncio: {@code Context.get(var)} / {@code ctx[var]}.
     */
    public <T> T get(ContextVar<T> variable) {
        Object v = map.get(variable, PersistentMap.missing());
        @SuppressWarnings("unchecked")
        T t = v == PersistentMap.missing() ? null : (T) v;
        return t;
    }

    /**
     * Whether {@code variable} has a value in this context.
     *
     * @apiNote asyncio: {@code var in ctx}.
     */
    public boolean contains(ContextVar<?> variable) {
        return map.get(variable, PersistentMap.missing()) != PersistentMap.missing();
    }

    /**
     * The number of variables with a value in this context.
     *
     * @apiNote asyncio: {@code len(ctx)}.
     */
    public int size() {
        return map.size();
    }

    /**
     * A read-only snapshot of the variables and their values.
     *
     * @apiNote asyncio: the Mapping view of {@code Context} (keys, values, items).
     */
    public Map<ContextVar<?>, Object> asMap() {
        return Collections.unmodifiableMap(map.toMap());
    }

    /**
     * Registers a bridge that mirrors context variables into thread-local state around every task
     * step, callback and executor call (see {@link ThreadContextBridge}).
     *
     * @apiNote asyncio: no counterpart.
     */
    public static void addBridge(ThreadContextBridge bridge) {
        ThreadContextBridges.add(bridge);
    }

    /**
     * Unregisters a bridge; returns whether it was registered.
     *
     * @apiNote asyncio: no counterpart.
     */
    public static boolean removeBridge(ThreadContextBridge bridge) {
        return ThreadContextBridges.remove(bridge);
    }

    /** The map of the current context, for the loop's capture at schedule time. */
    static PersistentMap currentMap() {
        return ContextSlot.current().map;
    }

    @Override
    public String toString() {
        return "Context" + map.toMap();
    }
}
