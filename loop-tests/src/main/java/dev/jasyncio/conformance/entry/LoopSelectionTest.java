package dev.jasyncio.conformance.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.EventLoop;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.SystemProperties;
import dev.jasyncio.spi.EventLoopProvider;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** Choosing a backend: by name, by -Djasyncio.loop, or the best available one. */
@Conformance
class LoopSelectionTest {
    private static final String LOOP_PROPERTY = "jasyncio.loop";

    /** The backend under test, and the always-present core backend, are listed as available. */
    @Test
    void availableNamesListTheBackendUnderTestAndCore(EventLoop loop) {
        List<String> names = LoopFactory.availableNames();
        assertTrue(names.contains(loop.providerName()), names + " lacks " + loop.providerName());
        assertTrue(names.contains("core"), names + " lacks core");
        assertEquals(names.stream().distinct().toList(), names, "a name is listed twice");
    }

    /** byName gives a factory of that backend. */
    @Test
    void byNameGivesLoopsOfThatBackend(EventLoop loop) {
        String name = loop.providerName();
        assertEquals(name, provide(() -> LoopFactory.byName(name).newEventLoop()));
    }

    /** byName of an unknown backend throws IllegalArgumentException whose message lists the available ones. */
    @Test
    void byNameOfAnUnknownBackendListsTheAvailableOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoopFactory.byName("nosuch"));
        assertTrue(e.getMessage().contains("nosuch"), e.getMessage());
        for (String name : LoopFactory.availableNames()) {
            assertTrue(e.getMessage().contains(name), "the message does not list " + name + ": " + e.getMessage());
        }
    }

    /** byName of a class that is not an event loop provider throws IllegalArgumentException. */
    @Test
    void byNameOfAClassThatIsNoProviderFails() {
        assertThrows(IllegalArgumentException.class, () -> LoopFactory.byName("com.example.NoSuchProvider"));
        assertThrows(IllegalArgumentException.class, () -> LoopFactory.byName(String.class.getName()));
    }

    /** Every loop a factory makes is a new one, neither running nor closed. */
    @Test
    void aFactoryMakesANewLoopEachTime(LoopFactory factory) {
        EventLoop a = factory.newEventLoop();
        EventLoop b = factory.newEventLoop();
        assertNotSame(a, b);
        assertFalse(a.isRunning() || a.isClosed() || b.isRunning() || b.isClosed());
        a.close();
        assertFalse(b.isClosed(), "closing one loop closed another");
    }

    /** -Djasyncio.loop=NAME makes the default factory pick that backend. */
    @Test
    @ResourceLock(Resources.SYSTEM_PROPERTIES)
    void theLoopPropertyPicksTheBackend(EventLoop loop) {
        String name = loop.providerName();
        assertEquals(name, SystemProperties.with(LOOP_PROPERTY, name, () -> provide(() -> LoopFactory.defaultFactory().newEventLoop())));
    }

    /** -Djasyncio.loop=<provider class name> picks that backend as well. */
    @Test
    @ResourceLock(Resources.SYSTEM_PROPERTIES)
    void theLoopPropertyAcceptsAProviderClassName(EventLoop loop) {
        String name = loop.providerName();
        String className = ServiceLoader.load(EventLoopProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p.name().equals(name))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no provider named " + name + " on the class path"))
            .getClass().getName();
        assertEquals(name, SystemProperties.with(LOOP_PROPERTY, className, () -> provide(() -> LoopFactory.defaultFactory().newEventLoop())));
        assertEquals(name, provide(() -> LoopFactory.byName(className).newEventLoop()));
    }

    /** -Djasyncio.loop naming an unknown backend makes the default factory fail with IllegalArgumentException. */
    @Test
    @ResourceLock(Resources.SYSTEM_PROPERTIES)
    void theLoopPropertyNamingAnUnknownBackendFails() {
        assertThrows(IllegalArgumentException.class,
            () -> SystemProperties.with(LOOP_PROPERTY, "nosuch", LoopFactory::defaultFactory));
    }

    /** Without -Djasyncio.loop the default factory picks the best available backend, the first one listed. */
    @Test
    @ResourceLock(Resources.SYSTEM_PROPERTIES)
    void withoutTheLoopPropertyTheBestAvailableBackendIsUsed() {
        String best = LoopFactory.availableNames().get(0);
        assertEquals(best, SystemProperties.with(LOOP_PROPERTY, null, () -> provide(() -> LoopFactory.defaultFactory().newEventLoop())));
    }

    /** Makes a loop, returns its backend's name and closes it. */
    private static String provide(Supplier<EventLoop> maker) {
        EventLoop l = maker.get();
        try {
            return l.providerName();
        } finally {
            l.close();
        }
    }
}
