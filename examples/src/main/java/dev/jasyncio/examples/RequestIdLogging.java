package dev.jasyncio.examples;

import dev.jasyncio.Async;
import dev.jasyncio.Context;
import dev.jasyncio.ContextVar;
import dev.jasyncio.MdcBridge;
import dev.jasyncio.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request ids in the log lines of interleaved tasks: a {@link ContextVar} holds the id, and
 * {@link MdcBridge} mirrors it into SLF4J's MDC around every task step, so the logger's
 * {@code %X{requestId}} pattern (here printed by hand) always names the right request.
 */
public final class RequestIdLogging {
    private static final ContextVar<String> REQUEST_ID = new ContextVar<>("request_id", "-");
    private static final Logger LOG = LoggerFactory.getLogger(RequestIdLogging.class);

    private RequestIdLogging() {}

    static String handle(String request) {
        REQUEST_ID.set(request);
        log("accepted");
        Async.sleep(Duration.ofMillis(10));          // other requests run here
        log("queried the database");
        Async.sleep(Duration.ofMillis(5));
        log("responded");
        return request + " done";
    }

    private static void log(String what) {
        LOG.info("[requestId={}] {}", org.slf4j.MDC.get("requestId"), what);
    }

    /** Entry point. */
    public static void main(String[] args) {
        MdcBridge bridge = MdcBridge.of(Map.of("requestId", REQUEST_ID));
        Context.addBridge(bridge);
        try {
            Async.run(() -> {
                List<Task<String>> requests = new ArrayList<>();
                for (String id : List.of("r-1", "r-2", "r-3")) {
                    requests.add(Async.createTask(() -> handle(id)));
                }
                for (Task<String> t : requests) {
                    Async.await(t);
                }
                return null;
            });
        } finally {
            Context.removeBridge(bridge);                // bridges are global: one left behind runs around every step
        }
    }
}
