package dev.jasyncio.internal.debug;

/** Told by the loop core when a loop starts and stops running. Not API. */
public interface LoopObserver {

    /** On the loop thread, as {@code runForever} starts. Must be quick and must not throw. */
    void loopStarted(LoopProbe loop);

    /** On the loop thread, as {@code runForever} returns. Must be quick and must not throw. */
    void loopStopped(LoopProbe loop);
}
