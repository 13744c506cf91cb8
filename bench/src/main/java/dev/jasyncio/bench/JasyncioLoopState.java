package dev.jasyncio.bench;

import dev.jasyncio.EventLoop;
import dev.jasyncio.LoopFactory;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One Jasyncio loop per trial, made with {@code LoopFactory.byName(loop)} on the benchmark thread and
 * run there: each invocation runs its workload with {@link EventLoop#runUntilComplete} on a future the
 * workload's last callback completes, so the same loop serves every invocation.
 *
 * <p>A backend that is not on the class path or cannot run here fails its own parameter value (JMH
 * reports the error and goes on with the next one); {@code -p loop=core} skips the others.
 */
@State(Scope.Thread)
public class JasyncioLoopState {
    /** The backend: {@code core} (no I/O, park/unpark), {@code nio} or {@code epoll} (a Netty I/O handler). */
    @Param({"core", "nio", "epoll"})
    public String loop;

    /** The loop; not running between invocations. */
    public EventLoop eventLoop;

    @Setup(Level.Trial)
    public void open() {
        LoopFactory factory;
        try {
            factory = LoopFactory.byName(loop);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalStateException("Jasyncio backend '" + loop + "' cannot run here: " + e.getMessage()
                + ". Rebuild the jar once its module provides it (mvn -pl bench -am package), or choose backends with -p loop=core", e);
        }
        eventLoop = factory.newEventLoop();
    }

    @TearDown(Level.Trial)
    public void close() {
        if (eventLoop != null) {
            eventLoop.close();
        }
    }
}
