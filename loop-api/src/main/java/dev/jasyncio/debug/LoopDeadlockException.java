package dev.jasyncio.debug;

/**
 * Thrown out of {@code runForever}/{@code runUntilComplete} of a test loop
 * ({@link TestLoops}) when it can never wake up again while tasks still wait: no callback is
 * ready, no timer is scheduled, no other thread owes it a result, the inbox is empty and no I/O
 * can arrive (the {@code core} backend has none; nio and epoll have none while no channel is
 * open). The message and {@link #dump()} show the
 * tasks and what each waits for.
 *
 * @apiNote asyncio: no counterpart; asyncio (and Trio, issue #1085) would hang.
 */
public final class LoopDeadlockException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final transient TaskDump dump;

    LoopDeadlockException(TaskDump dump) {
        super("Deadlock: event loop " + dump.loopId() + " can never run again (no callback ready, no timer, "
            + "nothing owed by other threads, no I/O), yet " + dump.tasks().size() + " task"
            + (dump.tasks().size() == 1 ? " waits" : "s wait") + ":\n" + dump.toText());
        this.dump = dump;
    }

    /**
     * The tasks when the deadlock was found.
     *
     * @apiNote asyncio: no counterpart.
     */
    public TaskDump dump() {
        return dump;
    }
}
