package dev.jasyncio;

import dev.jasyncio.internal.coro.CoroutineEngine;
import dev.jasyncio.internal.coro.Engines;
import dev.jasyncio.spi.EventLoopProvider;

/**
 * A {@link LoopFactory} bound to one provider and, optionally, one coroutine engine (null: the
 * engine {@code -Djasyncio.engine} names when a loop is made, else the best available).
 */
record ProviderLoopFactory(EventLoopProvider provider, CoroutineEngine engine) implements LoopFactory {

    @Override
    public EventLoop newEventLoop() {
        return new LoopCore(provider, engine != null ? engine : Engines.selected());
    }

    @Override
    public String toString() {
        return engine == null ? provider.name() : provider.name() + "/" + engine.name();
    }
}
