package dev.jasyncio.internal.jfr;

/**
 * What the loop core calls to emit JFR events, only while the loop's switches say a recording
 * wants them (the monitor sets them, see {@code dev.jasyncio.debug.JfrSupport}). The core sees
 * no JFR type: events travel as Object, so a runtime without {@code jdk.jfr} never loads them.
 * Not API.
 */
public final class JfrHooks {
    private JfrHooks() {}

    /** Before a callback: a started SlowCallback event. */
    public static Object beginCallback() {
        SlowCallbackEvent e = new SlowCallbackEvent();
        e.begin();
        return e;
    }

    /** After the callback {@code handle}: commits the event if it ran past the threshold. */
    public static void endCallback(Object event, String loop, Object handle) {
        SlowCallbackEvent e = (SlowCallbackEvent) event;
        e.end();
        if (e.shouldCommit()) {
            e.loop = loop;
            e.callback = String.valueOf(handle);
            e.commit();
        }
    }

    /** Before a task step: a started SlowTaskStep event. */
    public static Object beginStep() {
        SlowTaskStepEvent e = new SlowTaskStepEvent();
        e.begin();
        return e;
    }

    /** After a step of {@code task}: commits the event if it ran past the threshold. */
    public static void endStep(Object event, String loop, String task) {
        SlowTaskStepEvent e = (SlowTaskStepEvent) event;
        e.end();
        if (e.shouldCommit()) {
            e.loop = loop;
            e.task = task;
            e.commit();
        }
    }

    /** A task was created (by {@code parent}, null outside a task). */
    public static void taskCreated(String loop, String task, String parent) {
        TaskCreatedEvent e = new TaskCreatedEvent();
        if (e.shouldCommit()) {
            e.loop = loop;
            e.task = task;
            e.parent = parent;
            e.commit();
        }
    }

    /** A task ended with {@code outcome}: value, exception or cancelled. */
    public static void taskFinished(String loop, String task, String outcome) {
        TaskFinishedEvent e = new TaskFinishedEvent();
        if (e.shouldCommit()) {
            e.loop = loop;
            e.task = task;
            e.outcome = outcome;
            e.commit();
        }
    }

    /** Whether a recording wants the loops to time callbacks and steps. */
    public static boolean timingWanted() {
        return new SlowCallbackEvent().isEnabled() || new SlowTaskStepEvent().isEnabled();
    }

    /** Whether a recording wants task created/finished events. */
    public static boolean taskEventsWanted() {
        return new TaskCreatedEvent().isEnabled() || new TaskFinishedEvent().isEnabled();
    }
}
