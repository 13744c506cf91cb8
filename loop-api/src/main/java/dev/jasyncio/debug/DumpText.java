package dev.jasyncio.debug;

import java.util.BitSet;
import java.util.List;

/** The text form of a {@link TaskDump}: a tree of who waits for whom, like {@code python -m asyncio pstree}. */
final class DumpText {
    private final TaskDump dump;
    private final StringBuilder out = new StringBuilder();
    private final BitSet printed = new BitSet();
    private final BitSet inCycle = new BitSet();

    private DumpText(TaskDump dump) {
        this.dump = dump;
        for (List<Integer> c : dump.cycleIds()) {
            c.forEach(inCycle::set);
        }
    }

    static String render(TaskDump dump) {
        return new DumpText(dump).render();
    }

    private String render() {
        List<TaskInfo> tasks = dump.tasks();
        out.append(dump.header()).append('\n');
        for (TaskInfo t : tasks) {
            if (t.awaitedBy().isEmpty()) {
                node(t, "", true, true);
            }
        }
        // What is left waits only in cycles: start each from its oldest task.
        for (TaskInfo t : tasks) {
            if (!printed.get(t.id())) {
                node(t, "", true, true);
            }
        }
        List<List<Integer>> cycles = dump.cycleIds();
        if (cycles.isEmpty()) {
            out.append("No await cycles.\n");
        } else {
            out.append("Await cycles (these tasks wait for each other and can never finish by themselves):\n");
            for (List<Integer> c : cycles) {
                out.append("  ");
                for (int id : c) {
                    out.append(dump.task(id).label()).append(" -> ");
                }
                out.append(dump.task(c.get(0)).label()).append('\n');
            }
        }
        return out.toString();
    }

    private void node(TaskInfo t, String prefix, boolean root, boolean last) {
        String branch = root ? "" : last ? "└── " : "├── ";
        String below = prefix + (root ? "" : last ? "    " : "│   ");
        out.append(prefix).append(branch).append(t.label()).append(": ").append(t.state());
        if (t.cancelling() > 0) {
            out.append(", cancelling");
        }
        if (t.awaiting() != null) {
            out.append(", awaiting ").append(t.awaiting());
        }
        if (inCycle.get(t.id())) {
            out.append("  [in an await cycle]");
        }
        if (printed.get(t.id())) {
            out.append("  (shown above)\n");
            return;
        }
        out.append('\n');
        printed.set(t.id());
        List<Integer> children = t.awaits();
        String body = below + (children.isEmpty() ? "    " : "│   ");
        for (StackTraceElement e : t.stack()) {
            out.append(body).append("at ").append(e).append('\n');
        }
        if (!t.createdAt().isEmpty()) {
            out.append(body).append("created at:\n");
            for (StackTraceElement e : t.createdAt()) {
                out.append(body).append("  ").append(e).append('\n');
            }
        }
        for (int i = 0; i < children.size(); i++) {
            node(dump.task(children.get(i)), below, false, i == children.size() - 1);
        }
    }
}
