# Issue 4's workloads: Lock, Semaphore, Queue (uncontended and contended), ContextVar get/set, and
# task creation with context variables; Jasyncio (JMH, dev.jasyncio.bench.sync and .context)
# against asyncio and uvloop (py_sync.py). Sourced by `bench/peers/run.sh sync`, which has checked
# the tools and built the jar, and defines say, load, py, java, jar, bench, here, out, stamp, raw,
# log, rounds, jmh_limit and sync_benchmarks. Rewrites only the "Issue 4" section of bench/RESULTS.md.
#
#   JMH_JSON=FILE   take the JVM figures from this JMH result instead of running JMH

sync_machine="$out/sync-machine-$stamp.txt"
jmh_command="java -jar bench/target/benchmarks.jar '$sync_benchmarks' -f 1 -wi 3 -i 3 -w 1s -r 1s -prof gc -rf json"
{
  echo "date $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "command bench/peers/run.sh sync"
  echo "jmh_command $jmh_command"
  echo "rounds $rounds"
  echo "nproc $(nproc)"
  echo "cpu $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
  echo "jdk $("$java" -version 2>&1 | head -n 1)"
  echo "python $("$py" --version 2>&1)"
  echo "uvloop $("$py" -c 'import uvloop; print(uvloop.__version__)')"
  echo "commit $(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "dirty $(cd "$root" && git status --porcelain --untracked-files=no 2>/dev/null | wc -l)"
  echo "load start $(load)"
} >"$sync_machine"
say "sync: load average $(load)"

if [ -n "${JMH_JSON:-}" ]; then
  [ -f "$JMH_JSON" ] || { echo "run.sh: JMH_JSON=$JMH_JSON: no such file" >&2; exit 1; }
  sync_jmh="$JMH_JSON"
else
  say "sync: JMH quick pass of $sync_benchmarks (about 5 minutes)"
  SKIP_BUILD=1 JAVA_HOME="$(dirname "$(dirname "$java")")" timeout "$jmh_limit" "$bench/run.sh" quick \
    "$sync_benchmarks" >"$out/sync-jmh-$stamp.log" 2>&1 || true
  sync_jmh="$(sed -n 's/^Results: //p' "$out/sync-jmh-$stamp.log" | tail -n 1)"
  [ -n "$sync_jmh" ] && [ -f "$sync_jmh" ] \
    || { echo "run.sh: JMH wrote no result file; see $out/sync-jmh-$stamp.log" >&2; tail -n 30 "$out/sync-jmh-$stamp.log" >&2; exit 1; }
fi
echo "load after-jmh $(load)" >>"$sync_machine"

# ContextVar's cost against the context's size: many short iterations, whose best ones show it
# through the load of a shared machine (the quick pass's three medians cannot)
flat_args=(ContextVarBenchmark -f 1 -wi 5 -i 20 -w 200ms -r 200ms -prof gc)
echo "flat_command java -jar bench/target/benchmarks.jar ${flat_args[*]}" >>"$sync_machine"
sync_flat="$out/sync-flat-$stamp.json"
say "sync: ContextVarBenchmark, 20 short iterations each (about 2 minutes)"
timeout "$jmh_limit" "$java" -jar "$jar" "${flat_args[@]}" -rf json -rff "$sync_flat" >"$out/sync-flat-$stamp.log" 2>&1 \
  || { echo "run.sh: the ContextVar check failed; see $out/sync-flat-$stamp.log" >&2; exit 1; }

# asyncio and uvloop alternately: each round starts with the other one
for ((r = 1; r <= rounds; r++)); do
  if ((r % 2)); then order=(asyncio uvloop); else order=(uvloop asyncio); fi
  for peer in "${order[@]}"; do
    say "sync: $peer, round $r of $rounds"
    timeout 600 "$py" "$here/py_sync.py" --loop "$peer" >>"$raw" 2>>"$log" || say "sync: $peer failed or timed out; see $log"
  done
done
echo "load after-python $(load)" >>"$sync_machine"

"$py" "$here/sync_report.py" --raw "$raw" --jmh "$sync_jmh" --flat-jmh "$sync_flat" --machine "$sync_machine" --results "$bench/RESULTS.md"
say "sync: wrote the Issue 4 section of bench/RESULTS.md (raw figures: $raw, JMH: $sync_jmh)"
