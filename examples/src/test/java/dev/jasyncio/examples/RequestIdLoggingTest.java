package dev.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** {@link RequestIdLogging}'s log lines, as logback receives them while its three requests interleave. */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RequestIdLoggingTest {
    private static final List<String> STAGES = List.of("accepted", "queried the database", "responded");

    /**
     * The three requests start before any of them resumes, so their lines interleave; yet each
     * line's MDC (what {@code %X{requestId}} prints) is the id its own message shows, and every
     * request has its own three stages in order, none lost to another request.
     */
    @Test
    void everyLogLineCarriesTheIdOfItsOwnRequestWhileTheRequestsInterleave() {
        Logger logger = (Logger) LoggerFactory.getLogger(RequestIdLogging.class);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        logger.addAppender(captured);
        try {
            RequestIdLogging.main(new String[0]);
        } finally {
            logger.detachAppender(captured);
        }

        Map<String, List<String>> stagesById = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        for (ILoggingEvent line : captured.list) {
            String id = line.getMDCPropertyMap().get("requestId");
            String message = line.getFormattedMessage();
            String stage = message.substring(message.indexOf("] ") + 2);
            assertEquals("[requestId=" + id + "] " + stage, message, "the MDC logback captured is the one the line printed");
            stagesById.computeIfAbsent(id, k -> new ArrayList<>()).add(stage);
            order.add(id + " " + stage);
        }
        assertEquals(9, order.size(), () -> "three lines per request: " + order);
        assertEquals(List.of("r-1 accepted", "r-2 accepted", "r-3 accepted"), order.subList(0, 3),
            "every request starts before any resumes: " + order);
        assertEquals(Map.of("r-1", STAGES, "r-2", STAGES, "r-3", STAGES), stagesById, () -> "lines in order: " + order);
        assertNull(MDC.get("requestId"), "the MDC of the thread that ran the loop is restored");
    }
}
