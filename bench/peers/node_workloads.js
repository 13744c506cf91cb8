// W1-W6 of shared/bench/WORKLOADS.md on Node.js, as a Node user writes them.
//
//   node bench/peers/node_workloads.js [--workload W1 ...] [--delays FILE]
//
// Each workload runs once to warm up, then once measured; the measured run prints one line
// `node <workload> <value> <unit>`, e.g. `node W1 1350000 callbacks/s`.
//
// The expressions: W1 setImmediate chain; W2 1,000,000 setImmediate calls from inside an
// immediate; W3 new Promise + then + resolve (the reaction runs as a microtask, never inline);
// W4 async functions awaiting a setImmediate promise (timers/promises), Promise.all; W5 two
// capacity-1 channels over promises; W6 setTimeout + clearTimeout. W6 reads the delays that
// dev.jasyncio.bench.peers.TimerDelays wrote (int32 LE ns) when --delays is given; Node keeps
// whole milliseconds of them (it truncates a timer's delay, and runs 0 as 1 ms).
'use strict';

const fs = require('fs');
const { setImmediate: immediate } = require('timers/promises');

const CALLBACKS = 1_000_000;
const ROUND_TRIPS = 1_000_000;
const TASKS = 100_000;
const PINGS = 500_000;
const TIMERS = 1_000_000;
const MAX_DELAY_NS = 10_000_000;
const RESULT = 'result';

function w1() {
  return new Promise((resolve) => {
    let left = CALLBACKS;
    const t0 = process.hrtime.bigint();
    function step() {
      if (--left) setImmediate(step);
      else resolve([rate(CALLBACKS, t0), 'callbacks/s']);
    }
    setImmediate(step);
  });
}

function w2() {
  return new Promise((resolve) => {
    let left = CALLBACKS;
    const t0 = process.hrtime.bigint();
    function count() {
      if (!--left) resolve([rate(CALLBACKS, t0), 'callbacks/s']);
    }
    setImmediate(() => {
      for (let i = 0; i < CALLBACKS; i++) setImmediate(count);
    });
  });
}

function w3() {
  return new Promise((resolve) => {
    let left = ROUND_TRIPS;
    const t0 = process.hrtime.bigint();
    function onDone(value) {
      if (value !== RESULT) throw new Error('wrong result ' + value);
      if (--left) start();
      else resolve([rate(ROUND_TRIPS, t0), 'ops/s']);
    }
    function start() {
      let settle;
      const p = new Promise((r) => { settle = r; });
      p.then(onDone);
      settle(RESULT);
    }
    setImmediate(start);
  });
}

async function child(i) {
  await immediate();
  return i;
}

async function w4() {
  const t0 = process.hrtime.bigint();
  const tasks = new Array(TASKS);
  for (let i = 0; i < TASKS; i++) tasks[i] = child(i);
  const results = await Promise.all(tasks);
  if (results.length !== TASKS || results[TASKS - 1] !== TASKS - 1) throw new Error('wrong results');
  return [rate(TASKS, t0), 'tasks/s'];
}

/** asyncio.Queue(1) over promises: put waits while the slot is full, get while it is empty. */
class Channel {
  constructor() {
    this.full = false;
    this.value = undefined;
    this.getter = null; // resolve of a waiting get
    this.putter = null; // resolve of a waiting put
  }

  put(v) {
    if (!this.full) return this.fill(v);
    return new Promise((resolve) => { this.putter = resolve; }).then(() => this.fill(v));
  }

  fill(v) {
    this.full = true;
    this.value = v;
    const g = this.getter;
    if (g) { this.getter = null; g(); }
  }

  get() {
    if (this.full) return this.take();
    return new Promise((resolve) => { this.getter = resolve; }).then(() => this.take());
  }

  take() {
    const v = this.value;
    this.full = false;
    this.value = undefined;
    const p = this.putter;
    if (p) { this.putter = null; p(); }
    return v;
  }
}

async function w5() {
  const ping = new Channel();
  const pong = new Channel();
  const t0 = process.hrtime.bigint();
  const echo = (async () => {
    for (let i = 0; i < PINGS; i++) await pong.put(await ping.get());
  })();
  let total = 0;
  for (let i = 0; i < PINGS; i++) {
    await ping.put(i);
    total += await pong.get();
  }
  await echo;
  if (total !== PINGS * (PINGS - 1) / 2) throw new Error('lost a token');
  return [rate(PINGS, t0), 'roundtrips/s'];
}

function w6(delaysMs) {
  return new Promise((resolve) => {
    let left = TIMERS / 2;
    const t0 = process.hrtime.bigint();
    function fired() {
      if (!--left) resolve([rate(TIMERS, t0), 'timers/s']);
    }
    setImmediate(() => {
      const handles = new Array(TIMERS);
      for (let i = 0; i < TIMERS; i++) handles[i] = setTimeout(fired, delaysMs[i]);
      for (let i = 1; i < TIMERS; i += 2) clearTimeout(handles[i]);
    });
  });
}

function rate(ops, t0) {
  return ops / (Number(process.hrtime.bigint() - t0) / 1e9);
}

function loadDelays(path) {
  const ms = new Float64Array(TIMERS);
  if (path) {
    const buf = fs.readFileSync(path);
    if (buf.length !== TIMERS * 4) throw new Error(`${path}: expected ${TIMERS} delays, found ${buf.length / 4}`);
    for (let i = 0; i < TIMERS; i++) ms[i] = buf.readInt32LE(i * 4) / 1e6;
  } else {
    let s = 20261125; // a fixed-seed LCG when no shared file is given
    for (let i = 0; i < TIMERS; i++) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      ms[i] = ((s / 4294967296) * MAX_DELAY_NS) / 1e6;
    }
  }
  return ms;
}

const WORKLOADS = { W1: w1, W2: w2, W3: w3, W4: w4, W5: w5, W6: w6 };

async function main() {
  const argv = process.argv.slice(2);
  const chosen = [];
  let delaysPath = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--workload' && WORKLOADS[argv[i + 1]]) chosen.push(argv[++i]);
    else if (argv[i] === '--delays' && argv[i + 1]) delaysPath = argv[++i];
    else {
      console.error(`node_workloads: unknown argument '${argv[i]}'; usage: [--workload W1..W6]... [--delays FILE]`);
      process.exit(2);
    }
  }
  let delays = null;
  for (const name of chosen.length ? chosen : Object.keys(WORKLOADS)) {
    if (name === 'W6' && !delays) delays = loadDelays(delaysPath);
    for (const measured of [false, true]) {
      const [value, unit] = await WORKLOADS[name](delays);
      if (measured) console.log(`node ${name} ${Math.round(value)} ${unit}`);
    }
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
