"""Writes bench/RESULTS.md and bench/ratios.svg from one peer-harness run (bench/peers/run.sh).

    /usr/bin/python3 bench/peers/report.py --raw RAW --jmh JMH.json --machine MACHINE \
        --out bench/RESULTS.md --svg bench/ratios.svg

RAW holds the non-JVM peers' lines ``peer workload value unit`` (one per measured run); JMH.json is
the JMH suite's result (-rf json), whose measured iterations give the JVM figures (ops/s = 1e9 /
ns-per-op); MACHINE holds ``key value`` lines that run.sh wrote. Every figure is a median with its
min-max; every ratio divides medians. The standard library only: no plotting package.
"""

import argparse
import json
import math
import statistics
from collections import defaultdict
from xml.sax.saxutils import escape

# ---- names

NAMES = {
    "jasyncio-core": "Jasyncio core", "jasyncio-nio": "Jasyncio nio", "jasyncio-epoll": "Jasyncio epoll",
    "jasyncio-continuation": "Jasyncio (continuation engine)", "jasyncio-handoff": "Jasyncio (handoff engine)",
    "netty-nio": "Netty NIO", "netty-epoll": "Netty epoll",
    "vt": "virtual threads", "vt-1": "virtual threads, 1 carrier",
    "asyncio": "asyncio", "uvloop": "uvloop", "node": "Node.js",
    "jasyncio-protocol-nio": "Jasyncio protocol, nio", "jasyncio-protocol-epoll": "Jasyncio protocol, epoll",
    "jasyncio-buffered-nio": "Jasyncio buffered protocol, nio", "jasyncio-buffered-epoll": "Jasyncio buffered protocol, epoll",
    "jasyncio-streams-nio": "Jasyncio streams, nio", "jasyncio-streams-epoll": "Jasyncio streams, epoll",
    "asyncio-protocol": "asyncio protocol", "asyncio-buffered": "asyncio buffered protocol", "asyncio-streams": "asyncio streams",
    "uvloop-protocol": "uvloop protocol", "uvloop-buffered": "uvloop buffered protocol", "uvloop-streams": "uvloop streams",
    "node-net": "Node.js net",
    "floor": "bare JDK continuations (the floor, not a peer)",
}

SHORT = dict(NAMES, **{
    "jasyncio-continuation": "Jasyncio", "jasyncio-handoff": "Jasyncio (handoff)",
    "vt": "virtual threads", "vt-1": "virtual threads (1 carrier)", "floor": "bare continuations",
    "jasyncio-protocol-nio": "protocol nio", "jasyncio-protocol-epoll": "protocol epoll",
    "jasyncio-buffered-nio": "buffered nio", "jasyncio-buffered-epoll": "buffered epoll",
    "jasyncio-streams-nio": "streams nio", "jasyncio-streams-epoll": "streams epoll",
})

JMH_CLASSES = {
    "CallSoonChainBenchmark": "W1", "CallSoonBatchBenchmark": "W2", "FutureRoundTripBenchmark": "W3",
    "TaskSpawnBenchmark": "W4", "PingPongBenchmark": "W5", "TimersBenchmark": "W6",
}

# The same shapes as W4 and W5 on bare continuations and an ArrayDeque (no loop, no futures): the
# floor under Jasyncio's figures, shown beside them but never a peer or a goal's reference.
JMH_FLOOR = {"taskSpawn": "W4", "pingPong": "W5"}

WORKLOADS = {
    "W1": ("call-soon chain, 1,000,000 callbacks", "callbacks/s"),
    "W2": ("call-soon batch, 1,000,000 callbacks", "callbacks/s"),
    "W3": ("future round trip, 1,000,000 times", "round trips/s"),
    "W4": ("task spawn, 100,000 tasks with one yield, gathered", "tasks/s"),
    "W5": ("ping-pong over two capacity-1 queues, 500,000 round trips", "round trips/s"),
    "W6": ("timers, 1,000,000 with delays 0-10 ms, every other one cancelled", "timers/s"),
}

