package dev.jasyncio;

import java.util.Objects;

/** The stock {@link EventLoopPolicy}: one current loop per thread, new loops from a factory. */
final class ThreadLocalPolicy implements EventLoopPolicy {
    private final LoopFactory factory;
    private final ThreadLocal<EventLoop> current = new ThreadLocal<>();

    ThreadLocalPolicy(LoopFactory factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public EventLoop getEventLoop() {
        EventLoop running = LoopCore.runningInThisThread();
        if (running != null) {
            return running;
        }
        EventLoop loop = current.get();
        if (loop == null) {
            throw new IllegalStateException("There is no current event loop in thread '" + Thread.currentThread().getName()
                + "': call setEventLoop(newEventLoop()) first, or run code with Async.run");
        }
        return loop;
    }

    @Override
    public void setEventLoop(EventLoop loop) {
        if (loop == null) {
            current.remove();
        } else {
            current.set(loop);
        }
    }

    @Override
    public EventLoop newEventLoop() {
        return factory.newEventLoop();
    }

    @Override
    public String toString() {
        return "EventLoopPolicy[" + factory + "]";
    }
}
