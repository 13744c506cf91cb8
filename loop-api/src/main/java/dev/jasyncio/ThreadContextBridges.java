package dev.jasyncio;

import java.util.Arrays;
import java.util.Objects;

/** The registered {@link ThreadContextBridge}s: a copy-on-write array read on every context switch. */
final class ThreadContextBridges {
    private static volatile ThreadContextBridge[] bridges = new ThreadContextBridge[0];

    private ThreadContextBridges() {}

    static synchronized void add(ThreadContextBridge b) {
        Objects.requireNonNull(b, "bridge");
        ThreadContextBridge[] a = Arrays.copyOf(bridges, bridges.length + 1);
        a[a.length - 1] = b;
        bridges = a;
    }

    static synchronized boolean remove(ThreadContextBridge b) {
        ThreadContextBridge[] a = bridges;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b) {
                ThreadContextBridge[] n = new ThreadContextBridge[a.length - 1];
                System.arraycopy(a, 0, n, 0, i);
                System.arraycopy(a, i + 1, n, i, a.length - i - 1);
                bridges = n;
                return true;
            }
        }
        return false;
    }

    static boolean any() {
        return bridges.length != 0;
    }

    /** Installs every bridge; null when there are none (the common case, allocation-free). */
    static Object[] install(ContextView view) {
        ThreadContextBridge[] a = bridges;
        if (a.length == 0) {
            return null;
        }
        Object[] state = new Object[a.length + 1];
        state[a.length] = a;
        for (int i = 0; i < a.length; i++) {
            state[i] = a[i].install(view);
        }
        return state;
    }

    /** A variable changed inside the running context: install again, keeping the first saved state. */
    static void refresh(ContextSlot slot) {
        Object[] state = slot.bridgeState;
        if (state == null) {
            if (any()) {
                slot.bridgeState = install(slot);
            }
            return;
        }
        ThreadContextBridge[] a = (ThreadContextBridge[]) state[state.length - 1];
        for (ThreadContextBridge b : a) {
            b.install(slot);
        }
    }

    static void restore(Object[] state) {
        if (state == null) {
            return;
        }
        ThreadContextBridge[] a = (ThreadContextBridge[]) state[state.length - 1];
        for (int i = a.length - 1; i >= 0; i--) {
            a[i].restore(state[i]);
        }
    }
}
