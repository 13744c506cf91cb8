package dev.jasyncio.debug;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/** Await cycles: the strongly connected components of the task graph (Tarjan's algorithm, without recursion). */
final class Cycles {
    private Cycles() {}

    /** Each cycle as the sorted ids of its tasks; a task that waits for itself is a cycle of one. */
    static List<List<Integer>> find(List<TaskInfo> tasks) {
        int n = tasks.size();
        int[] index = new int[n + 1];
        int[] low = new int[n + 1];
        boolean[] onStack = new boolean[n + 1];
        Arrays.fill(index, -1);
        Deque<Integer> component = new ArrayDeque<>();
        List<List<Integer>> cycles = new ArrayList<>();
        int next = 0;
        for (int root = 1; root <= n; root++) {
            if (index[root] != -1) {
                continue;
            }
            Deque<int[]> calls = new ArrayDeque<>();
            calls.push(new int[] {root, 0});
            index[root] = low[root] = next++;
            component.push(root);
            onStack[root] = true;
            while (!calls.isEmpty()) {
                int[] frame = calls.peek();
                int v = frame[0];
                List<Integer> out = tasks.get(v - 1).awaits();
                if (frame[1] < out.size()) {
                    int w = out.get(frame[1]++);
                    if (index[w] == -1) {
                        index[w] = low[w] = next++;
                        component.push(w);
                        onStack[w] = true;
                        calls.push(new int[] {w, 0});
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                    continue;
                }
                calls.pop();
                if (!calls.isEmpty()) {
                    int u = calls.peek()[0];
                    low[u] = Math.min(low[u], low[v]);
                }
                if (low[v] == index[v]) {
                    List<Integer> scc = new ArrayList<>();
                    int w;
                    do {
                        w = component.pop();
                        onStack[w] = false;
                        scc.add(w);
                    } while (w != v);
                    if (scc.size() > 1 || out.contains(v)) {
                        Collections.sort(scc);
                        cycles.add(scc);
                    }
                }
            }
        }
        cycles.sort((a, b) -> a.get(0) - b.get(0));
        return cycles;
    }
}
