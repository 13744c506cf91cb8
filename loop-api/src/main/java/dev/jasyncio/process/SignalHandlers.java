package dev.jasyncio.process;

import dev.jasyncio.EventLoop;
import java.util.HashMap;
import java.util.Map;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The JVM-wide table behind {@link Signals}: which loop handles which signal, and the handler each
 * replaced (to put it back).
 */
final class SignalHandlers {
    /*
     * Overview: sun.misc.Signal runs a handler on a JVM thread of its own; ours only posts the
     * callback to its loop with callSoonThreadsafe. A signal has one handler in the whole JVM, so
     * one loop at a time may handle it.
     *
     * A closed loop's entries are removed lazily, as nothing tells this table that a loop closed:
     * by the next add or remove of any signal, and by the signal itself, which then goes to the
     * handler that was there before (as if it had been removed at the close).
     *
     * Threading: every access to `entries` holds the class lock (loop threads add and remove,
     * the JVM's signal thread dispatches).
     */

    /** The names sun.misc.Signal may know, to find a signal's name from its number. */
    private static final String[] NAMES = {"HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1",
        "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU",
        "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS", "EMT", "INFO", "BREAK"};

    private record Entry(EventLoop loop, Runnable callback, Signal signal, SignalHandler previous) {}

    private static final Map<Integer, Entry> entries = new HashMap<>();
    private static Map<Integer, String> namesByNumber;

    private SignalHandlers() {}

    /** The number of signal {@code name} ("USR2" or "SIGUSR2") on this system. */
    static int number(String name) {
        String bare = name.startsWith("SIG") ? name.substring(3) : name;
        try {
            return new Signal(bare).getNumber();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown signal name '" + name + "' on this system", e);
        }
    }

    /** The name of signal {@code number} without "SIG", or null when this system has none. */
    static synchronized String name(int number) {
        if (namesByNumber == null) {
            Map<Integer, String> names = new HashMap<>();
            for (String n : NAMES) {
                try {
                    names.putIfAbsent(new Signal(n).getNumber(), n);
                } catch (IllegalArgumentException notOnThisSystem) {
                    // Each system has its own subset.
                }
            }
            namesByNumber = names;
        }
        return namesByNumber.get(number);
    }

    static synchronized void add(EventLoop loop, int number, Runnable callback) {
        pruneClosedLoops();
        String name = name(number);
        if (name == null) {
            throw new IllegalArgumentException("not a signal number on this system: " + number);
        }
        Entry existing = entries.get(number);
        if (existing != null) {
            if (existing.loop() != loop) {
                throw new IllegalStateException("SIG" + name + " already has a handler on another loop (" + existing.loop()
                    + "): a signal has one handler in the JVM; remove it there first");
            }
            entries.put(number, new Entry(loop, callback, existing.signal(), existing.previous()));
            return;
        }
        Signal signal = new Signal(name);
        SignalHandler previous;
        try {
            previous = Signal.handle(signal, SignalHandlers::dispatch);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SIG" + name + " (" + number + ") cannot be handled in this JVM: the JVM or"
                + " the OS reserves it (" + e.getMessage() + "); SIGKILL and SIGSTOP never can, SIGQUIT only with -Xrs", e);
        }
        if (previous != SignalHandler.SIG_DFL && previous != SignalHandler.SIG_IGN && isNative(previous)) {
            // A native handler that is not the default: the JVM's own (HotSpot on Linux suspends
            // threads with SIGUSR2, for JFR's sampler among others, and keeps SIGPIPE and SIGXFSZ
            // from ending the process). Taking it would break the JVM.
            Signal.handle(signal, previous);
            throw new IllegalArgumentException("SIG" + name + " (" + number + ") cannot be handled in this JVM: the JVM"
                + " itself handles it (HotSpot uses SIGUSR2 to suspend threads on Linux); choose another signal, e.g. SIGUSR1");
        }
        entries.put(number, new Entry(loop, callback, signal, previous));
    }

    /**
     * Whether {@code handler}, as Signal.handle returned it, is a native handler rather than a
     * Java one (the JDK's own, as Terminator's on SIGINT, are Java ones and may be replaced).
     * sun.misc.Signal wraps the handlers of jdk.internal.misc.Signal in a SunMiscHandler, whose
     * toString is the wrapped handler's: a NativeHandler's is Object's, its class name first.
     */
    private static boolean isNative(SignalHandler handler) {
        String nativeClass = "jdk.internal.misc.Signal$NativeHandler";
        return handler.getClass().getName().equals(nativeClass) || handler.toString().startsWith(nativeClass + "@");
    }

    static synchronized boolean remove(EventLoop loop, int number) {
        pruneClosedLoops();
        Entry e = entries.get(number);
        if (e == null || e.loop() != loop) {
            return false;
        }
        restore(e);
        return true;
    }

    private static void restore(Entry e) {
        entries.remove(e.signal().getNumber());
        Signal.handle(e.signal(), e.previous());
    }

    private static void pruneClosedLoops() {
        for (Entry e : entries.values().toArray(new Entry[0])) {
            if (e.loop().isClosed()) {
                restore(e);
            }
        }
    }

    /** On the JVM's signal thread. */
    private static void dispatch(Signal signal) {
        Entry e;
        synchronized (SignalHandlers.class) {
            e = entries.get(signal.getNumber());
            if (e == null) {
                return;
            }
            if (!e.loop().isClosed()) {
                try {
                    e.loop().callSoonThreadsafe(e.callback());
                    return;
                } catch (IllegalStateException closedMeanwhile) {
                    // Fall through: handled as removed.
                }
            }
            restore(e);
        }
        // The loop is gone: the signal gets the treatment it would have had without this handler.
        Signal.raise(signal);
    }
}
