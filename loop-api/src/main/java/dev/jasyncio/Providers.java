package dev.jasyncio;

import dev.jasyncio.spi.EventLoopProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds backends with {@link ServiceLoader} and picks one by name or by priority.
 */
final class Providers {
    static final String LOOP_PROPERTY = "jasyncio.loop";

    private Providers() {}

    /** Every provider on the class path, available or not, highest priority first. */
    static List<EventLoopProvider> all() {
        List<EventLoopProvider> list = new ArrayList<>();
        for (EventLoopProvider p : ServiceLoader.load(EventLoopProvider.class, Providers.class.getClassLoader())) {
            list.add(p);
        }
        list.sort(Comparator.comparingInt(EventLoopProvider::priority).reversed());
        return list;
    }

    /** The provider named by {@code -Djasyncio.loop}, or the best available when it is unset or empty. */
    static EventLoopProvider selected() {
        String name = System.getProperty(LOOP_PROPERTY, "").trim();
        return name.isEmpty() ? best() : byName(name);
    }

    static EventLoopProvider best() {
        for (EventLoopProvider p : all()) {
            if (p.isAvailable()) {
                return p;
            }
        }
        throw new IllegalStateException("No event loop provider is available on the class path (not even core: is loop-api's META-INF/services intact?)");
    }

    /** The available provider with this name, or of this class; a clear error otherwise. */
    static EventLoopProvider byName(String name) {
        List<EventLoopProvider> all = all();
        for (EventLoopProvider p : all) {
            if (p.name().equals(name) || p.getClass().getName().equals(name)) {
                return requireAvailable(p, all);
            }
        }
        if (name.contains(".")) {
            return requireAvailable(instantiate(name, all), all);
        }
        throw new IllegalArgumentException("Unknown event loop '" + name + "' (from -D" + LOOP_PROPERTY
            + " or LoopFactory.byName): available are " + describe(all));
    }

    private static EventLoopProvider requireAvailable(EventLoopProvider p, List<EventLoopProvider> all) {
        if (!p.isAvailable()) {
            throw new IllegalStateException("Event loop '" + p.name() + "' is not available here: "
                + p.unavailabilityReason() + "; available are " + describe(all));
        }
        return p;
    }

    private static EventLoopProvider instantiate(String className, List<EventLoopProvider> all) {
        try {
            Class<?> c = Class.forName(className, true, Providers.class.getClassLoader());
            return (EventLoopProvider) c.getConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException("Event loop provider class '" + className
                + "' cannot be used (" + e + "); available are " + describe(all), e);
        }
    }

    static String describe(List<EventLoopProvider> all) {
        return all.stream()
            .map(p -> p.isAvailable() ? p.name() : p.name() + " (unavailable: " + p.unavailabilityReason() + ")")
            .collect(Collectors.joining(", ", "[", "]"));
    }
}
