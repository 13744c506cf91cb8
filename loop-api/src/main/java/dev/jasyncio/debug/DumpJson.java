package dev.jasyncio.debug;

import java.util.List;

/** The JSON form of a {@link TaskDump}; written by hand, so that loop-api needs no JSON library. */
final class DumpJson {
    private final StringBuilder out = new StringBuilder();

    private DumpJson() {}

    static String render(TaskDump dump) {
        DumpJson j = new DumpJson();
        j.out.append("{\"loop\":");
        j.string(dump.loopId());
        j.out.append(",\"running\":").append(dump.isRunning());
        j.out.append(",\"engine\":");
        j.string(dump.engine());
        j.out.append(",\"tasks\":[");
        List<TaskInfo> tasks = dump.tasks();
        for (int i = 0; i < tasks.size(); i++) {
            if (i > 0) {
                j.out.append(',');
            }
            j.task(tasks.get(i));
        }
        j.out.append("],\"cycles\":[");
        List<List<Integer>> cycles = dump.cycleIds();
        for (int i = 0; i < cycles.size(); i++) {
            if (i > 0) {
                j.out.append(',');
            }
            j.ints(cycles.get(i));
        }
        j.out.append("]}");
        return j.out.toString();
    }

    private void task(TaskInfo t) {
        out.append("{\"id\":").append(t.id()).append(",\"name\":");
        string(t.name());
        out.append(",\"state\":");
        string(t.state());
        out.append(",\"cancelling\":").append(t.cancelling()).append(",\"awaiting\":");
        string(t.awaiting());
        out.append(",\"awaits\":");
        ints(t.awaits());
        out.append(",\"awaitedBy\":");
        ints(t.awaitedBy());
        out.append(",\"stack\":");
        frames(t.stack());
        out.append(",\"createdAt\":");
        frames(t.createdAt());
        out.append('}');
    }

    private void ints(List<Integer> list) {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(list.get(i));
        }
        out.append(']');
    }

    private void frames(List<StackTraceElement> frames) {
        out.append('[');
        for (int i = 0; i < frames.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(frames.get(i).toString());
        }
        out.append(']');
    }

    private void string(String s) {
        if (s == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
