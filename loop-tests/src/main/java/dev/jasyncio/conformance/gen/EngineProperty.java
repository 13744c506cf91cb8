package dev.jasyncio.conformance.gen;

import dev.jasyncio.LoopFactory;
import dev.jasyncio.conformance.LoopUnderTest;
import dev.jasyncio.conformance.SystemProperties;
import dev.jasyncio.conformance.Tasks;
import java.util.function.Supplier;

/**
 * Makes generators outside any loop on the engine under test. Inside a task a generator takes the
 * engine of the task's loop; outside, the engine named by {@code -Djasyncio.engine} when it is
 * made, so the property is set to the engine of the injected factory while {@code make} runs.
 * Callers hold {@code @ResourceLock(Resources.SYSTEM_PROPERTIES)} through their class.
 */
final class EngineProperty {
    private EngineProperty() {}

    /** Evaluates {@code make} with {@code -Djasyncio.engine} naming the engine of {@code factory}'s loops. */
    static <T> T with(LoopFactory factory, Supplier<T> make) {
        return SystemProperties.with(LoopUnderTest.ENGINE_PARAMETER, Tasks.engineOf(factory), make);
    }
}