EXPRESSIONS = {
    "W1": "Jasyncio `callSoon`; Netty `execute()` from inside the loop; asyncio/uvloop `loop.call_soon`; Node `setImmediate`.",
    "W2": "The same primitives as W1, 1,000,000 calls from one callback.",
    "W3": "Jasyncio `createFuture` + `addDoneCallback` + `setResult` (callback scheduled); Netty `DefaultPromise` + "
          "`addListener` + `setSuccess` (listener called inline); asyncio/uvloop `create_future` + "
          "`add_done_callback` + `set_result`; Node `new Promise` + `then` + resolve (a microtask).",
    "W4": "Jasyncio `createTask` + `sleep(0)` + `gather` on the core loop; one JDK virtual thread per task with "
          "`Thread.yield()`; asyncio/uvloop `create_task` + `asyncio.sleep(0)` + `gather`; Node async functions "
          "awaiting a `setImmediate` promise + `Promise.all`.",
    "W5": "Jasyncio `Queue(1)` × 2 on the core loop; virtual threads over `ArrayBlockingQueue(1)` × 2; "
          "asyncio/uvloop `asyncio.Queue(1)` × 2; Node two capacity-1 channels over promises.",
    "W6": "Jasyncio `callAt` + `TimerHandle.cancel`; Netty `schedule()` + `cancel(false)`; asyncio/uvloop "
          "`call_later` + `cancel`; Node `setTimeout` + `clearTimeout` (whole milliseconds). The same 1,000,000 "
          "delays for every peer (SplittableRandom, seed 20261125).",
}

W7_JASYNCIO = ["jasyncio-protocol-nio", "jasyncio-protocol-epoll", "jasyncio-buffered-nio", "jasyncio-buffered-epoll",
               "jasyncio-streams-nio", "jasyncio-streams-epoll"]
W7_ORDER = W7_JASYNCIO + ["netty-nio", "netty-epoll", "uvloop-protocol", "uvloop-buffered", "uvloop-streams",
                          "asyncio-protocol", "asyncio-buffered", "asyncio-streams", "node-net"]


class Stat:
    """Median and range of a peer's runs (or JMH iterations)."""

    def __init__(self, values, bytes_per_op=None):
        self.values = sorted(values)
        self.median = statistics.median(self.values)
        self.lo, self.hi = self.values[0], self.values[-1]
        self.n = len(self.values)
        self.bytes_per_op = bytes_per_op


# ---- input

def read_raw(path):
    """{(peer, workload, unit): [values]} from the harness's lines."""
    out = defaultdict(list)
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) != 4:
                continue
            peer, workload, value, unit = parts
            try:
                out[(peer, workload, unit)].append(float(value))
            except ValueError:
                pass
    return out


def read_jmh(path):
    """{workload: {peer: Stat}} from JMH's JSON, in ops/s per measured iteration."""
    with open(path) as f:
        results = json.load(f)
    out = defaultdict(dict)
    for r in results:
        parts = r["benchmark"].split(".")
        clazz, method = parts[-2], parts[-1]
        workload = JMH_FLOOR.get(method) if clazz == "ContinuationFloorBenchmark" else JMH_CLASSES.get(clazz)
        if workload is None:
            continue
        params = r.get("params") or {}
        if clazz == "ContinuationFloorBenchmark":
            peer = "floor"
        elif method == "jasyncio":
            if workload in ("W4", "W5"):
                if params.get("loop", "core") != "core":
                    continue
                peer = "jasyncio-" + params.get("engine", "continuation")
            else:
                peer = "jasyncio-" + params["loop"]
        elif method == "netty":
            peer = "netty-" + params["transport"]
        elif method == "virtualThreads":
            peer = "vt"
        elif method == "virtualThreadsOneCarrier":
            peer = "vt-1"
        else:
            continue
        metric = r["primaryMetric"]
        to_ops = ops_converter(metric["scoreUnit"])
        iterations = [to_ops(x) for fork in metric.get("rawData", []) for x in fork]
        if not iterations:
            iterations = [to_ops(metric["score"])]
        alloc = None
        for name, m in (r.get("secondaryMetrics") or {}).items():
            if name.endswith("gc.alloc.rate.norm"):
                alloc = m.get("score")
        out[workload][peer] = Stat(iterations, alloc)
    return out


