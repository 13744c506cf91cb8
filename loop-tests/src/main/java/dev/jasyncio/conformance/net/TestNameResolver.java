package dev.jasyncio.conformance.net;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The JDK's name resolution, plus host names under {@code .jasyncio.test} that a test defines:
 * a name with several addresses in a chosen order, or one whose lookup waits until the test lets
 * it go. Every other name goes to the JDK's own resolver.
 *
 * <p>The JDK loads it as a {@link InetAddressResolverProvider} service; loop-tests' own test
 * resources register it, so that a program using this jar's testing support keeps the JDK's
 * resolver. Tests that need it call {@link #assumeInstalled()}.
 */
public final class TestNameResolver extends InetAddressResolverProvider {
    private static final String SUFFIX = ".jasyncio.test";
    private static final String PROBE = "probe" + SUFFIX;
    private static final Map<String, Name> NAMES = new ConcurrentHashMap<>();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    static {
        NAMES.put(PROBE, new Name(List.of(InetAddress.getLoopbackAddress()), null));
    }

    /** A host name under test control, with the lookup's gate if it has one. */
    record Name(List<InetAddress> addresses, Held held) {}

    /** The lookup of a held name: {@code entered} completes with the resolving thread, then it waits for {@code release}. */
    record Held(String host, CompletableFuture<Thread> entered, CompletableFuture<Void> release) {}

    /** Used by the JDK's service loader only. */
    public TestNameResolver() {}

    /** Skips the test unless the JDK resolves names through this class. */
    static void assumeInstalled() {
        boolean installed;
        try {
            installed = InetAddress.getByName(PROBE).isLoopbackAddress();
        } catch (UnknownHostException e) {
            installed = false;
        }
        assumeTrue(installed, "the test name resolver is not installed (META-INF/services in loop-tests' test resources)");
    }

    /** A new host name that resolves to {@code addresses}, in this order. */
    static String define(InetAddress... addresses) {
        String host = "host-" + SEQUENCE.incrementAndGet() + SUFFIX;
        NAMES.put(host, new Name(List.of(addresses), null));
        return host;
    }

    /** A new host name whose lookup waits until the test completes {@link Held#release()}, then resolves to {@code addresses}. */
    static Held hold(InetAddress... addresses) {
        Held held = new Held("held-" + SEQUENCE.incrementAndGet() + SUFFIX, new CompletableFuture<>(),
            new CompletableFuture<>());
        NAMES.put(held.host(), new Name(List.of(addresses), held));
        return held;
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                Name name = NAMES.get(host.toLowerCase(java.util.Locale.ROOT));
                if (name == null) {
                    return builtin.lookupByName(host, policy);
                }
                if (name.held() != null) {
                    name.held().entered().complete(Thread.currentThread());
                    try {
                        name.held().release().get(NetTesting.STEP.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (TimeoutException | InterruptedException | java.util.concurrent.ExecutionException e) {
                        throw new UnknownHostException(host + ": the test did not release this lookup (" + e + ")");
                    }
                }
                return name.addresses().stream();
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                return builtin.lookupByAddress(address);
            }
        };
    }

    @Override
    public String name() {
        return "jasyncio test names";
    }
}
