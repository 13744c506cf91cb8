package dev.jasyncio.internal.coro;

/**
 * Chooses the coroutine engine: {@code -Djasyncio.engine=continuation|handoff}, or by default the
 * continuation engine when {@code java.base} exports {@code jdk.internal.vm} to us and the VM
 * supports continuations, else the hand-off engine with one warning naming the missing flag.
 */
public final class Engines {
    /** The system property that forces an engine. */
    public static final String ENGINE_PROPERTY = "jasyncio.engine";

    private Engines() {}

    private static volatile ThreadStateCarrier carrier;

    /**
     * Registers the state the hand-off engine carries from a resuming thread to a fiber's body
     * (the loop core registers the running loop and the context slot). One carrier; the last
     * registration wins.
     */
    public static void setThreadStateCarrier(ThreadStateCarrier c) {
        carrier = c;
    }

    static ThreadStateCarrier carrier() {
        return carrier;
    }

    /** The engine named by the property (read now), or the best available. */
    public static CoroutineEngine selected() {
        String name = System.getProperty(ENGINE_PROPERTY, "").trim();
        return name.isEmpty() ? best() : byName(name);
    }

    /**
     * The engine with this name.
     *
     * @throws IllegalArgumentException for an unknown name
     * @throws IllegalStateException if the continuation engine is asked for but unavailable
     */
    public static CoroutineEngine byName(String name) {
        return switch (name) {
            case "continuation" -> {
                if (Fast.ENGINE == null) {
                    throw new IllegalStateException("The continuation engine is not available: " + Fast.REASON
                        + ". " + Fast.FLAG_HINT);
                }
                yield Fast.ENGINE;
            }
            case "handoff" -> Portable.ENGINE;
            default -> throw new IllegalArgumentException("Unknown coroutine engine '" + name + "' (from -D"
                + ENGINE_PROPERTY + "): use continuation or handoff");
        };
    }

    /** The continuation engine if available, else the hand-off engine (warned about once). */
    public static CoroutineEngine best() {
        if (Fast.ENGINE != null) {
            return Fast.ENGINE;
        }
        Portable.warnOnce();
        return Portable.ENGINE;
    }

    /**
     * The innermost fiber of {@code kind} that the continuation engine runs in this thread, or
     * null (always null when that engine is unavailable): a few field loads, where asking the
     * running loop first costs a thread-local lookup.
     */
    public static Fiber continuationFiberHere(FiberKind kind) {
        CoroutineEngine fast = Fast.ENGINE;
        return fast == null ? null : fast.current(kind);
    }

    /** Why the continuation engine is unavailable, or empty when it is available. */
    public static String continuationUnavailableReason() {
        return Fast.ENGINE == null ? Fast.REASON : "";
    }

    /** Holder: probes the continuation engine once, without ever linking it when it cannot work. */
    private static final class Fast {
        static final String FLAG_HINT = "Run the JVM with --add-exports java.base/jdk.internal.vm=ALL-UNNAMED"
            + " (or put 'Add-Exports: java.base/jdk.internal.vm' in the executable jar's manifest, or set it in JDK_JAVA_OPTIONS)";
        static final CoroutineEngine ENGINE;
        static final String REASON;

        static {
            CoroutineEngine engine = null;
            String reason;
            try {
                reason = probe();
                if (reason == null) {
                    engine = smokeTested(new ContinuationEngine());
                }
            } catch (Throwable t) {
                reason = "the smoke test failed: " + t;
                engine = null;
            }
            ENGINE = engine;
            REASON = engine == null ? reason : "";
        }

        private static String probe() throws ReflectiveOperationException {
            Module base = Object.class.getModule();
            if (!base.isExported("jdk.internal.vm", Engines.class.getModule())) {
                return "java.base does not export jdk.internal.vm to " + Engines.class.getModule();
            }
            Class<?> support = Class.forName("jdk.internal.vm.ContinuationSupport");
            if (!(boolean) support.getMethod("isSupported").invoke(null)) {
                return "the VM has no continuation support";
            }
            return null;
        }

        private static CoroutineEngine smokeTested(CoroutineEngine engine) {
            int[] steps = new int[1];
            Fiber f = engine.newFiber(FiberKind.TASK, null, () -> {
                steps[0]++;
                engine.suspend(FiberKind.TASK);
                steps[0]++;
            });
            f.resume();
            boolean suspended = steps[0] == 1 && !f.isDone();
            f.resume();
            if (!suspended || steps[0] != 2 || !f.isDone()) {
                throw new IllegalStateException("a continuation did not suspend and resume as expected");
            }
            return engine;
        }
    }

    /** Holder of the portable engine and its one warning. */
    private static final class Portable {
        static final CoroutineEngine ENGINE = new HandoffEngine();
        private static volatile boolean warned;

        static void warnOnce() {
            if (!warned) {
                warned = true;
                System.getLogger("dev.jasyncio").log(System.Logger.Level.WARNING,
                    "Continuation engine unavailable ({0}); using the portable virtual-thread engine, which is about"
                        + " 100x slower per await. {1}.", Fast.REASON, Fast.FLAG_HINT);
            }
        }
    }
}
