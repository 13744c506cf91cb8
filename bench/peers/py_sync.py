"""Issue 4's workloads (primitives, queues, context variables) on Python's asyncio or uvloop, the
peers of the JMH benchmarks in dev.jasyncio.bench.sync and dev.jasyncio.bench.context.

    /usr/bin/python3 bench/peers/py_sync.py --loop asyncio|uvloop [--workload NAME ...]

Each workload runs once to warm up, then once measured, on a fresh loop each time; the measured
run prints ``<peer> <workload> <value> <unit>``, e.g. ``asyncio lock-uncontended 2100000 ops/s``.

- ``{lock,semaphore,queue}-uncontended``: one task, 1,000,000 times ``await acquire()`` +
  ``release()`` (Lock, Semaphore(1)), or ``await put(i)`` + ``await get()`` on an unbounded Queue.
- ``{lock,semaphore,queue}-contended-N`` (N = 2, 100): N tasks share the primitive for 100,000
  operations in all; a holder keeps it across ``await asyncio.sleep(0)``, so the others wait
  (Lock; Semaphore(N // 2)); for the queue, N producers and N consumers over one Queue(1). The
  lock's holders must take turns round robin (first come, first served), and the queue's
  consumers must get every item once; either failing stops the run.
- ``contextvar-{get,set,setreset}-K`` (K = 0, 1, 10, 100 other variables set in the context):
  1,000,000 ``var.get()``; ``var.set(x)`` alternating two values; ``var.reset(var.set(x))`` of an
  unset variable. Inside a task; the loop's own iteration is part of the figure, as it is of any
  Python code that calls them.
- ``create-task-V`` (V = 0, 10 context variables set in the creating task): 100,000
  ``create_task`` of a coroutine that reads one variable and returns, awaited in order.

Times are taken around ``run_until_complete`` (task creation included, as in JMH), except for the
context-variable workloads, timed around the calls only (their setup excluded, as in JMH).
"""

import argparse
import asyncio
import contextvars
import gc
import sys
import time

UNCONTENDED_OPS = 1_000_000
CONTENDED_OPS = 100_000
CONTEXT_OPS = 1_000_000
TASKS = 100_000
CONTENDERS = (2, 100)
OTHERS = (0, 1, 10, 100)
VARS = (0, 10)


def timed(loop, coro, ops):
    t0 = time.perf_counter()
    loop.run_until_complete(coro)
    return ops / (time.perf_counter() - t0)


def lock_uncontended(loop):
    async def main():
        lock = asyncio.Lock()
        acquire, release = lock.acquire, lock.release
        for _ in range(UNCONTENDED_OPS):
            await acquire()
            release()
    return timed(loop, main(), UNCONTENDED_OPS)


def semaphore_uncontended(loop):
    async def main():
        semaphore = asyncio.Semaphore(1)
        acquire, release = semaphore.acquire, semaphore.release
        for _ in range(UNCONTENDED_OPS):
            await acquire()
            release()
    return timed(loop, main(), UNCONTENDED_OPS)


def queue_uncontended(loop):
    async def main():
        queue = asyncio.Queue()
        put, get = queue.put, queue.get
        total = 0
        for i in range(UNCONTENDED_OPS):
            await put(i)
            total += await get()
        if total != UNCONTENDED_OPS * (UNCONTENDED_OPS - 1) // 2:
            raise AssertionError("the queue lost an item")
    return timed(loop, main(), UNCONTENDED_OPS)


async def run_workers(count, body):
    tasks = [asyncio.get_running_loop().create_task(body(w)) for w in range(count)]
    total = 0
    for t in tasks:
        total += await t
    return total


