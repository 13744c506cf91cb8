package dev.jasyncio;

/**
 * The context a thread is running in right now: the current map of context variables and the
 * identity of the context that owns it: an owner object (a {@link Context}, a handle, or the
 * running task, which the slot does not store) and, for the plain callbacks the loop runs at its
 * top level, the callback itself.
 *
 * <p>One slot per thread; a context variable's {@code get} reads {@link #map}. On the loop's hot
 * path a callback or task step stores no reference to itself here: a reference stored per step
 * into this long-lived object would take G1's write-barrier slow path (see ReadyQueue), so the
 * running callback is read from the loop's ready queue ({@link #step()}) and the running task
 * from the running fiber ({@link #owner()}) when a token is made. Under the hand-off engine a
 * task's virtual thread shares its loop thread's slot, which is safe because only one of them
 * runs at a time.
 */
final class ContextSlot implements ContextView {
    private static final ThreadLocal<ContextSlot> SLOT = ThreadLocal.withInitial(ContextSlot::new);

    /** The variables visible now. */
    PersistentMap map = PersistentMap.EMPTY;
    /**
     * Stands for "the task running now" as {@link #owner}: a task step installs it instead of
     * itself, because a null store skips G1's write-barrier work and the task is known anyway
     * from the running fiber ({@link #owner()} looks it up).
     */
    static final Object RUNNING_TASK = null;

    /** Who owns the running context, or RUNNING_TASK; read it through {@link #owner()}. */
    Object owner = this;
    /** How many {@link #switchTo} calls are open on this thread. */
    private int depth;
    /** The loop running on this thread, and the depth at which it runs plain callbacks. */
    private LoopCore loop;
    private int loopDepth;
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
        depth++;
        setMap(newMap);
        owner = newOwner;
        bridgeState = ThreadContextBridges.install(this);
    }

    void switchBack(PersistentMap oldMap, Object oldOwner, Object[] oldBridgeState) {
        ThreadContextBridges.restore(bridgeState);
        setMap(oldMap);
        owner = oldOwner;
        bridgeState = oldBridgeState;
        depth--;
    }

    /**
     * Installs {@code m} as the map, storing only if it differs: a task step switches in and out
     * of its context, which is most often the very map already installed (no variable set), and
     * a reference store into this long-lived object runs G1's write-barrier slow path even when
     * the value does not change.
     */
    void setMap(PersistentMap m) {
        if (map != m) {
            map = m;
        }
    }

    /** The loop starts running plain callbacks on this thread (returns what to restore). */
    LoopCore enterLoop(LoopCore l) {
        LoopCore previous = loop;
        loop = l;
        loopDepth = depth;
        return previous;
    }

    void leaveLoop(LoopCore previous) {
        loop = previous;
    }

    /** Who owns the running context: tokens made in one owner cannot be reset in another. */
    Object owner() {
        Object o = owner;
        if (o != RUNNING_TASK) {
            return o;
        }
        LoopCore l = loop;
        return l != null ? l.currentTask() : null;
    }

    /**
     * The plain callback running now at the loop's top level, or null inside a task step, a
     * {@link Context#run} or outside a loop: with {@link #owner} it identifies the context a
     * token was made in.
     */
    Object step() {
        LoopCore l = loop;
        return l != null && depth == loopDepth ? l.runningCallback() : null;
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
