package dev.jasyncio.process;

import dev.jasyncio.Async;
import java.util.Objects;

/**
 * Unix signal handlers that run on the running loop, and the signal numbers.
 *
 * {@snippet :
 * Signals.add(Signals.number("USR1"), () -> reloadConfiguration());   // runs on this loop's thread
 * ...
 * Signals.remove(Signals.number("USR1"));                             // the previous handler is back
 * }
 *
 * <p>Built on {@code sun.misc.Signal} (module {@code jdk.unsupported}, part of every JDK), which
 * runs a handler on a JVM thread: the handler here only schedules the callback on the loop with
 * {@code callSoonThreadsafe}, so the callback runs on the loop thread like any other. Where the
 * JVM allows it: the JVM reserves some signals ({@code SIGKILL} and {@code SIGSTOP} always,
 * {@code SIGQUIT} for its thread dump unless run with {@code -Xrs}, and those it handles itself, such
 * as {@code SIGUSR2} with which HotSpot suspends threads on Linux);
 * those throw {@link IllegalArgumentException}.
 *
 * <p>A signal has one handler in the whole JVM, so one loop at a time may handle a given signal.
 * A closed loop's handlers are dropped lazily, by the next {@link #add} or {@link #remove} or by
 * the signal itself, which then goes to the handler there was before (as if the close had removed
 * it): Jasyncio's loops tell nobody when they close.
 *
 * <p>Loop thread only (a task or a callback of the loop).
 *
 * @apiNote asyncio: {@code loop.add_signal_handler} and {@code loop.remove_signal_handler}, as
 *     static methods on the running loop, and the constants of Python's {@code signal} module.
 *     The callback takes no arguments: capture them in the lambda. asyncio allows this on the
 *     main thread's loop only (Python's signal wake-up needs it); the JVM delivers signals on a
 *     thread of its own, so the loop of any thread may handle a signal, one loop at a time.
 */
public final class Signals {
    /** Hangup: 1 on every Unix. */
    public static final int SIGHUP = 1;
    /** Interrupt (Ctrl-C): 2 on every Unix. */
    public static final int SIGINT = 2;
    /** Quit: 3 on every Unix (the JVM's thread dump). */
    public static final int SIGQUIT = 3;
    /** Kill, which cannot be caught: 9 on every Unix. */
    public static final int SIGKILL = 9;
    /** Termination request: 15 on every Unix. */
    public static final int SIGTERM = 15;

    private Signals() {}

    /**
     * The number of the signal called {@code name} on this system, with or without the "SIG"
     * prefix ({@code "USR2"} is 12 on Linux, 31 on macOS).
     *
     * @throws IllegalArgumentException if this system has no such signal
     * @apiNote asyncio: the constants of Python's {@code signal} module ({@code signal.SIGUSR2}).
     */
    public static int number(String name) {
        return SignalHandlers.number(Objects.requireNonNull(name, "name"));
    }

    /**
     * Runs {@code callback} on the running loop each time the JVM receives {@code signal},
     * replacing the handler there was (kept, to be put back by {@link #remove}). Adding again on
     * the same loop replaces the callback.
     *
     * @throws IllegalArgumentException if {@code signal} is no signal of this system, or one the
     *     JVM or the OS does not let a program handle
     * @throws IllegalStateException if another loop, still open, handles {@code signal}; or
     *     outside a running loop
     * @apiNote asyncio: {@code loop.add_signal_handler(sig, callback)}.
     */
    public static void add(int signal, Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        SignalHandlers.add(Async.getRunningLoop(), signal, callback);
    }

    /**
     * Removes the running loop's handler of {@code signal} and puts back the handler there was
     * before {@link #add}.
     *
     * @return whether the running loop had a handler for {@code signal}
     * @throws IllegalStateException outside a running loop
     * @apiNote asyncio: {@code loop.remove_signal_handler(sig)}.
     */
    public static boolean remove(int signal) {
        return SignalHandlers.remove(Async.getRunningLoop(), signal);
    }
}
