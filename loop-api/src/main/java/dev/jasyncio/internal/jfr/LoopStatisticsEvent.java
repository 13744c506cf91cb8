package dev.jasyncio.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Percentage;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** Per running loop, periodically: what it did since the last period. */
@Name("dev.jasyncio.LoopStatistics")
@Label("Loop Statistics")
@Category({"Jasyncio", "Loop"})
@Period("1 s")
@StackTrace(false)
public final class LoopStatisticsEvent extends jdk.jfr.Event {
    @Label("Loop")
    public String loop;

    @Label("Iterations")
    public long iterations;

    @Label("Busy")
    @Timespan(Timespan.NANOSECONDS)
    public long busy;

    @Label("Idle")
    @Timespan(Timespan.NANOSECONDS)
    public long idle;

    @Label("Busy Ratio")
    @Percentage
    public double busyRatio;

    @Label("Ready Queue")
    public int readyQueue;

    @Label("Live Tasks")
    public int liveTasks;
}
