package dev.jasyncio.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH's JSON results ({@code -rf json}) into one table per workload: ops/s of every Jasyncio
 * backend and of Netty's own loop, Jasyncio's ops/s divided by Netty's (NIO and epoll), and bytes
 * allocated per op when the run used {@code -prof gc}.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar dev.jasyncio.bench.RatioTable results.json...}
 * (several files are merged; a later file's result replaces an earlier one for the same benchmark
 * and parameters). A time-per-op score is converted with ops/s = 1 / (time per op), e.g.
 * 1e9 / (ns/op).
 */
public final class RatioTable {
    /** Benchmark class simple names, in WORKLOADS.md order, with the workload they measure. */
    private static final Map<String, String> WORKLOADS = new LinkedHashMap<>();

    static {
        WORKLOADS.put("CallSoonChainBenchmark", "W1 call-soon chain (callbacks/s)");
        WORKLOADS.put("CallSoonBatchBenchmark", "W2 call-soon batch (callbacks/s)");
        WORKLOADS.put("FutureRoundTripBenchmark", "W3 future round trip (ops/s)");
        WORKLOADS.put("TimersBenchmark", "W6 timers (timers/s)");
    }

    private static final String[] JASYNCIO = {"core", "nio", "epoll"};
    private static final String[] NETTY = {"nio", "epoll"};

    private RatioTable() {}

    /** One benchmark result: ops/s, its relative 99.9 % error, and B/op (NaN without -prof gc). */
    private record Row(double opsPerSecond, double relativeError, double bytesPerOp) {}

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: RatioTable <jmh-result.json>...   (made with -rf json -rff FILE)");
            System.exit(2);
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String file : args) {
            collect(new Json(Files.readString(Path.of(file))).parse(), rows);
        }
        print(rows, System.out);
    }

    /** Keyed "Class/jasyncio/core", "Class/netty/nio"… */
    @SuppressWarnings("unchecked")
    private static void collect(Object json, Map<String, Row> rows) {
        for (Object o : (List<Object>) json) {
            Map<String, Object> result = (Map<String, Object>) o;
            String benchmark = (String) result.get("benchmark");
            String[] parts = benchmark.split("\\.");
            String method = parts[parts.length - 1];
            String clazz = parts[parts.length - 2];
            Map<String, Object> params = (Map<String, Object>) result.getOrDefault("params", Map.of());
            Object backend = method.equals("jasyncio") ? params.get("loop") : params.get("transport");
            Map<String, Object> primary = (Map<String, Object>) result.get("primaryMetric");
            double score = number(primary.get("score"));
            double error = number(primary.get("scoreError"));
            double ops = opsPerSecond(score, (String) primary.get("scoreUnit"));
            double bytes = Double.NaN;
            Map<String, Object> secondary = (Map<String, Object>) result.getOrDefault("secondaryMetrics", Map.of());
            for (Map.Entry<String, Object> e : secondary.entrySet()) {
                if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                    bytes = number(((Map<String, Object>) e.getValue()).get("score"));
                }
            }
            rows.put(clazz + "/" + method + "/" + backend, new Row(ops, Double.isNaN(error) ? Double.NaN : error / score, bytes));
        }
    }

    private static double opsPerSecond(double score, String unit) {
        return switch (unit) {
            case "ns/op" -> 1e9 / score;
            case "us/op" -> 1e6 / score;
            case "ms/op" -> 1e3 / score;
            case "s/op" -> 1 / score;
            case "ops/ns" -> score * 1e9;
            case "ops/us" -> score * 1e6;
            case "ops/ms" -> score * 1e3;
            case "ops/s" -> score;
            default -> throw new IllegalArgumentException("Unknown JMH score unit " + unit);
        };
    }

    private static void print(Map<String, Row> rows, PrintStream out) {
        for (Map.Entry<String, String> w : WORKLOADS.entrySet()) {
            String clazz = w.getKey();
            if (rows.keySet().stream().noneMatch(k -> k.startsWith(clazz + "/"))) {
                continue;
            }
            out.println(w.getValue());
            out.printf(Locale.ROOT, "  %-16s %12s %8s %10s %14s %14s%n", "loop", "M ops/s", "±", "B/op", "÷ Netty nio", "÷ Netty epoll");
            Row nettyNio = rows.get(clazz + "/netty/nio");
            Row nettyEpoll = rows.get(clazz + "/netty/epoll");
            for (String t : NETTY) {
                line(out, "Netty " + t, rows.get(clazz + "/netty/" + t), null, null);
            }
            for (String b : JASYNCIO) {
                line(out, "Jasyncio " + b, rows.get(clazz + "/jasyncio/" + b), nettyNio, nettyEpoll);
            }
            out.println();
        }
    }

    private static void line(PrintStream out, String name, Row row, Row nio, Row epoll) {
        if (row == null) {
            out.printf(Locale.ROOT, "  %-16s %12s%n", name, "(no result)");
            return;
        }
        out.printf(Locale.ROOT, "  %-16s %12.2f %7.1f%% %10s %14s %14s%n", name, row.opsPerSecond / 1e6,
            row.relativeError * 100, Double.isNaN(row.bytesPerOp) ? "-" : String.format(Locale.ROOT, "%.1f", row.bytesPerOp),
            ratio(row, nio), ratio(row, epoll));
    }

    private static String ratio(Row row, Row peer) {
        return peer == null ? "" : String.format(Locale.ROOT, "%.2f×", row.opsPerSecond / peer.opsPerSecond);
    }

    private static double number(Object o) {
        if (o instanceof Double d) {
            return d;
        }
        if (o instanceof String s) {
            return s.equals("NaN") ? Double.NaN : Double.parseDouble(s);
        }
        return Double.NaN;
    }

    /** Just enough JSON for JMH's result files: objects, arrays, strings, numbers, literals. */
    private static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = s;
        }

        Object parse() {
            Object v = value();
            skipSpace();
            if (i != s.length()) {
                throw error("trailing characters");
            }
            return v;
        }

        private Object value() {
            skipSpace();
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{' -> {
                    i++;
                    Map<String, Object> map = new LinkedHashMap<>();
                    if (!consume('}')) {
                        do {
                            skipSpace();
                            String key = string();
                            skipSpace();
                            expect(':');
                            map.put(key, value());
                            skipSpace();
                        } while (consume(','));
                        expect('}');
                    }
                    return map;
                }
                case '[' -> {
                    i++;
                    List<Object> list = new ArrayList<>();
                    if (!consume(']')) {
                        do {
                            list.add(value());
                            skipSpace();
                        } while (consume(','));
                        expect(']');
                    }
                    return list;
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    int start = i;
                    while (i < s.length() && ",]} \t\r\n".indexOf(s.charAt(i)) < 0) {
                        i++;
                    }
                    String word = s.substring(start, i);
                    return switch (word) {
                        case "true" -> Boolean.TRUE;
                        case "false" -> Boolean.FALSE;
                        case "null" -> null;
                        default -> Double.parseDouble(word);
                    };
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> sb.append(e);
                }
            }
        }

        private void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private boolean consume(char c) {
            skipSpace();
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!consume(c)) {
                throw error("expected '" + c + "'");
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("Bad JSON at offset " + i + ": " + what);
        }
    }
}
