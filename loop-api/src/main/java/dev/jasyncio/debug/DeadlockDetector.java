package dev.jasyncio.debug;

import dev.jasyncio.internal.debug.LoopClock;
import dev.jasyncio.internal.debug.LoopProbe;
import dev.jasyncio.spi.IoDriver;

/** The real clock, with {@link VirtualClock}'s deadlock detection: for test loops that keep real time. */
final class DeadlockDetector implements LoopClock {

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long idle(LoopProbe loop, boolean hasTimer, long nextTimer, int owed, boolean mayReceiveIo) {
        if (hasTimer) {
            return Math.max(0, nextTimer - System.nanoTime());
        }
        if (owed == 0 && !mayReceiveIo && loop.liveTasks() > 0) {
            throw new LoopDeadlockException(TaskDump.of(loop));
        }
        return IoDriver.FOREVER;
    }
}
