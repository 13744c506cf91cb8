package dev.jasyncio;

import dev.jasyncio.spi.EventLoopProvider;

/** A {@link LoopFactory} bound to one provider; its toString names the backend. */
record ProviderLoopFactory(EventLoopProvider provider) implements LoopFactory {

    @Override
    public EventLoop newEventLoop() {
        return new LoopCore(provider);
    }

    @Override
    public String toString() {
        return provider.name();
    }
}
