#!/usr/bin/env bash
# The peer harness of shared/bench/WORKLOADS.md: Jasyncio against Netty, JDK virtual threads,
# Python asyncio and uvloop, and Node.js, on W1-W7, in one run on this machine. Writes
# bench/RESULTS.md (tables of ratios, goals met or missed, the machine) and bench/ratios.svg.
#
#   bench/peers/run.sh [quick|full|sync]
#
#   quick  JMH quick profile (bench/run.sh quick); non-JVM peers 3 rounds; W7 3 rounds of
#          0.5 s warm-up + 2 s measured per message size: about 20 minutes in all
#   full   JMH full profile; 5 rounds; W7 1 s + 5 s: about 45 minutes
#   sync   only issue 4's workloads (primitives, queues, context variables; bench/peers/sync.sh):
#          JMH quick pass of dev.jasyncio.bench.sync and .context, asyncio and uvloop 3 rounds;
#          rewrites only the "Issue 4" section of bench/RESULTS.md: about 10 minutes
#
# Environment:
#   JMH_JSON=FILE   take W1-W6's JVM figures from this JMH result (-rf json) instead of running JMH
#   SKIP_BUILD=1    reuse bench/target/benchmarks.jar
#   ROUNDS=N        rounds per peer and workload (at least 3 is the rule)
#
# It installs what it lacks with apt-get (Debian's python3, python3-uvloop, nodejs, gcc); the JDK 25
# must be there (JAVA_HOME, or /usr/lib/jvm/temurin-25*). Peers run alternately (A B C B C A ...);
# every server listens on a free port of 127.0.0.1 only, is stopped here, and stops by itself after
# a bounded time if this script dies. Raw figures ("peer workload value unit" lines) and logs go to
# bench/target/peers/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bench="$(dirname "$here")"
root="$(dirname "$bench")"

profile="${1:-quick}"
case "$profile" in
  quick) rounds="${ROUNDS:-3}"; w7_warm=0.5; w7_measure=2; jmh_limit=40m ;;
  full)  rounds="${ROUNDS:-5}"; w7_warm=1;   w7_measure=5; jmh_limit=120m ;;
  sync)  rounds="${ROUNDS:-3}"; jmh_limit=40m ;;
  *) echo "usage: bench/peers/run.sh [quick|full|sync]" >&2; exit 2 ;;
esac
[ "$rounds" -ge 1 ] || { echo "run.sh: ROUNDS must be a positive number, got '$rounds'" >&2; exit 2; }

