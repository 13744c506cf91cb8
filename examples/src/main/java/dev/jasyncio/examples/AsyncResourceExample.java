package dev.jasyncio.examples;

import dev.jasyncio.Async;
import dev.jasyncio.AsyncCloseable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The async-factory pattern and {@link AsyncCloseable}: a resource whose construction and whose
 * close both await, used with try-with-resources inside a task while another task keeps running.
 */
public final class AsyncResourceExample {
    private AsyncResourceExample() {}

    /** A pretend connection: opening and closing take a round trip each. */
    static final class Connection implements AsyncCloseable {
        private final String name;
        private final List<String> log;
        private boolean closed;

        private Connection(String name, List<String> log) {
            this.name = name;
            this.log = log;
        }

        /** Async factory: a constructor cannot await, a static method running in a task can. */
        static Connection open(String name, List<String> log) {
            log.add("opening " + name);
            Async.sleep(Duration.ofMillis(20));
            log.add("opened " + name);
            return new Connection(name, log);
        }

        String query(String q) {
            Async.sleep(Duration.ofMillis(5));
            return name + " answered " + q;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            log.add("closing " + name);
            Async.sleep(Duration.ofMillis(20));
            log.add("closed " + name);
        }
    }

    /** Entry point. */
    public static void main(String[] args) {
        List<String> log = Async.run(() -> {
            List<String> l = new ArrayList<>();
            var ticker = Async.createTask(() -> {
                for (int i = 0; i < 6; i++) {
                    l.add("tick " + i);
                    Async.sleep(Duration.ofMillis(10));
                }
                return null;
            });
            try (Connection c = Connection.open("db", l)) {
                l.add(c.query("select 1"));
            }
            Async.await(ticker);
            return l;
        });
        log.forEach(System.out::println);
    }
}