def ops_converter(unit):
    scale = {"ns/op": 1e9, "us/op": 1e6, "ms/op": 1e3, "s/op": 1.0}
    if unit in scale:
        return lambda x: scale[unit] / x
    per = {"ops/ns": 1e9, "ops/us": 1e6, "ops/ms": 1e3, "ops/s": 1.0}
    if unit in per:
        return lambda x: x * per[unit]
    raise SystemExit(f"unknown JMH score unit {unit}")


def read_machine(path):
    info, loads = {}, []
    with open(path) as f:
        for line in f:
            key, _, value = line.rstrip("\n").partition(" ")
            if key == "load":
                phase, _, avg = value.partition(" ")
                loads.append((phase, avg))
            else:
                info[key] = value
    return info, loads


# ---- formatting

def rate(v):
    if v is None:
        return "—"
    for div, suffix in ((1e6, " M/s"), (1e3, " k/s")):
        if v >= div:
            return f"{sig(v / div)}{suffix}"
    return f"{sig(v)}/s"


def sig(x):
    """Three significant digits, no exponent."""
    if x >= 100:
        return f"{x:.0f}"
    if x >= 10:
        return f"{x:.1f}"
    if x >= 0.01:
        return f"{x:.2f}"
    return f"{x:.2g}"


def noisy(stat):
    return " *noisy*" if stat.lo > 0 and stat.hi / stat.lo > 1.5 else ""


def ratio_text(r):
    return "—" if r is None else f"{sig(r)}×"


def verdict(ok):
    return "**met**" if ok else "**missed**"


def div(a, b):
    if a is None or b is None or b == 0:
        return None
    return a / b


def med(stat):
    return None if stat is None else stat.median


# ---- W1-W6

def cpu_tables(raw, jmh, md, chart, summary):
    for w, (title, unit) in WORKLOADS.items():
        stats = dict(jmh.get(w, {}))
        for peer in ("asyncio", "uvloop", "node"):
            values = [v for (p, wl, _), vs in raw.items() if p == peer and wl == w for v in vs]
            if values:
                stats[peer] = Stat(values)
        task = w in ("W4", "W5")
        ours = ["jasyncio-continuation", "jasyncio-handoff"] if task else ["jasyncio-core", "jasyncio-nio", "jasyncio-epoll"]
        peers = (["vt", "vt-1"] if task else ["netty-nio", "netty-epoll"]) + ["node", "uvloop", "asyncio"]
        md.append(f"### {w} {title} ({unit})\n")
        md.append(EXPRESSIONS[w] + "\n")
        head = ["peer", unit + " (median)", "min–max", "runs", "B/op"] + [f"{NAMES[o]} ÷ peer" for o in ours if o in stats]
        rows = []
        floor = ["floor"] if task and "floor" in stats else []
        for p in ours + peers + floor:
            s = stats.get(p)
            if s is None:
                rows.append([NAMES[p], "no figure", "", "", ""] + ["" for o in ours if o in stats])
                continue
            b = "" if s.bytes_per_op is None else f"{s.bytes_per_op:.1f}"
            cells = [NAMES[p], rate(s.median), f"{rate(s.lo)} – {rate(s.hi)}{noisy(s)}", str(s.n), b]
            for o in ours:
                if o in stats:
                    cells.append("" if p in ours else ratio_text(div(med(stats[o]), s.median)))
            rows.append(cells)
        md.append(table(head, rows))

        goal_lines, verdicts = cpu_goals(w, stats, ours)
        goal_lines += floor_lines(w, stats)
        md.append("\n".join(goal_lines) + "\n")
        summary.append((w, verdicts))

        # chart: the headline Jasyncio variant against each peer (matched transport for Netty)
        main = "jasyncio-continuation" if task else "jasyncio-epoll"
        goal_ref = cpu_goal_value(w)
        for p in peers:
            mine = main
            if p == "netty-nio":
                mine = "jasyncio-nio"
            r = div(med(stats.get(mine)), med(stats.get(p)))
            g = goal_ref if (p in ("netty-nio", "netty-epoll", "vt", "vt-1") or (w == "W5" and p == "node")) else None
            chart.append((f"{w} {WORKLOADS[w][0]}", f"{SHORT[mine]} ÷ {SHORT[p]}", r, g))


