package dev.jasyncio.conformance;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Assumptions;

/**
 * Captures what Jasyncio logs through {@link System.Logger} {@code dev.jasyncio}, for tests of
 * the default exception handler and the slow-callback warning. While it is open, those records
 * are kept here and not printed.
 *
 * <p>It listens on the {@code java.util.logging} logger of that name, which is where the JDK's
 * default {@link System.LoggerFinder} sends System.Logger records. When another logging backend
 * was installed instead, {@link #open} aborts the test (it is reported as skipped).
 */
public final class LogCapture implements AutoCloseable {
    /** The logger Jasyncio logs to. */
    public static final String LOGGER = "dev.jasyncio";

    private static final SimpleFormatter FORMATTER = new SimpleFormatter();

    private final Logger logger;
    private final Level savedLevel;
    private final boolean savedUseParent;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    private LogCapture() {
        logger = Logger.getLogger(LOGGER);
        savedLevel = logger.getLevel();
        savedUseParent = logger.getUseParentHandlers();
        logger.setLevel(Level.ALL);
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
    }

    /** Starts capturing; aborts the test if System.Logger does not reach java.util.logging. */
    public static LogCapture open() {
        LogCapture capture = new LogCapture();
        String probe = "LogCapture probe " + System.nanoTime();
        System.getLogger(LOGGER).log(System.Logger.Level.DEBUG, probe);
        boolean seen = capture.records.removeIf(r -> probe.equals(r.getMessage()));
        if (!seen) {
            capture.close();
            Assumptions.abort("System.Logger " + LOGGER + " does not log through java.util.logging here ("
                + System.LoggerFinder.getLoggerFinder().getClass().getName() + "): cannot capture its records");
        }
        return capture;
    }

    /** The records captured so far, oldest first. */
    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** The message of {@code record} with its parameters filled in. */
    public static String text(LogRecord record) {
        return FORMATTER.formatMessage(record);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setUseParentHandlers(savedUseParent);
        logger.setLevel(savedLevel);
    }
}
