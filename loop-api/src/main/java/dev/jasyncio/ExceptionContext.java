package dev.jasyncio;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an error report says: a message, usually an exception, and the objects involved (the
 * future, task, handle…) under asyncio's key names.
 *
 * @apiNote asyncio: the {@code context} dict passed to exception handlers.
 */
public final class ExceptionContext {
    /** Key of the human-readable message (always present). */
    public static final String MESSAGE = "message";
    /** Key of the {@link Throwable}, when there is one. */
    public static final String EXCEPTION = "exception";
    /** Key of the {@link Future} concerned. */
    public static final String FUTURE = "future";
    /** Key of the task concerned. */
    public static final String TASK = "task";
    /** Key of the {@link Handle} whose callback failed. */
    public static final String HANDLE = "handle";

    private final Map<String, Object> values;

    private ExceptionContext(Map<String, Object> values) {
        this.values = values;
    }

    /** A report with a message and an exception (which may be null). */
    public static ExceptionContext of(String message, Throwable exception) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(MESSAGE, Objects.requireNonNull(message, "message"));
        if (exception != null) {
            m.put(EXCEPTION, exception);
        }
        return new ExceptionContext(m);
    }

    /** A copy with one more entry. */
    public ExceptionContext with(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(values);
        m.put(Objects.requireNonNull(key, "key"), value);
        return new ExceptionContext(m);
    }

    /** The message. */
    public String message() {
        return (String) values.get(MESSAGE);
    }

    /** The exception, or null when the report has none. */
    public Throwable exception() {
        return (Throwable) values.get(EXCEPTION);
    }

    /** The value under {@code key}, or null. */
    public Object get(String key) {
        return values.get(key);
    }

    /** All entries, in insertion order, read-only. */
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
