package dev.jasyncio;

/**
 * The context a thread is running in right now: the current map of context variables and the
 * identity of the context that owns it (a task, a callback's handle, or a {@link Context}).
 *
 * <p>One slot per thread. The loop swaps {@link #map} and {@link #owner} around every callback and
 * task step (two field writes); a context variable's {@code get} reads {@link #map}. Under the
 * hand-off engine a task's virtual thread shares its loop thread's slot, which is safe because
 * only one of them runs at a time.
 */
final class ContextSlot implements ContextView {
    private static final ThreadLocal<ContextSlot> SLOT = ThreadLocal.withInitial(ContextSlot::new);

    /** The variables visible now. */
    PersistentMap map = PersistentMap.EMPTY;
    /** Who owns the running context: tokens made in one owner cannot be reset in another. */
    Object owner = this;
    /** What thread bridges returned when this context was installed, to restore afterwards. */
    Object[] bridgeState;

    static ContextSlot current() {
        return SLOT.get();
    }

    /** Hand-off engine: makes this thread use {@code shared} (its loop thread's slot). */
    static void share(ContextSlot shared) {
        SLOT.set(shared);
    }

    /**
     * Enters a context: installs map and owner and runs the thread bridges. The caller keeps
     * map, owner and bridgeState from before in locals and hands them to {@link #switchBack}
     * (no allocation on the loop's hot path).
     */
    void switchTo(PersistentMap newMap, Object newOwner) {
        map = newMap;
        owner = newOwner;
        bridgeState = ThreadContextBridges.install(this);
    }

    void switchBack(PersistentMap oldMap, Object oldOwner, Object[] oldBridgeState) {
        ThreadContextBridges.restore(bridgeState);
        map = oldMap;
        owner = oldOwner;
        bridgeState = oldBridgeState;
    }

    @Override
    public <T> T get(ContextVar<T> variable) {
        Object v = map.get(variable, PersistentMap.missing());
        if (v == PersistentMap.missing()) {
            return variable.defaultValue();
        }
        @SuppressWarnings("unchecked")
        T t = (T) v;
        return t;
    }
}
