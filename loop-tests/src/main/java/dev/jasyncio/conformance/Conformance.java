package dev.jasyncio.conformance;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a conformance test class: its tests get the loop under test from {@link LoopUnderTest},
 * and each is bounded by a timeout.
 *
 * <p>The test body runs in a thread of its own ({@link Timeout.ThreadMode#SEPARATE_THREAD}): a
 * loop that hangs is left behind and reported, where interrupting it in place would only make
 * its wait return at once, forever.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(LoopUnderTest.class)
@Timeout(value = Conformance.TIMEOUT_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public @interface Conformance {
    /** Upper bound of any one test; a test reaching it has hung (no test waits on purpose this long). */
    long TIMEOUT_SECONDS = 30;
}
