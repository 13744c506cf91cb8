package dev.jasyncio;

import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A variable whose value depends on the context it is read in: each task runs in its own copy
 * of the context it was created in, each callback in a copy of the context it was scheduled in,
 * and executor functions in a copy of the caller's. Use instead of {@link ThreadLocal}, which all
 * tasks of a loop share.
 *
 * {@snippet :
 * static final ContextVar<String> REQUEST_ID = new ContextVar<>("request_id");
 * ...
 * REQUEST_ID.set("r-42");                 // visible in this task and in tasks it creates later
 * Async.createTask(() -> log(REQUEST_ID.get()));
 * }
 *
 * <p>{@code get} and {@code set} are cheap: a thread-local read and a persistent-map update in
 * O(log n); copying a context is O(1).
 *
 * @param <T> the value type
 * @apiNote asyncio: {@code contextvars.ContextVar} (PEP 567). Declare variables once, as
 *     static finals; they are compared by identity.
 */
public final class ContextVar<T> {
    private final String name;
    private final T defaultValue;
    private final boolean hasDefault;

    /**
     * A variable with no default: {@link #get()} throws while it is unset.
     *
     * @apiNote asyncio: {@code ContextVar(name)}.
     */
    public ContextVar(String name) {
        this.name = Objects.requireNonNull(name, "name");
        this.defaultValue = null;
        this.hasDefault = false;
    }

    /**
     * A variable with a default value.
     *
     * @apiNote asyncio: {@code ContextVar(name, default=value)}.
     */
    public ContextVar(String name, T defaultValue) {
        this.name = Objects.requireNonNull(name, "name");
        this.defaultValue = defaultValue;
        this.hasDefault = true;
    }

    /**
     * The variable's name.
     *
     * @apiNote asyncio: {@code ContextVar.name}.
     */
    public String name() {
        return name;
    }

    /**
     * The value in the current context, else the variable's default.
     *
     * @throws NoSuchElementException if it is unset and has no default
     * @apiNote asyncio: {@code ContextVar.get()} (LookupError becomes NoSuchElementException).
     */
    public T get() {
        Object v = ContextSlot.current().map.get(this, PersistentMap.missing());
        if (v != PersistentMap.missing()) {
            return cast(v);
        }
        if (hasDefault) {
            return defaultValue;
        }
        throw new NoSuchElementException("context variable '" + name + "' has no value in this context and no default");
    }

    /**
     * The value in the current context, else {@code fallback} (the variable's default is ignored).
     *
     * @apiNote asyncio: {@code ContextVar.get(default)}.
     */
    public T get(T fallback) {
        Object v = ContextSlot.current().map.get(this, PersistentMap.missing());
        return v != PersistentMap.missing() ? cast(v) : fallback;
    }

    /**
     * Sets the value in the current context and returns a token that can undo it.
     *
     * @apiNote asyncio: {@code ContextVar.set(value)}.
     */
    public Token<T> set(T value) {
        ContextSlot slot = ContextSlot.current();
        Object old = slot.map.get(this, PersistentMap.missing());
        slot.map = slot.map.plus(this, value);
        ThreadContextBridges.refresh(slot);
        return new Token<>(this, old, slot.owner(), slot.step());
    }

    /**
     * Restores the value the variable had before the {@link #set} that made {@code token}.
     *
     * @throws IllegalArgumentException if the token belongs to another variable or was made in
     *     another context
     * @throws IllegalStateException if the token was already used
     * @apiNote asyncio: {@code ContextVar.reset(token)} (ValueError / RuntimeError).
     */
    public void reset(Token<T> token) {
        Objects.requireNonNull(token, "token");
        if (token.variable() != this) {
            throw new IllegalArgumentException("token of variable '" + token.variable().name()
                + "' cannot reset variable '" + name + "'");
        }
        ContextSlot slot = ContextSlot.current();
        if (!token.madeIn(slot)) {
            throw new IllegalArgumentException("token for '" + name + "' was created in a different context");
        }
        if (token.markUsed()) {
            throw new IllegalStateException("token for '" + name + "' has already been used once");
        }
        Object old = token.rawOldValue();
        slot.map = old == PersistentMap.missing() ? slot.map.minus(this) : slot.map.plus(this, old);
        ThreadContextBridges.refresh(slot);
    }

    T defaultValue() {
        return defaultValue;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object v) {
        return (T) v;
    }

    @Override
    public String toString() {
        return "ContextVar[" + name + (hasDefault ? ", default=" + defaultValue : "") + "]";
    }
}
