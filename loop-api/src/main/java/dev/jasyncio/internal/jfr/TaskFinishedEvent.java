package dev.jasyncio.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A task ended: with a value, an exception or cancelled. */
@Name("dev.jasyncio.TaskFinished")
@Label("Task Finished")
@Category({"Jasyncio", "Task"})
@Enabled(false)
@StackTrace(false)
public final class TaskFinishedEvent extends jdk.jfr.Event {
    @Label("Loop")
    String loop;

    @Label("Task")
    String task;

    @Label("Outcome")
    String outcome;
}
