package dev.jasyncio.conformance.debug;

import dev.jasyncio.EventLoop;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.debug.Watchdog;

/**
 * The child JVM of {@link WatchdogTest}'s property test (the watchdog reads its properties once
 * per JVM): prints the threshold of a loop of the named backend and engine, out of debug mode
 * and then in it, one per line.
 */
public final class WatchdogThresholdMain {
    private WatchdogThresholdMain() {}

    /**
     * Prints the two thresholds.
     *
     * @param args the backend and the coroutine engine
     */
    public static void main(String[] args) {
        try (EventLoop loop = LoopFactory.byName(args[0], args[1]).newEventLoop()) {
            System.out.println(Watchdog.threshold(loop));
            loop.setDebug(true);
            System.out.println(Watchdog.threshold(loop));
        }
    }
}
