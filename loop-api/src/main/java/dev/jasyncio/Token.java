package dev.jasyncio;

/**
 * What {@link ContextVar#set} returns: enough to undo that set with {@link ContextVar#reset}, once,
 * in the same context.
 *
 * @param <T> the variable's type
 * @apiNote asyncio: {@code contextvars.Token}.
 */
public final class Token<T> {
    private final ContextVar<T> variable;
    private final Object oldValue;
    private final Object owner;
    private final Object step;
    private boolean used;

    Token(ContextVar<T> variable, Object oldValue, Object owner, Object step) {
        this.variable = variable;
        this.oldValue = oldValue;
        this.owner = owner;
        this.step = step;
    }

    /**
     * The variable that was set.
     *
     * @apiNote asyncio: {@code Token.var}.
     */
    public ContextVar<T> variable() {
        return variable;
    }

    /**
     * Whether the variable had a value before the set ({@code false}: it was unset, Python's
     * {@code Token.MISSING}).
     *
     * @apiNote asyncio: {@code Token.old_value is not Token.MISSING}.
     */
    public boolean hadOldValue() {
        return oldValue != PersistentMap.missing();
    }

    /**
     * The value before the set, or null if there was none.
     *
     * @apiNote asyncio: {@code Token.old_value}.
     */
    @SuppressWarnings("unchecked")
    public T oldValue() {
        return hadOldValue() ? (T) oldValue : null;
    }

    Object rawOldValue() {
        return oldValue;
    }

    /** Whether the token was made in the context the slot runs now. */
    boolean madeIn(ContextSlot slot) {
        return owner == slot.owner() && step == slot.step();
    }

    boolean markUsed() {
        boolean was = used;
        used = true;
        return was;
    }

    @Override
    public String toString() {
        return "Token[" + variable.name() + (used ? ", used" : "") + "]";
    }
}
