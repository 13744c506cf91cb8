package dev.jasyncio;

/**
 * The context a thread is running in right now: the current map of context variables and the
 * identity of the context that owns it, as an owner object (a task, a {@link Context}, a handle)
 * plus an epoch that tells the plain callbacks of one owner apart.
 *
 * <p>One slot per thread; a context variable's {@code get} reads {@link #map}. On the loop's hot
 * path a callback costs a primitive {@link #epoch} store and, only when its context differs, a
 * {@link #map} store: reference stores into this long-lived object pay G1's post-write barrier
 * (W1, bench/README.md). Under the hand-off engine a task's virtual thread shares its loop
 * thread's slot, which is safe because only one of them runs at a time.
 */
final class ContextSlot implements ContextView {
    private static final ThreadLocal<ContextSlot> SLOT = ThreadLocal.withInitial(ContextSlot::new);

    /** The variables visible now. */
    PersistentMap map = PersistentMap.EMPTY;
    /** Who owns the running context: tokens made in one owner cannot be reset in another. */
    Object owner = this;
    /**
     * Tells apart contexts of one owner: each plain callback of the loop gets a new epoch, while a
     * task (or a {@link Context}) keeps epoch 0 across its steps. A token matches owner and epoch.
     */
    long epoch;
    /** The last epoch the loop gave a callback on this thread; epochs never repeat per slot. */
    long lastCallbackEpoch;
    /** Epochs saved by {@link #switchTo}, restored by {@link #switchBack} (switches nest). */
    private long[] savedEpochs = new long[8];
    private int savedDepth;
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
        if (savedDepth == savedEpochs.length) {
            savedEpochs = java.util.Arrays.copyOf(savedEpochs, savedDepth * 2);
        }
        savedEpochs[savedDepth++] = epoch;
        epoch = 0;
        map = newMap;
        owner = newOwner;
        bridgeState = ThreadContextBridges.install(this);
    }

    void switchBack(PersistentMap oldMap, Object oldOwner, Object[] oldBridgeState) {
        ThreadContextBridges.restore(bridgeState);
        map = oldMap;
        owner = oldOwner;
        bridgeState = oldBridgeState;
        epoch = savedEpochs[--savedDepth];
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
