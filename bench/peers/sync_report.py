"""Writes the "Issue 4" section of bench/RESULTS.md (primitives, queues, context variables) from one
`bench/peers/run.sh sync` run.

    /usr/bin/python3 bench/peers/sync_report.py --raw RAW --jmh JMH.json [--flat-jmh FLAT.json] \
        --machine MACHINE --results bench/RESULTS.md

RAW holds asyncio's and uvloop's lines ``peer workload value unit`` from py_sync.py; JMH.json the
result of the JMH benchmarks in dev.jasyncio.bench.sync and .context (FLAT.json, optional, a run of
ContextVarBenchmark with many short iterations, whose best ones show how the cost grows); MACHINE the ``key value``
lines of sync.sh. The section replaces the one already in RESULTS.md (from its heading to the next
``## `` heading), or is appended; the rest of the file is left as it is. It also goes to stdout.
"""

import argparse
import json

from report import Stat, busy_note, div, noisy, ops_converter, rate, ratio_text, read_machine, read_raw, table

HEADING = "## Issue 4: primitives, queues, context variables"
PRIMITIVES = ["lock", "semaphore", "queue"]
CONTENDERS = [2, 100]
OTHERS = [0, 1, 10, 100]
VARS = [0, 10]
ENGINES = ["continuation", "handoff"]


def workload_of(clazz, method, params):
    """The py_sync.py name of a JMH result, or None for a benchmark of another workload."""
    if clazz == "UncontendedBenchmark":
        return f"{method}-uncontended"
    if clazz == "ContendedBenchmark":
        return f"{method}-contended-{params['tasks']}"
    if clazz == "ContextVarBenchmark":
        return f"contextvar-{method.lower()}-{params['others']}"
    if clazz == "TaskCreateBenchmark":
        return f"create-task-{params['vars']}"
    return None


def read_jmh(path):
    """{(workload, engine): Stat} in ops/s per measured iteration; engine None where there is none."""
    with open(path) as f:
        results = json.load(f)
    out = {}
    for r in results:
        parts = r["benchmark"].split(".")
        params = r.get("params") or {}
        workload = workload_of(parts[-2], parts[-1], params)
        if workload is None:
            continue
        metric = r["primaryMetric"]
        to_ops = ops_converter(metric["scoreUnit"])
        iterations = [to_ops(x) for fork in metric.get("rawData", []) for x in fork] or [to_ops(metric["score"])]
        alloc = next((m.get("score") for name, m in (r.get("secondaryMetrics") or {}).items()
                      if name.endswith("gc.alloc.rate.norm")), None)
        out[(workload, params.get("engine"))] = Stat(iterations, alloc)
    return out


def peer_stat(raw, peer, workload):
    values = [v for (p, w, _), vs in raw.items() if p == peer and w == workload for v in vs]
    return Stat(values) if values else None


def cell(stat):
    return "—" if stat is None else rate(stat.median) + noisy(stat)


def median(stat):
    return None if stat is None else stat.median


def alloc(*stats):
    return " / ".join("—" if s is None or s.bytes_per_op is None else f"{s.bytes_per_op:.0f}" for s in stats)


def rows(jmh, raw, workloads, label, engines):
    out = []
    for w in workloads:
        ours = [jmh.get((w, e)) for e in engines]
        asyncio_, uvloop = peer_stat(raw, "asyncio", w), peer_stat(raw, "uvloop", w)
        out.append([label(w)] + [cell(s) for s in ours] + [cell(asyncio_), cell(uvloop),
                   ratio_text(div(median(ours[0]), median(asyncio_))), ratio_text(div(median(ours[0]), median(uvloop))),
                   alloc(*ours)])
    return out


def primitive_label(w):
    kind, _, rest = w.partition("-")
    if rest == "uncontended":
        return f"{kind}, uncontended"
    return f"{kind}, contended, {rest.rsplit('-', 1)[1]} tasks" + (" + as many consumers" if kind == "queue" else "")


def flat(jmh, first, last, engine=None):
    """last ÷ first: of the medians, and of the best iterations (the least disturbed by other load)."""
    a, b = jmh.get((first, engine)), jmh.get((last, engine))
    best = None if a is None or b is None else div(b.hi, a.hi)
    return f"{ratio_text(div(median(b), median(a)))} (best iterations {ratio_text(best)})"


def dirty(info):
    n = info.get("dirty", "0").strip()
    return "" if n in ("", "0") else f" with {n} tracked files changed and not committed"