def cpu_goal_value(w):
    return 1.5 if w in ("W4", "W5") else 1.0


def cpu_goals(w, stats, ours):
    """The goal text of WORKLOADS.md for w, and each Jasyncio variant's standing against it."""
    if w in ("W4", "W5"):
        ref_peers = ["vt", "vt-1"] if w == "W4" else ["vt", "vt-1", "node"]
        what = ("at least 1.5× JDK virtual threads (the better of default parallelism and 1 carrier)" if w == "W4"
                else "at least 1.5× the best of Node and virtual threads")
        goal = 1.5
    else:
        ref_peers = [p for p in stats if not p.startswith("jasyncio-")]
        what = "at least 1.0× Netty's own loop, the fastest peer (best of all peers here), with asyncio's semantics kept"
        goal = 1.0
    present = [p for p in ref_peers if p in stats]
    if not present:
        return [f"Goal (WORKLOADS.md): {what}. **No peer figure: not judged.**"], "no peer figure"
    best = max(present, key=lambda p: stats[p].median)
    lines = [f"Goal (WORKLOADS.md): {what}. Reference: {NAMES[best]}, {rate(stats[best].median)}."]
    verdicts = []
    for o in ours:
        r = div(med(stats.get(o)), stats[best].median)
        if r is None:
            lines.append(f"- {NAMES[o]}: no figure, not judged")
            verdicts.append(f"{SHORT[o]}: no figure")
            continue
        ok = r >= goal
        lines.append(f"- {NAMES[o]}: {ratio_text(r)} — {verdict(ok)}")
        verdicts.append(f"{SHORT[o]} {ratio_text(r)} {'met' if ok else 'missed'}")
    alloc = alloc_goal(w, stats, ours)
    if alloc:
        lines.append(alloc)
    goal_text = (f"≥ {sig(goal)}× {NAMES[best]}")
    return lines, f"{goal_text}: " + "; ".join(verdicts)


def floor_lines(w, stats):
    """How the goal's figure compares with what bare continuations do: above the floor, no loop can reach it."""
    floor = stats.get("floor")
    if floor is None or w not in ("W4", "W5"):
        return []
    refs = [p for p in (["vt", "vt-1"] if w == "W4" else ["vt", "vt-1", "node"]) if p in stats]
    if not refs:
        return []
    needed = 1.5 * max(stats[p].median for p in refs)
    mine = med(stats.get("jasyncio-continuation"))
    share = f"; Jasyncio runs at {ratio_text(div(mine, floor.median))} of it" if mine else ""
    reach = ("above the floor: no loop on these continuations can reach it" if needed > floor.median
             else f"within reach: the floor is {ratio_text(div(floor.median, needed))} of it")
    return [f"- Floor (`ContinuationFloorBenchmark`, the same shape on bare continuations): {rate(floor.median)}{share}. "
            f"The goal needs {rate(needed)}, {reach}."]


def alloc_goal(w, stats, ours):
    """WORKLOADS.md: at most one object per callSoon, a handful per future round trip (-prof gc)."""
    if w not in ("W1", "W2", "W3"):
        return None
    limit, what = (32, "one object (≤ 32 B) per callSoon") if w != "W3" else (160, "a handful of objects (≤ 160 B) per round trip")
    parts = []
    for o in ours:
        s = stats.get(o)
        if s is not None and s.bytes_per_op is not None:
            parts.append(f"{NAMES[o]} {s.bytes_per_op:.1f} B/op {'met' if s.bytes_per_op <= limit else 'missed'}")
    if not parts:
        return None
    return f"- Allocation goal, {what}, read as bytes from `-prof gc` (all threads): " + "; ".join(parts)


