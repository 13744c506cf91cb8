package dev.jasyncio.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** A report of the blocked-loop watchdog, emitted by its thread; the stack is the loop's, sampled. */
@Name("dev.jasyncio.BlockedLoop")
@Label("Blocked Loop")
@Category({"Jasyncio", "Loop"})
@Description("The watchdog saw a loop stay in one iteration longer than its threshold")
@StackTrace(false)
public final class BlockedLoopEvent extends jdk.jfr.Event {
    @Label("Loop")
    public String loop;

    @Label("Kind")
    @Description("CALLBACK, TASK_STEP or ITERATION")
    public String kind;

    @Label("Blocked For")
    @Description("How long the loop had been blocked when the watchdog reported it (a lower bound)")
    @Timespan(Timespan.NANOSECONDS)
    public long blockedFor;

    @Label("Step")
    public String step;

    @Label("Follow-up")
    public boolean followUp;

    @Label("Loop Stack")
    @Description("The sampled stack of the thread running the loop's code, innermost frame first")
    public String loopStack;
}
