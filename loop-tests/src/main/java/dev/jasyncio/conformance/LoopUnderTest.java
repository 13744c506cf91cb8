package dev.jasyncio.conformance;

import dev.jasyncio.EventLoop;
import dev.jasyncio.ExceptionContext;
import dev.jasyncio.ExceptionHandler;
import dev.jasyncio.LoopFactory;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The JUnit 5 extension that gives each conformance test the loop under test, made fresh for the
 * test through the public factory path ({@link LoopFactory#byName}), and checks after the test
 * that nothing went wrong behind its back.
 *
 * <p>A test method may declare parameters of these types:
 * <ul>
 *   <li>{@link EventLoop}: a new, not yet running loop of the backend under test;</li>
 *   <li>{@link LoopFactory}: the backend's factory, for tests that need more loops (a Runner, a
 *       second loop); every loop it makes is closed after the test;</li>
 *   <li>{@link Steps}: step-order assertions.</li>
 * </ul>
 *
 * <p>The backend is named by the JUnit configuration parameter {@value #LOOP_PARAMETER} (set by the
 * per-backend suites), else by the system property of the same name, else the default
 * ({@link LoopFactory#defaultFactory()}). A backend that exists but is not available on this
 * machine aborts the test (reported as skipped); an unknown name fails it.
 *
 * <p>After each test the extension fails it when:
 * <ul>
 *   <li>a loop it handed out is still running (it then tries to stop it, thread-safely);</li>
 *   <li>the injected loop reported an error nobody expected: the loop comes with an exception
 *       handler that records reports, so an exception thrown by a callback (an assertion inside a
 *       callback, say) fails the test instead of being logged. Tests about error reporting
 *       install their own handler, which switches this check off;</li>
 *   <li>{@link Steps} recorded a failure in any thread, or was started and never finished.</li>
 * </ul>
 * Then it closes every loop it handed out. It closes them on the thread that ran the test body, as
 * soon as the body returns, because a Netty-backed loop can release its selector only on the thread
 * that ran it; a test that runs a loop on a thread of its own closes it there itself.
 *
 * <p>Every failure message starts with the backend, {@code [nio] …}: the suites run the same
 * test once per backend, and Surefire's summary shows the runs only by number.
 */
public final class LoopUnderTest implements BeforeEachCallback, ParameterResolver, InvocationInterceptor,
    TestExecutionExceptionHandler, AfterEachCallback {
    /** Configuration parameter (and system property) naming the backend under test. */
    public static final String LOOP_PARAMETER = "jasyncio.loop";
    /** Configuration parameter (and system property) naming the coroutine engine under test. */
    public static final String ENGINE_PARAMETER = "jasyncio.engine";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LoopUnderTest.class);
    private static final long STOP_GRACE_MILLIS = 2_000;

    @Override
    public void beforeEach(ExtensionContext context) {
        // Here rather than in resolveParameter, so that an unavailable backend skips the test
        // (JUnit turns any exception of a parameter resolver into a failure).
        state(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == EventLoop.class || type == LoopFactory.class || type == Steps.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        State state = state(context);
        if (type == Steps.class) {
            return state.steps;
        }
        if (type == LoopFactory.class) {
            return state.factory;
        }
        if (state.loop == null) {
            state.loop = state.factory.newEventLoop();
            state.loop.setExceptionHandler(state.recorder);
        }
        return state.loop;
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        proceedThenClose(invocation, context);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        proceedThenClose(invocation, context);
    }

    /** Runs the test body, then closes the loops it left stopped, on the body's own thread. */
    private static void proceedThenClose(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        try {
            invocation.proceed();
        } finally {
            State state = context.getStore(NAMESPACE).get(State.class, State.class);
            if (state != null) {
                for (EventLoop loop : state.loopsSoFar()) {
                    if (!loop.isRunning()) {
                        try {
                            loop.close();
                        } catch (RuntimeException e) {
                            state.closeFailures.add(new AssertionError("Closing the loop " + loop + " after the test failed", e));
                        }
                    }
                }
            }
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw tagged(context, failure);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        State state = context.getStore(NAMESPACE).get(State.class, State.class);
        if (state == null) {
            return;
        }
        List<EventLoop> loops = state.loopsSoFar();
        List<Throwable> failures = new ArrayList<>();
        for (EventLoop loop : loops) {
            if (loop.isRunning()) {
                failures.add(new AssertionError("The loop " + loop + " was still running when the test ended"));
                stopThreadsafe(loop);
            }
        }
        // A step failure thrown on the test's own thread already failed it: report only the others.
        String thrown = context.getExecutionException().map(Throwable::getMessage).orElse("");
        for (Throwable stepFailure : state.steps.failures()) {
            if (!thrown.contains(stepFailure.getMessage())) {
                failures.add(stepFailure);
            }
        }
        failures.addAll(state.closeFailures);
        for (EventLoop loop : loops) {
            if (!loop.isRunning()) {
                try {
                    loop.close();
                } catch (RuntimeException e) {
                    failures.add(new AssertionError("Closing the loop " + loop + " after the test failed", e));
                }
            }
        }
        // After close, which reports what the test left behind (pending tasks, unretrieved errors).
        if (state.loop != null && state.loop.getExceptionHandler() == state.recorder) {
            for (ExceptionContext report : state.recorder.reports) {
                failures.add(new AssertionError("The loop reported an unexpected error: " + report, report.exception()));
            }
        }
        if (!failures.isEmpty()) {
            Throwable error = tagged(context, failures.get(0));
            for (Throwable t : failures.subList(1, failures.size())) {
                error.addSuppressed(t);
            }
            throw (AssertionError) error;
        }
    }

    /** {@code failure} with the backend in front of its message; an aborted test stays aborted. */
    private static Throwable tagged(ExtensionContext context, Throwable failure) {
        if (failure instanceof TestAbortedException) {
            return failure;
        }
        String name = backendName(context);
        String engine = engineName(context);
        String tag = "[" + (name == null ? "default backend" : name) + (engine == null ? "" : "/" + engine) + "] ";
        AssertionError error;
        if (failure instanceof AssertionFailedError afe && afe.isExpectedDefined() && afe.isActualDefined()) {
            error = new AssertionFailedError(tag + afe.getMessage(), afe.getExpected().getEphemeralValue(),
                afe.getActual().getEphemeralValue(), afe.getCause());
        } else if (failure instanceof AssertionFailedError afe) {
            error = new AssertionFailedError(tag + afe.getMessage(), afe.getCause());
        } else {
            error = new AssertionError(tag + (failure instanceof AssertionError ? failure.getMessage() : failure.toString()),
                failure instanceof AssertionError ? failure.getCause() : failure);
        }
        error.setStackTrace(failure.getStackTrace());
        for (Throwable s : failure.getSuppressed()) {
            error.addSuppressed(s);
        }
        return error;
    }

    /** The name of the backend under test, or null for the default one. */
    static String backendName(ExtensionContext context) {
        String name = context.getConfigurationParameter(LOOP_PARAMETER)
            .orElseGet(() -> System.getProperty(LOOP_PARAMETER, ""))
            .trim();
        return name.isEmpty() ? null : name;
    }

    private static State state(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(State.class, k -> new State(factory(context)), State.class);
    }

    /** The coroutine engine under test, or null for the default one. */
    static String engineName(ExtensionContext context) {
        String name = context.getConfigurationParameter(ENGINE_PARAMETER)
            .orElseGet(() -> System.getProperty(ENGINE_PARAMETER, ""))
            .trim();
        return name.isEmpty() ? null : name;
    }

    private static LoopFactory factory(ExtensionContext context) {
        String name = backendName(context);
        String engine = engineName(context);
        try {
            if (name == null && engine == null) {
                return LoopFactory.defaultFactory();
            }
            if (name == null) {
                name = LoopFactory.availableNames().get(0);
            }
            return LoopFactory.byName(name, engine);
        } catch (IllegalArgumentException unknown) {
            throw new ExtensionConfigurationException("The backend under test does not exist (" + LOOP_PARAMETER + "=" + name
                + "): is its module on the test class path?", unknown);
        } catch (IllegalStateException unavailable) {
            throw new TestAbortedException("The backend under test is not available on this machine (" + LOOP_PARAMETER
                + "=" + name + "): " + unavailable.getMessage(), unavailable);
        }
    }

    private static void stopThreadsafe(EventLoop loop) {
        try {
            loop.callSoonThreadsafe(loop::stop);
        } catch (RuntimeException ignored) {
            // Closed under our feet: nothing left to stop.
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_GRACE_MILLIS);
        while (loop.isRunning() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** What the extension keeps for one test. */
    private static final class State {
        final List<EventLoop> loops = new ArrayList<>();
        final Queue<Throwable> closeFailures = new ConcurrentLinkedQueue<>();
        final Recorder recorder = new Recorder();
        final Steps steps = new Steps();
        final LoopFactory factory;
        EventLoop loop;

        List<EventLoop> loopsSoFar() {
            synchronized (loops) {
                return List.copyOf(loops);
            }
        }

        State(LoopFactory backend) {
            this.factory = () -> {
                EventLoop l = backend.newEventLoop();
                synchronized (loops) {
                    loops.add(l);
                }
                return l;
            };
        }
    }

    /** The exception handler of the injected loop: keeps every report for the after-test check. */
    private static final class Recorder implements ExceptionHandler {
        final Queue<ExceptionContext> reports = new ConcurrentLinkedQueue<>();

        @Override
        public void handle(EventLoop loop, ExceptionContext context) {
            reports.add(context);
        }

        @Override
        public String toString() {
            return "LoopUnderTest.Recorder";
        }
    }
}
