package dev.jasyncio.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/** A task step (the task's code between two awaits) that ran at least the threshold. */
@Name("dev.jasyncio.SlowTaskStep")
@Label("Slow Task Step")
@Category({"Jasyncio", "Loop"})
@Description("One step of a task (its code between two awaits) that ran longer than the threshold")
@Enabled(false)
@Threshold("20 ms")
@StackTrace(false)
public final class SlowTaskStepEvent extends jdk.jfr.Event {
    @Label("Loop")
    String loop;

    @Label("Task")
    String task;
}
