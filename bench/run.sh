#!/usr/bin/env bash
# Builds target/benchmarks.jar and runs the JMH suite with one of two profiles, writing JMH's JSON
# to bench/results/ and printing the Jasyncio ÷ Netty ratio table (see bench/README.md).
#
#   bench/run.sh quick [JMH args...]   1 fork, 3 × 1 s warm-up, 3 × 1 s measured: about 5 minutes
#   bench/run.sh full  [JMH args...]   2 forks, 5 × 1 s warm-up, 10 × 1 s measured
#
# Extra arguments go to JMH after the profile's, e.g. a benchmark regexp (CallSoonChainBenchmark),
# -p loop=core, or -prof stack. -prof gc is always on (allocation per op goes into the table).
# SKIP_BUILD=1 reuses the jar. Run nothing else heavy meanwhile: the figures are ratios of one run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"

profile="${1:-quick}"
shift || true
case "$profile" in
  quick) opts=(-f 1 -wi 3 -i 3 -w 1s -r 1s) ;;
  full)  opts=(-f 2 -wi 5 -i 10 -w 1s -r 1s) ;;
  *) echo "usage: bench/run.sh quick|full [JMH args...]" >&2; exit 2 ;;
esac

if [ "${SKIP_BUILD:-}" != 1 ]; then
  (cd "$root" && ./mvn25 -q -B -ntp -pl bench -am package -DskipTests)
fi

java="${JAVA_HOME:-}/bin/java"
if ! "$java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
  java="$(ls -d /usr/lib/jvm/temurin-25*/bin/java 2>/dev/null | head -n 1)"
fi
[ -x "$java" ] || { echo "run.sh: no JDK 25 found: set JAVA_HOME to one" >&2; exit 1; }

mkdir -p "$here/results"
out="$here/results/$profile-$(date +%Y%m%d-%H%M%S).json"
"$java" -jar "$here/target/benchmarks.jar" "${opts[@]}" -prof gc -rf json -rff "$out" "$@"
echo
echo "Results: $out"
"$java" -cp "$here/target/benchmarks.jar" dev.jasyncio.bench.RatioTable "$out"
