"""W1-W6 of shared/bench/WORKLOADS.md on Python's asyncio or uvloop, as an asyncio user writes them.

    /usr/bin/python3 bench/peers/py_workloads.py --loop asyncio|uvloop [--workload W1 ...]
                                                 [--delays FILE]

Each workload runs once to warm up, then once measured; the measured run prints one line
``<peer> <workload> <value> <unit>``, e.g. ``asyncio W1 850000 callbacks/s``. The loop is a fresh
one per run (``asyncio.new_event_loop()`` or ``uvloop.new_event_loop()``).

W6 reads its delays from FILE (1,000,000 little-endian int32 nanoseconds, written by
``dev.jasyncio.bench.peers.TimerDelays`` so that every peer schedules the same delays as the JMH
benchmark); without one it draws its own with a fixed seed.
"""

import argparse
import array
import asyncio
import gc
import random
import sys
import time

CALLBACKS = 1_000_000   # W1, W2
ROUND_TRIPS = 1_000_000  # W3
TASKS = 100_000          # W4
PINGS = 500_000          # W5
TIMERS = 1_000_000       # W6
MAX_DELAY_NS = 10_000_000
SEED = 20261125
RESULT = "result"


def w1_call_soon_chain(loop):
    """A callback that schedules the next with loop.call_soon, 1,000,000 times."""
    done = loop.create_future()
    left = [CALLBACKS]
    call_soon = loop.call_soon

    def step():
        left[0] -= 1
        if left[0]:
            call_soon(step)
        else:
            done.set_result(None)

    t0 = time.perf_counter()
    call_soon(step)
    loop.run_until_complete(done)
    return CALLBACKS / (time.perf_counter() - t0), "callbacks/s"


def w2_call_soon_batch(loop):
    """One callback calls loop.call_soon 1,000,000 times; then they all run."""
    done = loop.create_future()
    left = [CALLBACKS]
    call_soon = loop.call_soon

    def count():
        left[0] -= 1
        if not left[0]:
            done.set_result(None)

    def schedule_all():
        for _ in range(CALLBACKS):
            call_soon(count)

    t0 = time.perf_counter()
    call_soon(schedule_all)
    loop.run_until_complete(done)
    return CALLBACKS / (time.perf_counter() - t0), "callbacks/s"


def w3_future_round_trip(loop):
    """create_future + add_done_callback + set_result; the done callback (scheduled, as asyncio
    requires) starts the next round trip."""
    done = loop.create_future()
    left = [ROUND_TRIPS]
    create_future = loop.create_future

    def start():
        f = create_future()
        f.add_done_callback(on_done)
        f.set_result(RESULT)

    def on_done(f):
        if f.result() is not RESULT:
            raise AssertionError(f.result())
        left[0] -= 1
        if left[0]:
            start()
        else:
            done.set_result(None)

    t0 = time.perf_counter()
    loop.call_soon(start)
    loop.run_until_complete(done)
    return ROUND_TRIPS / (time.perf_counter() - t0), "ops/s"


async def _child(i):
    await asyncio.sleep(0)
    return i


def w4_task_spawn(loop):
    """100,000 tasks (create_task) that each sleep(0) once and return a value, gathered."""
    async def main():
        tasks = [loop.create_task(_child(i)) for i in range(TASKS)]
        results = await asyncio.gather(*tasks)
        if len(results) != TASKS or results[-1] != TASKS - 1:
            raise AssertionError("gather returned the wrong results")

    t0 = time.perf_counter()
    loop.run_until_complete(main())
    return TASKS / (time.perf_counter() - t0), "tasks/s"


def w5_ping_pong(loop):
    """Two tasks pass a token back and forth through two asyncio.Queue(1), 500,000 round trips."""
    async def main():
        ping, pong = asyncio.Queue(1), asyncio.Queue(1)

        async def echo():
            for _ in range(PINGS):
                await pong.put(await ping.get())

        echo_task = loop.create_task(echo())
        total = 0
        for i in range(PINGS):
            await ping.put(i)
            total += await pong.get()
        await echo_task
        if total != PINGS * (PINGS - 1) // 2:
            raise AssertionError("lost a token")

    t0 = time.perf_counter()
    loop.run_until_complete(main())
    return PINGS / (time.perf_counter() - t0), "roundtrips/s"


def w6_timers(loop, delays):
    """1,000,000 loop.call_later timers with the given delays; every odd one is cancelled before it
    can fire; the run ends when the other 500,000 have fired."""
    done = loop.create_future()
    left = [TIMERS // 2]

    def fired():
        left[0] -= 1
        if not left[0]:
            done.set_result(None)

    def schedule_all():
        call_later = loop.call_later
        handles = [call_later(d, fired) for d in delays]
        for h in handles[1::2]:
            h.cancel()

    t0 = time.perf_counter()
    loop.call_soon(schedule_all)
    loop.run_until_complete(done)
    return TIMERS / (time.perf_counter() - t0), "timers/s"


def load_delays(path):
    """W6's delays in seconds: from the shared file when given, else a seeded draw."""
    if path:
        a = array.array("i")
        with open(path, "rb") as f:
            a.frombytes(f.read())
        if sys.byteorder != "little":
            a.byteswap()
        if len(a) != TIMERS:
            raise SystemExit(f"{path}: expected {TIMERS} delays, found {len(a)}")
        return [d / 1e9 for d in a]
    rng = random.Random(SEED)
    return [rng.randint(0, MAX_DELAY_NS) / 1e9 for _ in range(TIMERS)]


WORKLOADS = {
    "W1": w1_call_soon_chain,
    "W2": w2_call_soon_batch,
    "W3": w3_future_round_trip,
    "W4": w4_task_spawn,
    "W5": w5_ping_pong,
    "W6": w6_timers,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loop", choices=["asyncio", "uvloop"], required=True)
    parser.add_argument("--workload", action="append", choices=sorted(WORKLOADS),
                        help="run only these (repeatable); default all")
    parser.add_argument("--delays", help="W6's delays file (int32 LE nanoseconds)")
    args = parser.parse_args()

    if args.loop == "uvloop":
        try:
            import uvloop
        except ImportError:
            raise SystemExit(f"uvloop is not installed for {sys.executable}: apt-get install -y python3-uvloop")
        new_loop = uvloop.new_event_loop
    else:
        new_loop = asyncio.new_event_loop

    delays = None
    for name in args.workload or list(WORKLOADS):
        fn = WORKLOADS[name]
        extra = ()
        if name == "W6":
            if delays is None:
                delays = load_delays(args.delays)
            extra = (delays,)
        for measured in (False, True):
            loop = new_loop()
            try:
                gc.collect()
                value, unit = fn(loop, *extra)
            finally:
                loop.close()
            if measured:
                print(f"{args.loop} {name} {value:.0f} {unit}", flush=True)


if __name__ == "__main__":
    main()
