package dev.jasyncio;

import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C during {@link Runner#run}: the first SIGINT cancels the main task, the second gets the
 * treatment it would have had without the runner (the JVM's: shutdown hooks, exit status 130).
 */
final class SigintHandler implements SignalHandler {
    /*
     * Overview: asyncio's Runner installs a SIGINT handler around run_until_complete when it runs
     * in the main thread over Python's default handler. The first signal cancels the main task,
     * which sees CancelledError at its next suspension and may clean up; the second raises
     * KeyboardInterrupt wherever the main thread is. Java cannot throw into another thread (the
     * loop may be stuck in a callback, which is what a second Ctrl-C is for), so the second signal
     * puts the previous handler back and raises the signal again: with the JVM's handler, that is
     * System.exit(130) and the shutdown hooks; with none (-Xrs), the default action.
     *
     * Installed only on the main thread (the platform thread the JVM names "main": Java has no
     * other way to tell it), and only over the JVM's own handler: not where SIGINT is ignored (a background job), not over a
     * handler of the program's.
     *
     * Threading: handle() runs on a thread the JVM starts for each signal; it only posts the
     * cancel to the loop. Two quick signals may be handled at once: hence the atomic count.
     */

    private static final Signal SIGINT = new Signal("INT");
    private final EventLoop loop;
    private final Task<?> main;
    /** The handler to put back; set right after this one is installed. */
    private SignalHandler previous;
    private final AtomicInteger interrupts = new AtomicInteger();
    private boolean restored;

    private SigintHandler(EventLoop loop, Task<?> main) {
        this.loop = loop;
        this.main = main;
    }

    /** Installs a handler for {@code main} if this is the main thread and SIGINT has the JVM's handler; else null. */
    static SigintHandler installIfMainThread(EventLoop loop, Task<?> main) {
        Thread current = Thread.currentThread();
        if (current.isVirtual() || !current.getName().equals("main")) {
            return null;
        }
        SigintHandler handler = new SigintHandler(loop, main);
        synchronized (handler) {
            SignalHandler previous;
            try {
                previous = Signal.handle(SIGINT, handler);
            } catch (IllegalArgumentException notAllowed) {
                return null;
            }
            handler.previous = previous;
            if (previous == SignalHandler.SIG_IGN || previous.getClass().getClassLoader() != null) {
                // SIGINT ignored (a background job), or handled by the program itself: leave it so.
                handler.restore();
                return null;
            }
        }
        return handler;
    }

    @Override
    public void handle(Signal signal) {
        if (interrupts.incrementAndGet() == 1) {
            try {
                loop.callSoonThreadsafe(() -> {
                    if (!main.isDone()) {
                        main.cancel();
                    }
                });
                return;
            } catch (IllegalStateException loopClosed) {
                // Fall through to the default treatment.
            }
        }
        // Unconditionally, even if restored already: a handler table may have put this one back
        // after the run (a program's handler that replaced it and was dropped lazily).
        synchronized (this) {
            restored = true;
            Signal.handle(SIGINT, previous);
        }
        Signal.raise(signal);
    }

    /** Whether a SIGINT arrived during the run. */
    boolean interrupted() {
        return interrupts.get() > 0;
    }

    /**
     * Puts the previous handler back, unless the program installed its own SIGINT handler during
     * the run (asyncio's Runner restores only if its handler is still the current one).
     * Idempotent.
     */
    synchronized void restore() {
        if (!restored) {
            restored = true;
            SignalHandler current = Signal.handle(SIGINT, previous);
            if (current != this) {
                Signal.handle(SIGINT, current);
            }
        }
    }
}
