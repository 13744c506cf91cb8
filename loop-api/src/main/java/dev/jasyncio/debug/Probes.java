package dev.jasyncio.debug;

import dev.jasyncio.EventLoop;
import dev.jasyncio.internal.debug.LoopProbe;
import java.util.Objects;

/** The loop core's probe behind an {@link EventLoop} (every loop is one). */
final class Probes {
    private Probes() {}

    static LoopProbe of(EventLoop loop) {
        Objects.requireNonNull(loop, "loop");
        return (LoopProbe) loop;
    }
}
