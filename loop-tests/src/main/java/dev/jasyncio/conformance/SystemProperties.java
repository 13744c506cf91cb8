package dev.jasyncio.conformance;

import java.util.function.Supplier;

/**
 * Sets a system property for the duration of one call and restores it afterwards. Tests that use
 * it must hold {@code @ResourceLock(Resources.SYSTEM_PROPERTIES)} so that they never run in
 * parallel with each other.
 */
public final class SystemProperties {
    private SystemProperties() {}

    /** Calls {@code body} with {@code key} set to {@code value} ({@code null}: cleared), then restores it. */
    public static <T> T with(String key, String value, Supplier<T> body) {
        String saved = System.getProperty(key);
        set(key, value);
        try {
            return body.get();
        } finally {
            set(key, saved);
        }
    }

    private static void set(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
