package dev.jasyncio.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** A task was created; the event's stack trace is where. */
@Name("dev.jasyncio.TaskCreated")
@Label("Task Created")
@Category({"Jasyncio", "Task"})
@Enabled(false)
public final class TaskCreatedEvent extends jdk.jfr.Event {
    @Label("Loop")
    String loop;

    @Label("Task")
    String task;

    @Label("Parent Task")
    String parent;
}