def held_contended(n, make, round_robin):
    """N tasks take turns holding what make() returns across a sleep(0); with round_robin, each
    turn is checked to go to the task whose turn it is in first-come first-served order."""
    def workload(loop):
        async def main():
            primitive = make()
            turns = [0]

            async def worker(w):
                for _ in range(CONTENDED_OPS // n):
                    await primitive.acquire()
                    try:
                        if round_robin:
                            if turns[0] % n != w:
                                raise AssertionError(f"task {w} got its turn out of order at turn {turns[0]}")
                            turns[0] += 1
                        await asyncio.sleep(0)
                    finally:
                        primitive.release()
                return CONTENDED_OPS // n
            await run_workers(n, worker)
        return timed(loop, main(), CONTENDED_OPS)
    return workload


def queue_contended(n):
    def workload(loop):
        async def main():
            queue = asyncio.Queue(1)
            per_task = CONTENDED_OPS // n

            async def worker(w):
                got = 0
                for i in range(per_task):
                    if w < n:
                        await queue.put(i)
                    else:
                        got += await queue.get()
                return got
            total = await run_workers(2 * n, worker)
            if total != n * per_task * (per_task - 1) // 2:
                raise AssertionError(f"the consumers got {total}: an item was lost or duplicated")
        return timed(loop, main(), CONTENDED_OPS)
    return workload


def contextvar(kind, others):
    def workload(loop):
        measured = contextvars.ContextVar("measured")
        scoped = contextvars.ContextVar("scoped")

        async def main():
            for i in range(others):
                contextvars.ContextVar(f"other-{i}").set(i)
            measured.set(1000)
            a, b = 1000, 1001
            get, set_, scoped_set, scoped_reset = measured.get, measured.set, scoped.set, scoped.reset
            t0 = time.perf_counter()
            if kind == "get":
                for _ in range(CONTEXT_OPS):
                    get()
            elif kind == "set":
                for _ in range(CONTEXT_OPS // 2):
                    set_(a)
                    set_(b)
            else:
                for _ in range(CONTEXT_OPS):
                    scoped_reset(scoped_set(a))
            return CONTEXT_OPS / (time.perf_counter() - t0)
        return loop.run_until_complete(main())
    return workload


READ = contextvars.ContextVar("read", default=0)


def create_task(count):
    def workload(loop):
        async def child():
            return READ.get()

        async def main():
            if count:
                READ.set(1)
                for i in range(count - 1):
                    contextvars.ContextVar(f"other-{i}").set(i)
            create = loop.create_task
            tasks = [create(child()) for _ in range(TASKS)]
            total = 0
            for t in tasks:
                total += await t
            if total != (TASKS if count else 0):
                raise AssertionError("a task did not see the creator's context")
        return timed(loop, main(), TASKS)
    return workload


WORKLOADS = {
    "lock-uncontended": (lock_uncontended, "ops/s"),
    "semaphore-uncontended": (semaphore_uncontended, "ops/s"),
    "queue-uncontended": (queue_uncontended, "ops/s"),
}
for _n in CONTENDERS:
    WORKLOADS[f"lock-contended-{_n}"] = (held_contended(_n, asyncio.Lock, True), "ops/s")
    WORKLOADS[f"semaphore-contended-{_n}"] = (held_contended(_n, lambda n=_n: asyncio.Semaphore(max(1, n // 2)), False),
                                              "ops/s")
    WORKLOADS[f"queue-contended-{_n}"] = (queue_contended(_n), "ops/s")
for _kind in ("get", "set", "setreset"):
    for _k in OTHERS:
        WORKLOADS[f"contextvar-{_kind}-{_k}"] = (contextvar(_kind, _k), "ops/s")
for _v in VARS:
    WORKLOADS[f"create-task-{_v}"] = (create_task(_v), "tasks/s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loop", choices=["asyncio", "uvloop"], required=True)
    parser.add_argument("--workload", action="append", choices=list(WORKLOADS),
                        help="run only these (repeatable); default all")
    args = parser.parse_args()

    if args.loop == "uvloop":
        try:
            import uvloop
        except ImportError:
            raise SystemExit(f"uvloop is not installed for {sys.executable}: apt-get install -y python3-uvloop")
        new_loop = uvloop.new_event_loop
    else:
        new_loop = asyncio.new_event_loop

    for name in args.workload or list(WORKLOADS):
        fn, unit = WORKLOADS[name]
        for measured in (False, True):
            loop = new_loop()
            try:
                gc.collect()
                value = fn(loop)
            finally:
                loop.close()
            if measured:
                print(f"{args.loop} {name} {value:.0f} {unit}", flush=True)


if __name__ == "__main__":
    main()
