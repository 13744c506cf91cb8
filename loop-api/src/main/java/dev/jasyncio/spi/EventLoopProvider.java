package dev.jasyncio.spi;

/**
 * A backend, found with {@link java.util.ServiceLoader}: it supplies the {@link IoDriver} of
 * every loop it makes. The loop core itself is never subclassed.
 *
 * <p>Register an implementation in
 * {@code META-INF/services/dev.jasyncio.spi.EventLoopProvider}.
 *
 * @apiNote asyncio: no direct counterpart; plays the role of uvloop's {@code new_event_loop}
 *     behind a {@code loop_factory}.
 */
public interface EventLoopProvider {

    /** Short name used by {@code -Djasyncio.loop=NAME}, e.g. {@code "core"}, {@code "nio"}, {@code "epoll"}. */
    String name();

    /** Whether this backend can run on this machine (native library loaded, OS supported…). */
    boolean isAvailable();

    /** Why {@link #isAvailable()} is false, for error messages; empty when available. */
    default String unavailabilityReason() {
        return "";
    }

    /** Higher wins when no loop is named: epoll 300, nio 200, core 100. */
    int priority();

    /** Makes the driver of a new loop. Called on the thread that creates the loop. */
    IoDriver newDriver(IoDriver.Host host);
}
