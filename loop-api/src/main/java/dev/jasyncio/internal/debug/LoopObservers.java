package dev.jasyncio.internal.debug;

/**
 * The one {@link LoopObserver} of the JVM: the monitor of {@code dev.jasyncio.debug} (watchdog,
 * metrics, JMX), or nothing. Not API.
 *
 * <p>The monitor lives in the package above the loop core, which must not import it; so the core
 * loads it here by name on the first loop run, and it installs itself from its static
 * initializer. Without the debug package (a trimmed jar) loops run unobserved.
 */
public final class LoopObservers {
    private static final LoopObserver NONE = new LoopObserver() {
        @Override
        public void loopStarted(LoopProbe loop) {}

        @Override
        public void loopStopped(LoopProbe loop) {}

        @Override
        public String dumpTasks(LoopProbe loop, boolean json) {
            throw new UnsupportedOperationException("task dumps need the package dev.jasyncio.debug, which is missing from the class path");
        }
    };
    /** The monitor's class, loaded (and so installed) on first use. */
    private static final String MONITOR = "dev.jasyncio.debug.LoopMonitor";

    /** Null until the first loop run looks the monitor up. */
    private static volatile LoopObserver observer;

    private LoopObservers() {}

    /**
     * Installs the observer. The monitor calls this from its static initializer; unsynchronized,
     * so that a thread initializing the monitor never waits for one that is loading it.
     */
    public static void install(LoopObserver o) {
        observer = o == null ? NONE : o;
    }

    /** The observer, loaded on first use; a no-op one when there is none. */
    public static LoopObserver get() {
        LoopObserver o = observer;
        return o != null ? o : load();
    }

    private static synchronized LoopObserver load() {
        if (observer == null) {
            try {
                Class.forName(MONITOR, true, LoopObservers.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError absent) {
                // No debug package: loops run unobserved.
            }
            if (observer == null) {
                observer = NONE;
            }
        }
        return observer;
    }
}
