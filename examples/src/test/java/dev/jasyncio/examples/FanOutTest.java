package dev.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jasyncio.Async;
import dev.jasyncio.net.IncompleteReadException;
import dev.jasyncio.net.Server;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link FanOut} against its demo server on loopback. */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FanOutTest {

    /** 40 requests, 6 at a time: never more in flight, every result back in request order, the failures reported. */
    @Test
    void theSemaphoreBoundsTheRequestsInFlightAndEveryResultComesBack() {
        Async.run(() -> {
            Server server = FanOut.upperCaseServer("127.0.0.1", 0);
            FanOut fanOut = new FanOut("127.0.0.1", server.sockets().get(0).getPort(), 6);
            List<String> requests = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                requests.add(i % 7 == 3 ? "fail" : "request " + i);
            }
            List<FanOut.Result> results = fanOut.fetchAll(requests);
            assertEquals(40, results.size());
            for (int i = 0; i < 40; i++) {
                FanOut.Result r = results.get(i);
                assertEquals(requests.get(i), r.request());
                if (requests.get(i).equals("fail")) {
                    assertNull(r.reply());
                    assertInstanceOf(IncompleteReadException.class, r.error(), "the server hung up without a reply");
                } else {
                    assertNull(r.error());
                    assertEquals("REQUEST " + i, r.reply());
                }
            }
            // All 40 start at once; the first 6 get a permit at once, the others wait for one.
            assertEquals(6, fanOut.maxInFlight());
            server.close();
            server.waitClosed();
            return null;
        });
    }

    /** A server that is gone fails every request with its connection error, and the fan-out still returns. */
    @Test
    void aRefusedConnectionIsReportedPerRequest() {
        Async.run(() -> {
            Server server = FanOut.upperCaseServer("127.0.0.1", 0);
            int port = server.sockets().get(0).getPort();
            server.close();
            server.waitClosed();
            List<FanOut.Result> results = new FanOut("127.0.0.1", port, 2).fetchAll(List.of("a", "b", "c"));
            assertEquals(3, results.size());
            for (FanOut.Result r : results) {
                assertInstanceOf(java.net.ConnectException.class, r.error(), r.toString());
            }
            return null;
        });
    }
}
