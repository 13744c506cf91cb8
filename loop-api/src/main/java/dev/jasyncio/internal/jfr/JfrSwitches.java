package dev.jasyncio.internal.jfr;

/**
 * What the running JFR recordings want from the loops, kept current by the monitor (a listener on
 * recordings). No JFR type here: the loop core reads these flags even where {@code jdk.jfr} is
 * missing. Not API.
 */
public final class JfrSwitches {
    /** Time callbacks and task steps (SlowCallback, SlowTaskStep enabled); a loop reads it when it starts. */
    public static volatile boolean timing;
    /** Emit TaskCreated/TaskFinished; read at each task creation and end. */
    public static volatile boolean taskEvents;

    private JfrSwitches() {}
}