# ---- W7

def w7_tables(raw, md, chart, w7_checks):
    sizes = sorted({wl for (_, wl, _) in raw if wl.startswith("W7/")}, key=lambda s: int(s[3:-3]))
    for size in sizes:
        def stat(peer, unit):
            vs = raw.get((peer, size, unit))
            return Stat(vs) if vs else None

        md.append(f"### W7 TCP echo, {size[3:].replace('KiB', ' KiB')} messages\n")
        head = ["server", "requests/s (median)", "min–max", "runs", "MiB/s", "p50 µs", "p99 µs"]
        rows = []
        for p in W7_ORDER:
            rps = stat(p, "req/s")
            if rps is None:
                rows.append([NAMES[p], "no figure", "", "", "", "", ""])
                continue
            mib, p50, p99 = stat(p, "MiB/s"), stat(p, "p50-us"), stat(p, "p99-us")
            rows.append([NAMES[p], f"{rps.median:,.0f}", f"{rps.lo:,.0f} – {rps.hi:,.0f}{noisy(rps)}", str(rps.n),
                         f"{med(mib):.0f}" if mib else "—", f"{med(p50):.0f}" if p50 else "—",
                         f"{med(p99):.0f}" if p99 else "—"])
        md.append(table(head, rows))

        head = ["Jasyncio server", "÷ Netty, same transport (goal)", "÷ uvloop, same API (goal ≥ 3×)",
                "÷ asyncio, same API", "÷ Node.js", "p99 ÷ Netty's p99 (goal ≤ 1.2×)"]
        rows = []
        for j in W7_JASYNCIO:
            api, transport = j.split("-")[1], j.split("-")[2]
            mine = med(stat(j, "req/s"))
            netty = f"netty-{transport}"
            goal_netty = 0.8 if api == "streams" else 0.9
            r_netty = div(mine, med(stat(netty, "req/s")))
            r_uv = div(mine, med(stat(f"uvloop-{api}", "req/s")))
            r_py = div(mine, med(stat(f"asyncio-{api}", "req/s")))
            r_node = div(mine, med(stat("node-net", "req/s")))
            r_p99 = div(med(stat(j, "p99-us")), med(stat(netty, "p99-us")))
            cells = [NAMES[j], goal_cell(r_netty, goal_netty, w7_checks, size, f"{NAMES[j]} ÷ Netty {transport}"),
                     goal_cell(r_uv, 3.0, w7_checks, size, f"{NAMES[j]} ÷ uvloop {api}"), ratio_text(r_py), ratio_text(r_node),
                     goal_cell(r_p99, 1.2, w7_checks, size, f"{NAMES[j]} p99 ÷ Netty {transport} p99", at_most=True)]
            rows.append(cells)
            group = f"W7 {size[3:].replace('KiB', ' KiB')} (Jasyncio server ÷ peer)"
            chart.append((group, f"{SHORT[j]} ÷ {NAMES[netty]}", r_netty, goal_netty))
            chart.append((group, f"{SHORT[j]} ÷ uvloop {api}", r_uv, 3.0))
        md.append("Ratios of requests/s (medians), and of p99 latency:\n")
        md.append(table(head, rows))


def goal_cell(r, goal, checks, size, label, at_most=False):
    if r is None:
        checks.append((size, label, None, goal, at_most))
        return "—"
    ok = r <= goal if at_most else r >= goal
    checks.append((size, label, r, goal, at_most))
    sign = "≤" if at_most else "≥"
    return f"{ratio_text(r)} ({sign} {sig(goal)}×: {'met' if ok else 'missed'})"


# ---- markdown

def table(head, rows):
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    for r in rows:
        lines.append("| " + " | ".join(r) + " |")
    return "\n".join(lines) + "\n"


