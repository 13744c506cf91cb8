package dev.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** SLF4J's MDC follows each task's context variables across interleaved suspensions. */
class MdcBridgeTest {
    private static final ContextVar<String> REQUEST_ID = new ContextVar<>("request_id");

    /** Each task's log lines see its own request id; the loop thread's MDC is restored after. */
    @Test
    void interleavedTasksSeeTheirOwnRequestIdInTheMdc() {
        MdcBridge bridge = MdcBridge.of(Map.of("requestId", REQUEST_ID));
        Context.addBridge(bridge);
        MDC.put("requestId", "outside");
        try {
            List<String> lines = Async.run(() -> {
                List<String> l = new ArrayList<>();
                List<Task<Void>> ts = new ArrayList<>();
                for (String id : List.of("req-1", "req-2")) {
                    ts.add(Async.createTask(() -> {
                        REQUEST_ID.set(id);
                        for (int i = 0; i < 2; i++) {
                            l.add(id + " logs with MDC " + MDC.get("requestId"));
                            Async.sleep(Duration.ZERO);
                        }
                        return null;
                    }));
                }
                for (Task<Void> t : ts) {
                    Async.await(t);
                }
                return l;
            }, LoopFactory.byName("core"));
            assertEquals(4, lines.size());
            for (String line : lines) {
                String id = line.substring(0, 5);
                assertTrue(line.endsWith("MDC " + id), line);
            }
            assertEquals("outside", MDC.get("requestId"), "restored on the thread after the run");
        } finally {
            Context.removeBridge(bridge);
            MDC.remove("requestId");
        }
        assertNull(MDC.get("requestId"));
    }
}
