package dev.jasyncio;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A ready {@link ThreadContextBridge} for SLF4J's MDC: while a task step or callback runs, each
 * mapped context variable's value is in the MDC under its key, so log lines of interleaved tasks
 * carry their own request ids.
 *
 * {@snippet :
 * static final ContextVar<String> REQUEST_ID = new ContextVar<>("request_id");
 * Context.addBridge(MdcBridge.of(Map.of("requestId", REQUEST_ID)));
 * }
 *
 * <p>SLF4J is an optional dependency: it is looked up when the bridge is made, so loop-api needs
 * nothing beyond the JDK unless this class is used. Values are put with {@code String.valueOf};
 * an unset variable (with no default) removes its key while the context runs.
 *
 * @apiNote asyncio: no counterpart; Kotlin's {@code MDCContext} plays this role.
 */
public final class MdcBridge implements ThreadContextBridge {
    private static final Object ABSENT = new Object();

    private final String[] keys;
    private final ContextVar<?>[] variables;
    private final MethodHandle get;
    private final MethodHandle put;
    private final MethodHandle remove;

    private MdcBridge(Map<String, ContextVar<?>> mapping) {
        Map<String, ContextVar<?>> m = new LinkedHashMap<>(mapping);
        keys = m.keySet().toArray(new String[0]);
        variables = m.values().toArray(new ContextVar<?>[0]);
        try {
            Class<?> mdc = Class.forName("org.slf4j.MDC", true, MdcBridge.class.getClassLoader());
            MethodHandles.Lookup l = MethodHandles.publicLookup();
            get = l.findStatic(mdc, "get", MethodType.methodType(String.class, String.class));
            put = l.findStatic(mdc, "put", MethodType.methodType(void.class, String.class, String.class));
            remove = l.findStatic(mdc, "remove", MethodType.methodType(void.class, String.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("MdcBridge needs SLF4J (org.slf4j:slf4j-api) on the class path", e);
        }
    }

    /**
     * A bridge that puts each variable's value in the MDC under its key.
     *
     * @throws IllegalStateException if SLF4J is not on the class path
     */
    public static MdcBridge of(Map<String, ContextVar<?>> keyToVariable) {
        Objects.requireNonNull(keyToVariable, "keyToVariable");
        return new MdcBridge(keyToVariable);
    }

    @Override
    public Object install(ContextView context) {
        Object[] previous = new Object[keys.length];
        try {
            for (int i = 0; i < keys.length; i++) {
                String old = (String) get.invokeExact(keys[i]);
                previous[i] = old == null ? ABSENT : old;
                set(keys[i], context.get(variables[i]));
            }
        } catch (Throwable t) {
            throw new IllegalStateException("MDC update failed", t);
        }
        return previous;
    }

    @Override
    public void restore(Object previous) {
        Object[] p = (Object[]) previous;
        try {
            for (int i = 0; i < keys.length; i++) {
                set(keys[i], p[i] == ABSENT ? null : p[i]);
            }
        } catch (Throwable t) {
            throw new IllegalStateException("MDC restore failed", t);
        }
    }

    private void set(String key, Object value) throws Throwable {
        if (value == null) {
            remove.invokeExact(key);
        } else {
            put.invokeExact(key, String.valueOf(value));
        }
    }
}