# ---- SVG

def svg_chart(chart, info):
    """Horizontal bars of Jasyncio ÷ peer on a log axis, diverging from 1×, grouped by workload;
    a black tick marks the goal; green met, red missed, blue no goal."""
    rows = [(g, label, r, goal) for (g, label, r, goal) in chart if r is not None]
    if not rows:
        return "<svg xmlns='http://www.w3.org/2000/svg' width='400' height='40'><text x='10' y='25'>no figures</text></svg>"
    lo = math.floor(math.log10(min(0.5, min(r for _, _, r, _ in rows))))
    hi = math.ceil(math.log10(max(2.0, max(r for _, _, r, _ in rows))))
    left, right, width = 300, 70, 960
    plot = width - left - right
    row_h, head_h, top = 17, 22, 58

    def x(v):
        v = min(max(v, 10 ** lo), 10 ** hi)
        return left + (math.log10(v) - lo) / (hi - lo) * plot

    groups = []
    for g, label, r, goal in rows:
        if not groups or groups[-1][0] != g:
            groups.append((g, []))
        groups[-1][1].append((label, r, goal))
    height = top + sum(head_h + row_h * len(items) for _, items in groups) + 50
    out = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' "
           f"font-family='DejaVu Sans, Arial, sans-serif' font-size='11'>",
           f"<rect width='{width}' height='{height}' fill='white'/>",
           f"<text x='10' y='20' font-size='15' font-weight='bold'>Jasyncio ÷ peer (higher is better), "
           f"{escape(info.get('date', ''))}</text>",
           f"<text x='10' y='38' fill='#444'>{escape(info.get('command', ''))}: medians; log scale; "
           f"tick = goal of WORKLOADS.md; green met, red missed, blue no goal. {escape(info.get('cpu', ''))}, "
           f"{escape(info.get('nproc', ''))} CPUs</text>"]
    bottom = height - 40
    for e in range(lo, hi + 1):
        for m in ((1,) if e == hi else (1, 2, 5)):
            v = m * 10 ** e
            xv = x(v)
            major = m == 1
            out.append(f"<line x1='{xv:.1f}' y1='{top - 4}' x2='{xv:.1f}' y2='{bottom}' stroke='{'#999' if major else '#e3e3e3'}' "
                       f"stroke-width='{1.2 if v == 1 else 0.6}'/>")
            if major or m == 5 and hi - lo <= 3:
                out.append(f"<text x='{xv:.1f}' y='{bottom + 14}' text-anchor='middle' fill='#333'>{fmt_axis(v)}</text>")
    y = top
    for g, items in groups:
        out.append(f"<text x='10' y='{y + 15}' font-weight='bold'>{escape(g)}</text>")
        out.append(f"<line x1='10' y1='{y + 2}' x2='{width - 10}' y2='{y + 2}' stroke='#ccc'/>")
        y += head_h
        for label, r, goal in items:
            color = "#4a78a8" if goal is None else ("#2e7d32" if r >= goal else "#c62828")
            x0, x1 = x(1), x(r)
            out.append(f"<text x='{left - 8}' y='{y + 12}' text-anchor='end'>{escape(label)}</text>")
            out.append(f"<rect x='{min(x0, x1):.1f}' y='{y + 3}' width='{max(abs(x1 - x0), 1):.1f}' height='{row_h - 5}' "
                       f"fill='{color}'/>")
            tx = max(x0, x1) + 4
            if goal is not None:
                gx = x(goal)
                if tx - 6 <= gx <= tx + 40:
                    tx = gx + 5
            out.append(f"<text x='{tx:.1f}' y='{y + 12}'>{ratio_text(r)}</text>")
            if goal is not None:
                out.append(f"<line x1='{gx:.1f}' y1='{y + 1}' x2='{gx:.1f}' y2='{y + row_h - 1}' stroke='black' stroke-width='2'/>")
            y += row_h
    out.append("</svg>")
    return "\n".join(out) + "\n"