def section(jmh, raw, info, loads, flat_jmh=None):
    md = [HEADING + "\n\n"]
    md.append(f"Measured {info.get('date', '?')} with `{info.get('command', 'bench/peers/run.sh sync')}` "
              f"({info.get('nproc', '?')} CPUs, {info.get('cpu', '?')}; {info.get('jdk', '?')}; "
              f"{info.get('python', '?')}, uvloop {info.get('uvloop', '?')}; commit {info.get('commit', '?')}"
              f"{dirty(info)}; "
              f"load average {', '.join(f'{p}: {a}' for p, a in loads)}).\n\n")
    busy = busy_note(info, loads).replace("read the min–max columns", "mind the *noisy* marks")
    md.append(busy + ("\n" if busy else ""))
    md.append("- Jasyncio: the JMH benchmarks `dev.jasyncio.bench.sync.UncontendedBenchmark`, `ContendedBenchmark` and "
              "`dev.jasyncio.bench.context.ContextVarBenchmark`, `TaskCreateBenchmark` (their Javadoc says exactly what "
              f"each does), one quick pass: `{info.get('jmh_command', '?')}`; the core loop; the median of the "
              "measured iterations. B/op: `-prof gc`'s `gc.alloc.rate.norm`, bytes allocated per operation "
              "(continuation / handoff engine).\n")
    md.append(f"- asyncio and uvloop: `bench/peers/py_sync.py`, the same workloads written as an asyncio user "
              f"writes them; {info.get('rounds', '?')} runs each, alternately; each run is a fresh process "
              "that does every workload once to warm up and once measured. Their contended workloads pass 100,000 "
              "operations per run, Jasyncio's 20,000 per invocation (the hand-off engine is slow); task creation "
              "100,000 tasks per run, 10,000 per invocation.\n")
    md.append("- Ratios divide medians: Jasyncio (continuation engine) ÷ peer, so above 1× Jasyncio is faster. "
              "*noisy*: the runs' range spans more than 1.5×.\n\n")

    primitives = [f"{p}-uncontended" for p in PRIMITIVES] + [f"{p}-contended-{n}" for p in PRIMITIVES for n in CONTENDERS]
    md.append("### Lock, Semaphore, Queue (operations/s)\n\n")
    md.append("Uncontended: one task, 1,000,000 × acquire + release (`Lock`, `Semaphore(1)`) or put + get "
              "(unbounded `Queue`): the fast path, which never suspends. Contended: N tasks, each holder keeps "
              "the primitive across `sleep(0)`, so the others wait and are woken first come, first served "
              "(`Lock`; `Semaphore(N / 2)`; N producers and N consumers over a `Queue(1)`); an operation is one "
              "turn, or one item through the queue. The lock's holders are checked to take turns round robin.\n\n")
    head = ["workload", "Jasyncio", "Jasyncio (handoff)", "asyncio", "uvloop", "Jasyncio ÷ asyncio",
            "Jasyncio ÷ uvloop", "B/op"]
    md.append(table(head, rows(jmh, raw, primitives, primitive_label, ENGINES)) + "\n")

    md.append("### ContextVar (operations/s)\n\n")
    md.append("`get` of a set variable; `set` of a set variable (two values in turn); `set` of an unset variable "
              "and `reset` with its token. K other variables are set in the same context. Jasyncio's are measured "
              "by JMH one call per invocation on the benchmark thread (the same thread-local slot a task uses), "
              "Python's in a loop of 1,000,000 calls inside a task, whose iteration is part of its figure.\n\n")
    contextvars = [f"contextvar-{k}-{n}" for k in ("get", "set", "setreset") for n in OTHERS]
    labels = {"get": "get", "set": "set", "setreset": "set + reset"}

    def cv_label(w):
        _, kind, n = w.split("-")
        return f"{labels[kind]}, {n} other variable{'' if n == '1' else 's'}"
    md.append(table(head[:2] + head[3:], rows(jmh, raw, contextvars, cv_label, [None])) + "\n")
    md.append("Jasyncio with 100 other variables ÷ with none (1× is flat): "
              + "; ".join(f"{labels[k]} {flat(jmh, f'contextvar-{k}-0', f'contextvar-{k}-100')}"
                          for k in ("get", "set", "setreset")) + ".\n\n")
    if flat_jmh:
        md.append(f"Flatness check, `{info.get('flat_command', '?')}`: the best of the short iterations, least "
                  "disturbed by other load, in ns per call for 0 / 1 / 10 / 100 other variables (B/op):\n\n")
        for k in ("get", "set", "setreset"):
            stats = [flat_jmh.get((f"contextvar-{k}-{n}", None)) for n in OTHERS]
            md.append(f"- {labels[k]}: " + " / ".join("—" if st is None else f"{1e9 / st.hi:.1f}" for st in stats)
                      + " ns (" + alloc(*stats) + ")\n")
        md.append("\n")

    md.append("### Task creation (tasks/s)\n\n")
    md.append("A task sets V context variables, creates tasks that read one of them and return, and awaits them in "
              "order; each new task copies the creator's context at creation.\n\n")
    tasks = [f"create-task-{v}" for v in VARS]
    md.append(table(head, rows(jmh, raw, tasks, lambda w: f"{w.rsplit('-', 1)[1]} variables set", ENGINES)) + "\n")
    md.append("Jasyncio with 10 variables ÷ with none (1× is flat): "
              + "; ".join(f"{e} engine {flat(jmh, 'create-task-0', 'create-task-10', e)}" for e in ENGINES) + ".\n")
    return "".join(md)


def splice(path, text):
    with open(path) as f:
        lines = f.read().splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.rstrip("\n") == HEADING), None)
    if start is None:
        before, after = lines, []
        if before and before[-1].strip():
            before.append("\n")
    else:
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
        before, after = lines[:start], lines[end:]
        if after:
            text += "\n"
    with open(path, "w") as f:
        f.write("".join(before) + text + "".join(after))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--raw", required=True)
    ap.add_argument("--jmh", required=True)
    ap.add_argument("--flat-jmh", help="a JMH result of ContextVarBenchmark with many short iterations")
    ap.add_argument("--machine", required=True)
    ap.add_argument("--results", help="the RESULTS.md to write the section into (else stdout only)")
    args = ap.parse_args()
    info, loads = read_machine(args.machine)
    flat_jmh = read_jmh(args.flat_jmh) if args.flat_jmh else None
    text = section(read_jmh(args.jmh), read_raw(args.raw), info, loads, flat_jmh)
    print(text)
    if args.results:
        splice(args.results, text)


if __name__ == "__main__":
    main()
