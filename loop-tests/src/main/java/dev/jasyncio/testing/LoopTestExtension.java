package dev.jasyncio.testing;

import dev.jasyncio.EventLoop;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.debug.TestLoops;
import dev.jasyncio.debug.VirtualClock;
import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link LoopTest}: makes the loop, runs the test method as its main task,
 * then checks what the test left behind and closes the loop, on the thread that ran the test.
 */
public final class LoopTestExtension implements ParameterResolver, InvocationInterceptor {
    /** Configuration parameter (and system property) naming the backend. */
    public static final String LOOP_PARAMETER = "jasyncio.loop";
    /** Configuration parameter (and system property) naming the coroutine engine. */
    public static final String ENGINE_PARAMETER = "jasyncio.engine";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LoopTestExtension.class);

    /** Made by JUnit. */
    public LoopTestExtension() {}

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == EventLoop.class || type == VirtualClock.class && spec(context).virtualTime();
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        EventLoop loop = loop(context);
        return parameter.getParameter().getType() == EventLoop.class ? loop : TestLoops.clock(loop);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        LoopTest spec = spec(context);
        EventLoop loop = loop(context);
        try {
            new TestRun(loop, spec, context.getDisplayName()).run(invocation);
        } finally {
            context.getStore(NAMESPACE).remove(EventLoop.class);
        }
    }

    private static LoopTest spec(ExtensionContext context) {
        return AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), LoopTest.class)
            .orElseThrow(() -> new ExtensionConfigurationException(
                "LoopTestExtension runs only methods annotated @LoopTest: " + context.getRequiredTestMethod()));
    }

    private static EventLoop loop(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(EventLoop.class, k -> newLoop(context), EventLoop.class);
    }

    private static EventLoop newLoop(ExtensionContext context) {
        LoopTest spec = spec(context);
        LoopFactory base = baseFactory(context);
        LoopFactory f = spec.virtualTime() ? TestLoops.virtual(base)
            : spec.detectDeadlocks() ? TestLoops.detectingDeadlocks(base) : base;
        EventLoop loop = f.newEventLoop();
        if (spec.virtualTime() && !spec.detectDeadlocks()) {
            throw new ExtensionConfigurationException("@LoopTest(virtualTime = true) always detects deadlocks: "
                + "virtual time cannot move while a thread the loop does not know of may still post to it");
        }
        loop.setDebug(spec.debug());
        return loop;
    }

    private static LoopFactory baseFactory(ExtensionContext context) {
        String name = setting(context, LOOP_PARAMETER);
        String engine = setting(context, ENGINE_PARAMETER);
        if (name == null && engine == null) {
            return LoopFactory.defaultFactory();
        }
        return LoopFactory.byName(name != null ? name : LoopFactory.availableNames().get(0), engine);
    }

    private static String setting(ExtensionContext context, String key) {
        String v = context.getConfigurationParameter(key).orElseGet(() -> System.getProperty(key, "")).trim();
        return v.isEmpty() ? null : v;
    }
}
