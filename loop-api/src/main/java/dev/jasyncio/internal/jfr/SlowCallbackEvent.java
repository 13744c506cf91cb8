package dev.jasyncio.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/** A callback (not a task step) that ran at least the threshold: timed by the loop around the callback. */
@Name("dev.jasyncio.SlowCallback")
@Label("Slow Callback")
@Category({"Jasyncio", "Loop"})
@Description("A loop callback that ran longer than the threshold; while enabled, every loop times each callback")
@Enabled(false)
@Threshold("20 ms")
@StackTrace(false)
public final class SlowCallbackEvent extends jdk.jfr.Event {
    @Label("Loop")
    String loop;

    @Label("Callback")
    String callback;
}