out="$bench/target/peers"
mkdir -p "$out"
stamp="$(date +%Y%m%d-%H%M%S)"
raw="$out/raw-$stamp.txt"
log="$out/run-$stamp.log"
machine="$out/machine-$stamp.txt"
: >"$raw"
say() { echo "[peers $(date +%H:%M:%S)] $*" | tee -a "$log" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
note_load() { echo "load $1 $(load)" >>"$machine"; say "$1: load average $(load)"; }

# ---- tools: installed here when missing, never assumed

apt_install() {
  say "installing $* with apt-get"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >>"$log" 2>&1; then
    apt-get update -q >>"$log" 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >>"$log" 2>&1
  fi
}

py=/usr/bin/python3   # Debian's interpreter, not the pyenv one first on PATH
[ -x "$py" ] || apt_install python3
"$py" -c 'import uvloop' 2>/dev/null || apt_install python3-uvloop
"$py" -c 'import uvloop' || { echo "run.sh: uvloop still not importable by $py" >&2; exit 1; }
if [ "$profile" != sync ]; then
  command -v node >/dev/null || apt_install nodejs
  command -v gcc >/dev/null || apt_install gcc libc6-dev
fi

java="${JAVA_HOME:-}/bin/java"
if ! "$java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
  java="$(ls -d /usr/lib/jvm/temurin-25*/bin/java 2>/dev/null | head -n 1)"
fi
[ -x "$java" ] || { echo "run.sh: no JDK 25 found: set JAVA_HOME to one" >&2; exit 1; }
sync_benchmarks='dev\.jasyncio\.bench\.(sync|context)\.'   # issue 4's JMH benchmarks (run.sh sync)
jvm_flags=(--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED --enable-native-access=ALL-UNNAMED -Xss8m)

# ---- build: the benchmark jar (JMH suite and the JVM echo servers), the load client, W6's delays

if [ "${SKIP_BUILD:-}" != 1 ]; then
  say "building bench/target/benchmarks.jar"
  (cd "$root" && ./mvn25 -q -B -ntp -pl bench -am package -DskipTests) >>"$log" 2>&1 \
    || { echo "run.sh: the build failed; see $log" >&2; tail -n 30 "$log" >&2; exit 1; }
fi
jar="$bench/target/benchmarks.jar"
[ -f "$jar" ] || { echo "run.sh: $jar is missing: build it, or drop SKIP_BUILD" >&2; exit 1; }
if [ "$profile" = sync ]; then
  . "$here/sync.sh"   # issue 4's workloads only, with the tools and functions above
  exit 0
fi
gcc -O2 -Wall -o "$out/loadclient" "$here/loadclient.c"
delays="$out/w6-delays.bin"
"$java" -cp "$jar" dev.jasyncio.bench.peers.TimerDelays "$delays"

{
  echo "date $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "command bench/peers/run.sh $profile"
  echo "profile $profile"
  echo "rounds $rounds"
  echo "w7 $w7_warm $w7_measure"
  echo "nproc $(nproc)"
  echo "cpu $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
  echo "kernel $(uname -sr)"
  echo "jdk $("$java" -version 2>&1 | head -n 1)"
  echo "python $("$py" --version 2>&1) ($py)"
  echo "uvloop $("$py" -c 'import uvloop; print(uvloop.__version__)')"
  echo "node $(node --version)"
  echo "gcc $(gcc --version | head -n 1)"
  echo "netty $(sed -n 's:.*<netty.version>\(.*\)</netty.version>.*:\1:p' "$root/pom.xml" | head -n 1)"
  echo "commit $(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "dirty $(cd "$root" && git status --porcelain --untracked-files=no 2>/dev/null | wc -l)"
} >"$machine"
note_load start

# ---- W1-W6 on the JVM: the JMH suite (Jasyncio, Netty, virtual threads)

if [ -n "${JMH_JSON:-}" ]; then
  [ -f "$JMH_JSON" ] || { echo "run.sh: JMH_JSON=$JMH_JSON: no such file" >&2; exit 1; }
  jmh="$JMH_JSON"
  say "JVM figures from $jmh"
else
  say "JMH $profile profile (bench/run.sh $profile): several minutes"
  # Another JMH run holds /tmp/jmh.lock and would skew ours anyway: wait for it, 15 minutes at most.
  jmh=""
  for attempt in $(seq 31); do
    # Issue 4's benchmarks (bench.sync, bench.context) are left out: `run.sh sync` runs them.
    SKIP_BUILD=1 JAVA_HOME="$(dirname "$(dirname "$java")")" timeout "$jmh_limit" "$bench/run.sh" "$profile" \
      -e "$sync_benchmarks" >"$out/jmh-$stamp.log" 2>&1 || true
    jmh="$(sed -n 's/^Results: //p' "$out/jmh-$stamp.log" | tail -n 1)"
    [ -n "$jmh" ] && [ -f "$jmh" ] && break
    jmh=""
    grep -q 'Unable to acquire the JMH lock' "$out/jmh-$stamp.log" || break
    [ "$attempt" = 1 ] && say "another JMH run holds /tmp/jmh.lock: waiting for it (15 min at most)"
    sleep 30
  done
  [ -n "$jmh" ] || { echo "run.sh: JMH wrote no result file; see $out/jmh-$stamp.log" >&2; tail -n 30 "$out/jmh-$stamp.log" >&2; exit 1; }
fi
echo "jmh $jmh" >>"$machine"
note_load after-jmh

# ---- W1-W6 on asyncio, uvloop and Node, alternately; each process warms up, then measures

run_peer() { # peer workload
  local cmd
  case "$1" in
    asyncio|uvloop) cmd=("$py" "$here/py_workloads.py" --loop "$1" --workload "$2" --delays "$delays") ;;
    node) cmd=(node "$here/node_workloads.js" --workload "$2" --delays "$delays") ;;
  esac
  if ! timeout 300 "${cmd[@]}" >>"$raw" 2>>"$log"; then
    say "$1 $2 failed or timed out; see $log"
  fi
}
# rotated: round r starts with peer r, so that no peer always runs first (or right after another)
rotated() { # offset items... -> the items, starting at item (offset mod count)
  local off="$1"; shift
  local items=("$@") n=$# i
  for ((i = 0; i < n; i++)); do echo "${items[$(((off + i) % n))]}"; done
}
peers=(asyncio uvloop node)
for w in W1 W2 W3 W4 W5 W6; do
  say "$w: asyncio, uvloop, node × $rounds"
  for ((r = 1; r <= rounds; r++)); do
    for peer in $(rotated $((r - 1)) "${peers[@]}"); do run_peer "$peer" "$w"; done
  done
