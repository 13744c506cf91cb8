package dev.jasyncio.debug;

import java.time.Duration;
import java.util.Locale;

/** Durations in system properties and in reports. */
final class Durations {
    private Durations() {}

    /**
     * Parses {@code 250ms}, {@code 1s}, {@code 1.5s}, {@code 2m}, an ISO-8601 {@code PT1S}, or a bare
     * number of milliseconds.
     *
     * @throws IllegalArgumentException naming {@code property} if the text is none of these
     */
    static Duration parse(String property, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt")) {
                return Duration.parse(t);
            }
            if (t.endsWith("ms")) {
                return Duration.ofNanos(Math.round(Double.parseDouble(t.substring(0, t.length() - 2).trim()) * 1e6));
            }
            if (t.endsWith("s")) {
                return Duration.ofNanos(Math.round(Double.parseDouble(t.substring(0, t.length() - 1).trim()) * 1e9));
            }
            if (t.endsWith("m")) {
                return Duration.ofNanos(Math.round(Double.parseDouble(t.substring(0, t.length() - 1).trim()) * 60e9));
            }
            return Duration.ofMillis(Long.parseLong(t));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("-D" + property + "=" + text
                + " is not a duration: use e.g. 250ms, 1s, 1.5s, PT2S or a number of milliseconds", e);
        }
    }

    /** {@code 1.234 s} or {@code 56.7 ms}. */
    static String format(long nanos) {
        if (nanos >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
        }
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
}
