package dev.jasyncio.netty;

import dev.jasyncio.EventLoop;
import dev.jasyncio.LoopFactory;
import io.netty.channel.IoEventLoopGroup;

/**
 * Hands a {@link LoopGroup} under construction to the drivers of the loops it makes. The driver is
 * made deep inside {@code LoopFactory.newEventLoop()}, which takes no arguments, and Netty fixes a
 * loop's parent in its constructor, so a thread-local is the only channel between the two.
 */
final class ParentGroup {
    private static final ThreadLocal<IoEventLoopGroup> CURRENT = new ThreadLocal<>();

    private ParentGroup() {}

    /** Makes a loop whose Netty loop has {@code parent} as its {@code parent()}. */
    static EventLoop newLoop(IoEventLoopGroup parent, LoopFactory factory) {
        IoEventLoopGroup outer = CURRENT.get();
        CURRENT.set(parent);
        try {
            return factory.newEventLoop();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** The group whose loop is being made on this thread, or null for a standalone loop. */
    static IoEventLoopGroup current() {
        return CURRENT.get();
    }
}
