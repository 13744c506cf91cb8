package dev.jasyncio;

import dev.jasyncio.spi.EventLoopProvider;
import java.util.List;
import dev.jasyncio.internal.coro.Engines;
import java.util.Objects;

/**
 * Makes new event loops: the one place where a backend is chosen. Pass a factory to
 * {@link Async#run(Coroutine, LoopFactory)} or {@link Runner}; swap backends by swapping the
 * factory, never by patching.
 *
 * <p>{@link #defaultFactory()} honours {@code -Djasyncio.loop=core|nio|epoll|<provider class>};
 * unset, it picks the best available backend (epoll on Linux, else nio, else core).
 * {@code -Djasyncio.debug=true} turns debug mode on in every loop, whatever the backend.
 *
 * @apiNote asyncio: the {@code loop_factory} argument of {@code asyncio.run} and
 *     {@code asyncio.Runner} (3.12+), which 3.14 made the replacement for policies.
 */
@FunctionalInterface
public interface LoopFactory {

    /** Makes a new, not yet running, loop. */
    EventLoop newEventLoop();

    /**
     * The factory chosen by {@code -Djasyncio.loop}, or the best available one. The property is
     * read when this method is called.
     *
     * @throws IllegalArgumentException if the property names an unknown backend
     * @throws IllegalStateException if it names a backend that is not available here
     */
    static LoopFactory defaultFactory() {
        return of(Providers.selected());
    }

    /**
     * The factory of the backend named {@code name} (or of a provider class name).
     *
     * @throws IllegalArgumentException if no such backend exists; the message lists the available ones
     * @throws IllegalStateException if it exists but is not available here
     */
    static LoopFactory byName(String name) {
        return of(Providers.byName(Objects.requireNonNull(name, "name")));
    }

    /**
     * The factory of the backend {@code name} whose tasks run on the coroutine engine
     * {@code engine}: {@code "continuation"} or {@code "handoff"} ({@code null}: as
     * {@code -Djasyncio.engine} says, else the best available).
     *
     * @throws IllegalArgumentException for an unknown backend or engine
     * @throws IllegalStateException if either is not available here
     */
    static LoopFactory byName(String name, String engine) {
        EventLoopProvider p = Providers.byName(Objects.requireNonNull(name, "name"));
        return new ProviderLoopFactory(p, engine == null ? null : Engines.byName(engine));
    }

    /** The factory of loops driven by {@code provider}. */
    static LoopFactory of(EventLoopProvider provider) {
        Objects.requireNonNull(provider, "provider");
        return new ProviderLoopFactory(provider, null);
    }

    /** Names of the backends that can run here, best first. */
    static List<String> availableNames() {
        return Providers.all().stream().filter(EventLoopProvider::isAvailable).map(EventLoopProvider::name).toList();
    }
}
