package dev.jasyncio.examples;

import dev.jasyncio.EventLoop;
import dev.jasyncio.LoopFactory;

/**
 * The README's main job, on the loop chosen by {@code -Djasyncio.loop} (default: the best
 * available): first the loop tour ({@link LoopDemo}: callbacks, timers, a wakeup from another
 * thread, the default executor), then, on a backend with I/O, the echo servers under a short
 * built-in load that prints throughput ({@link EchoDemo}).
 */
public final class MainJob {
    private MainJob() {}

    /** Entry point. */
    public static void main(String[] args) {
        LoopDemo.main(args);
        System.out.println();
        EventLoop probe = LoopFactory.defaultFactory().newEventLoop();
        String backend = probe.providerName();
        probe.close();
        if (backend.equals("core")) {
            System.out.println("the core loop has no I/O: run with -Djasyncio.loop=nio or epoll for the echo load");
            return;
        }
        EchoDemo.main(args);
    }
}