def fmt_axis(v):
    return f"{v:g}×"


def busy_note(info, loads):
    """Says so when the machine was not quiet: a 1-minute load average near the CPU count."""
    try:
        cpus = int(info.get("nproc", "0"))
        peak_phase, peak = max(((phase, float(avg.split()[0])) for phase, avg in loads), key=lambda t: t[1])
    except (ValueError, IndexError):
        return ""
    if cpus and peak >= 0.75 * cpus:
        return (f"**The machine was not quiet:** the 1-minute load average reached {peak:.2f} on {cpus} CPUs "
                f"({peak_phase}): other processes (builds, benchmarks) were running beside this one. Ratios measured "
                "side by side still compare, but ranges are wider than on a quiet machine; read the min–max columns.\n")
    return ""


# ---- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--raw", required=True)
    ap.add_argument("--jmh", required=True)
    ap.add_argument("--machine", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--svg", required=True)
    args = ap.parse_args()

    raw = read_raw(args.raw)
    jmh = read_jmh(args.jmh)
    info, loads = read_machine(args.machine)

    md_cpu, md_w7, chart, summary, w7_checks = [], [], [], [], []
    cpu_tables(raw, jmh, md_cpu, chart, summary)
    w7_tables(raw, md_w7, chart, w7_checks)

    md = ["# Jasyncio against its peers\n",
          f"Measured {info.get('date', '?')} with `{info.get('command', 'bench/peers/run.sh')}` "
          f"(the harness in `bench/peers/`, see its README); workloads, peers and goals: `shared/bench/WORKLOADS.md`. "
          "Every figure is a ratio or a median measured in this one run on this machine; absolute "
          "figures drift from run to run on these shared 2-core machines.\n",
          "![Jasyncio ÷ peer](ratios.svg)\n",
          "## Machine\n",
          table(["", ""], [
              ["CPUs (nproc)", info.get("nproc", "?")], ["CPU", info.get("cpu", "?")], ["kernel", info.get("kernel", "?")],
              ["JDK", info.get("jdk", "?")], ["Netty", info.get("netty", "?")], ["Python", info.get("python", "?")],
              ["uvloop", info.get("uvloop", "?")], ["Node.js", info.get("node", "?")], ["load client", info.get("gcc", "?") + ", -O2"],
              ["source", f"commit {info.get('commit', '?')}" + (f", with {info['dirty']} tracked files modified in the work tree"
                                                             if info.get("dirty", "0") not in ("0", "") else "")],
              ["load average (1, 5, 15 min)", "; ".join(f"{phase}: {avg}" for phase, avg in loads)],
          ]),
          busy_note(info, loads),
          "## How it was measured\n",
          f"- JVM figures (Jasyncio, Netty, virtual threads) for W1–W6: the JMH suite (`bench/run.sh {info.get('profile', 'quick')}`), "
          f"result `{info.get('jmh', '?').split('/bench/')[-1]}`; median and min–max of its measured iterations, "
          "ops/s = 1e9 / (ns per op); B/op from `-prof gc`.",
          f"- asyncio, uvloop and Node.js for W1–W6: runs: {info.get('rounds', '?')} each, alternating per workload "
          "(asyncio, uvloop, Node; uvloop, Node, asyncio; …); each run is a fresh process that does the workload "
          "once to warm up and once measured.",
          f"- W7: the C load client (`bench/peers/loadclient.c`, epoll, one thread), 10 connections, each sending a message "
          f"and waiting for its whole echo before the next; per server start: 1 s of 10 KiB messages unrecorded, then per size "
          f"{info.get('w7', '? ?').split()[0]} s warm-up + {info.get('w7', '? ?').split()[1]} s measured. "
          f"Rounds: {info.get('rounds', '?')}, each starting every server in turn, each from a different place in the list. "
          "Client and server share the CPUs (no pinning). p50/p99: medians over the rounds of each round's percentile.",
          "- A range marked *noisy* spans more than 1.5× (max ÷ min): the machine's other load changed during the runs.",
          "- Ratios divide medians: Jasyncio ÷ peer, so above 1× Jasyncio is faster.\n",
          "## Goals of WORKLOADS.md at a glance\n"]
    rows = []
    for w, verdicts in summary:
        rows.append([w, WORKLOADS[w][0], verdicts])
    by_size = defaultdict(list)
    for size, label, r, goal, at_most in w7_checks:
        by_size[size].append(r is not None and (r <= goal if at_most else r >= goal))
    for size, oks in sorted(by_size.items(), key=lambda kv: int(kv[0][3:-3])):
        rows.append(["W7", f"TCP echo, {size[3:].replace('KiB', ' KiB')} messages",
                     f"{sum(oks)} of {len(oks)} checks met (Netty ratio, uvloop ratio, p99; per server below)"])
    md.append(table(["workload", "", "goal of WORKLOADS.md: Jasyncio ÷ reference, met or missed"], rows))
    md.append("## W1–W6: loop, futures, tasks, timers\n")
    md.extend(md_cpu)
    md.append("## W7: TCP echo on 127.0.0.1\n")
    md.append("Servers: Jasyncio's `Net.createServer` with an echo `Protocol` or an echo `BufferedProtocol` (one "
              "64 KiB buffer of its own per connection, no allocation per read) and `Net.startServer` with a "
              "read(64 KiB)/write/drain loop (`dev.jasyncio.bench.peers.EchoServer`, `-Djasyncio.loop=nio|epoll`); Netty's "
              "echo handler (write per read, flush per read batch) on `MultiThreadIoEventLoopGroup(1)`; asyncio and "
              "uvloop `loop.create_server` with the same two protocols and `asyncio.start_server` with the same loop; "
              "Node's `net` (noDelay on). Goals: protocol API (either protocol) ≥ 0.9× raw Netty on the same "
              "transport, streams ≥ 0.8×, all ≥ 3× uvloop (same API), p99 latency ≤ 1.2× Netty's.\n")
    md.extend(md_w7)
    md.append("## Reading W7\n")
    md.append("- The load client is one C thread on the same 2 CPUs as the server, and every request is a small "
              "round trip through the kernel's loopback: the client and the kernel take a large, fixed share of "
              "each request. That compresses every server's figure toward the same ceiling, so a server that is "
              "3× cheaper per request does not show as 3× more requests per second here.")
    md.append("- Jasyncio's `Protocol` and streams hand the application a `byte[]` it owns, as asyncio hands out "
              "`bytes`: each read is copied out of Netty's direct buffer into a new array, and each write into a new "
              "direct buffer. Raw Netty writes back the very buffer it read. Those two copies and allocations per "
              "message grow with its size (`BufferedProtocol` spares the array allocated per read).")
    md.append("- On two vCPUs shared with other processes, every server alike falls for seconds at a time into a "
              "slow regime (1 KiB p50 near 140–160 µs) or a fast one (near 50–70 µs) as the outside load comes and "
              "goes. A *noisy* range usually means some runs fell in each; compare medians of several rounds only.\n")
    kept = kept_sections(args.out)
    with open(args.out, "w") as f:
        f.write("\n".join(md))
        if kept:
            f.write("\n" + kept)
    with open(args.svg, "w") as f:
        f.write(svg_chart(chart, info))


# Sections other runs own (run.sh sync writes "Issue 4"): kept as they are when this report is rewritten.
KEPT_HEADINGS = ("## Issue 4:",)


def kept_sections(path):
    """The kept sections of the RESULTS.md about to be replaced, each from its heading to the next one."""
    try:
        with open(path) as f:
            lines = f.read().splitlines(keepends=True)
    except FileNotFoundError:
        return ""
    kept, keeping = [], False
    for line in lines:
        if line.startswith("## "):
            keeping = line.startswith(KEPT_HEADINGS)
        if keeping:
            kept.append(line)
    return "".join(kept)


if __name__ == "__main__":
    main()
