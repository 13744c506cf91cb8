package dev.jasyncio.sync;

import dev.jasyncio.Async;
import dev.jasyncio.CancelledError;
import dev.jasyncio.Future;

/**
 * A flag tasks can wait for: {@link #set()} raises it and wakes every waiter, {@link #clear()}
 * lowers it, {@link #await()} returns once it is raised.
 *
 * {@snippet :
 * Event ready = new Event();
 * Async.createTask(() -> { ready.await(); return serve(); });
 * warmUp();
 * ready.set();
 * }
 *
 * <p>A waiter woken by {@link #set()} returns even if {@link #clear()} follows before it resumes.
 *
 * <p>Loop thread only; the event binds to the first loop that uses it.
 *
 * @apiNote asyncio: {@code asyncio.Event}. {@code wait()} is named {@link #await()} here because
 *     {@link Object#wait()} is final.
 */
public final class Event {

    private final Waiters<Boolean> waiters = new Waiters<>(this);
    private boolean flag;

    /**
     * A new event, not set.
     *
     * @apiNote asyncio: {@code asyncio.Event()}.
     */
    public Event() {}

    /**
     * Returns true once the event is set: at once if it is set now, else after suspending the
     * current task until {@link #set()}.
     *
     * @return true
     * @throws CancelledError if the task is cancelled while it waits
     * @throws IllegalStateException if it has to wait outside a task, or the event belongs to
     *     another loop
     * @apiNote asyncio: {@code await event.wait()}.
     */
    public boolean await() {
        waiters.checkLoop();
        if (flag) {
            return true;
        }
        Future<Boolean> f = waiters.add();
        try {
            return Async.await(f);
        } catch (Throwable t) {
            // Every waiter is woken together, so a cancelled one has nothing to pass on.
            waiters.abandon(f);
            throw t;
        }
    }

    /**
     * Sets the event and wakes every task waiting for it; later {@link #await()} calls return at
     * once until {@link #clear()}.
     *
     * @apiNote asyncio: {@code event.set()}.
     */
    public void set() {
        waiters.checkLoop();
        if (!flag) {
            flag = true;
            waiters.wakeAll(Boolean.TRUE);
        }
    }

    /**
     * Lowers the flag: later {@link #await()} calls wait for the next {@link #set()}.
     *
     * @apiNote asyncio: {@code event.clear()}.
     */
    public void clear() {
        waiters.checkLoop();
        flag = false;
    }

    /**
     * Whether the event is set.
     *
     * @apiNote asyncio: {@code event.is_set()}.
     */
    public boolean isSet() {
        return flag;
    }

    @Override
    public String toString() {
        return "Event[" + (flag ? "set" : "unset") + ", waiters=" + waiters.countPending() + "]";
    }
}
