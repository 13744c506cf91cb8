package dev.jasyncio.internal.core;

import dev.jasyncio.spi.IoDriver;
import java.util.concurrent.locks.LockSupport;

/**
 * The driver of the core backend: no I/O, only waiting. It parks the loop thread for the wait the
 * core chose and is woken by {@link LockSupport#unpark}; the park permit covers a wakeup that
 * arrives before the park.
 */
final class ParkDriver implements IoDriver {
    private final Host host;
    private volatile Thread thread;

    ParkDriver(Host host) {
        this.host = host;
    }

    @Override
    public void bind(Thread loopThread) {
        thread = loopThread;
    }

    @Override
    public void unbind() {
        thread = null;
    }

    @Override
    public void poll(long waitNanos) {
        if (waitNanos <= 0 || !host.canBlock()) {
            return;
        }
        if (waitNanos == FOREVER) {
            LockSupport.park(this);
        } else {
            LockSupport.parkNanos(this, waitNanos);
        }
    }

    /** Never: this driver has no I/O, only wakeups. */
    @Override
    public boolean mayReceiveIo() {
        return false;
    }

    @Override
    public void wakeup() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public void close() {
        thread = null;
    }
}