done
note_load after-w1-w6

# ---- W7: echo servers under the C load client, alternately

servers=(jasyncio-protocol-nio jasyncio-protocol-epoll jasyncio-buffered-nio jasyncio-buffered-epoll
  jasyncio-streams-nio jasyncio-streams-epoll netty-nio netty-epoll asyncio-protocol asyncio-buffered asyncio-streams
  uvloop-protocol uvloop-buffered uvloop-streams node-net)
sizes=(1024 10240 102400)
server_pid=""
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}
trap stop_server EXIT
trap 'stop_server; exit 130' INT TERM

# Each server exits by itself after this many seconds: its whole share of a round, with margin.
max_seconds=$(awk -v w="$w7_warm" -v m="$w7_measure" 'BEGIN { printf "%d", 60 + 3 * (w + m) * 2 }')

start_server() { # name -> sets server_pid and port
  local name="$1" cmd portfile="$out/server-$1.out"
  case "$name" in
    jasyncio-protocol-*|jasyncio-buffered-*|jasyncio-streams-*)
      local api="${name#jasyncio-}"; api="${api%-*}"
      cmd=("$java" "${jvm_flags[@]}" "-Djasyncio.loop=${name##*-}" -cp "$jar" dev.jasyncio.bench.peers.EchoServer
        "jasyncio-$api" "$max_seconds") ;;
    netty-*) cmd=("$java" "${jvm_flags[@]}" -cp "$jar" dev.jasyncio.bench.peers.EchoServer "$name" "$max_seconds") ;;
    asyncio-*|uvloop-*) cmd=("$py" "$here/py_echo.py" --loop "${name%-*}" --api "${name#*-}" --max-seconds "$max_seconds") ;;
    node-net) cmd=(node "$here/node_echo.js" "$max_seconds") ;;
  esac
  : >"$portfile"
  "${cmd[@]}" >"$portfile" 2>>"$log" &
  server_pid=$!
  port=""
  for _ in $(seq 300); do
    port="$(sed -n 's/^port \([0-9][0-9]*\).*/\1/p' "$portfile" | head -n 1)"
    [ -n "$port" ] && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$port" ]; then
    say "$name did not start; see $log"
    stop_server
    return 1
  fi
  echo "server $name $(head -n 1 "$portfile")" >>"$log"
}

w7_size() { # 1024 -> 1KiB
  echo "$(($1 / 1024))KiB"
}

for ((r = 1; r <= rounds; r++)); do
  # Each round starts elsewhere in the list: the load of other processes on a shared machine
  # comes in spells of several seconds, and must not always fall on the same servers.
  offset=$(((r - 1) * ${#servers[@]} / rounds))
  say "W7 round $r of $rounds: ${#servers[@]} servers (from ${servers[$offset]}) × ${sizes[*]} B"
  for name in $(rotated "$offset" "${servers[@]}"); do
    start_server "$name" || continue
    # Server warm-up (JIT, buffers): 1 s of 10 KiB messages, not recorded.
    "$out/loadclient" -p "$port" -s 10240 -w 0 -d 1 >/dev/null 2>>"$log" || say "$name: warm-up load failed"
    for s in "${sizes[@]}"; do
      if line="$(timeout 60 "$out/loadclient" -p "$port" -s "$s" -w "$w7_warm" -d "$w7_measure" 2>>"$log")"; then
        w="W7/$(w7_size "$s")"
        echo "$line" | awk -v p="$name" -v w="$w" '{
          for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
          print p, w, v["rps"], "req/s"; print p, w, v["mibs"], "MiB/s"
          print p, w, v["p50_us"], "p50-us"; print p, w, v["p99_us"], "p99-us" }' >>"$raw"
      else
        say "$name $s B: the load client failed; see $log"
      fi
    done
    stop_server
  done
done
note_load after-w7
trap - EXIT INT TERM

# ---- report

"$py" "$here/report.py" --raw "$raw" --jmh "$jmh" --machine "$machine" \
  --out "$bench/RESULTS.md" --svg "$bench/ratios.svg"
say "wrote bench/RESULTS.md and bench/ratios.svg (raw figures: $raw)"
