package dev.jasyncio.internal.core;

import dev.jasyncio.spi.EventLoopProvider;
import dev.jasyncio.spi.IoDriver;

/**
 * The {@code core} backend: scheduling and timers with no I/O, always available, nothing on the
 * class path beyond the JDK.
 */
public final class CoreLoopProvider implements EventLoopProvider {

    /** Made by {@link java.util.ServiceLoader}. */
    public CoreLoopProvider() {}

    @Override
    public String name() {
        return "core";
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public IoDriver newDriver(IoDriver.Host host) {
        return new ParkDriver(host);
    }
}
