package dev.jasyncio.debug;

/**
 * The exception in the exception-handler report of a blocked loop: its stack trace is the loop
 * thread's stack sampled while the loop was stuck (not where this object was made), so a
 * handler that logs exceptions shows where the time went.
 *
 * @apiNote asyncio: no counterpart.
 */
public final class LoopBlockedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient BlockedLoopReport report;

    LoopBlockedException(BlockedLoopReport report) {
        super(report.summary(), null, false, true);
        this.report = report;
        setStackTrace(report.stack());
    }

    /**
     * The full report, with every stack sample.
     *
     * @apiNote asyncio: no counterpart.
     */
    public BlockedLoopReport report() {
        return report;
    }
}
