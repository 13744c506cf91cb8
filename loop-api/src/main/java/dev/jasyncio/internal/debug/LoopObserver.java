package dev.jasyncio.internal.debug;

/** Told by the loop core when a loop starts and stops running; makes task dumps for {@code Async}. Not API. */
public interface LoopObserver {

    /** On the loop thread, as {@code runForever} starts. Must be quick and must not throw. */
    void loopStarted(LoopProbe loop);

    /** On the loop thread, as {@code runForever} returns. Must be quick and must not throw. */
    void loopStopped(LoopProbe loop);

    /** On the loop thread: the task dump of {@code loop}, as text or JSON. */
    String dumpTasks(LoopProbe loop, boolean json);
}
