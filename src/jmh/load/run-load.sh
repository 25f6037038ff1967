#!/usr/bin/env bash
# End-to-end load test on loopback: embedded Tomcat 11 serving a trivial servlet, bare (and behind a filter that
# only continues the chain, the price of any filter) vs behind GoneFilter
# (1,000,000 exact tombstones + 10,000 globs + 10 regexes) vs behind Tuckey UrlRewriteFilter (10,000 rules),
# loaded with wrk. Scenarios are alternated round by round (order rotated each round) and the median of the
# rounds is reported with its ratio to bare Tomcat.
#
#   src/jmh/load/run-load.sh              # defaults: 5 rounds of 10 s per scenario
#   ROUNDS=3 DURATION=5s src/jmh/load/run-load.sh
#
# Everything listens on 127.0.0.1 only; every wrk run is bounded by DURATION; servers are stopped on exit.
set -euo pipefail

cd "$(dirname "$0")/../../.."
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
BUILD_DIR=${BUILD_DIR:-target-jmh}
JAR="$BUILD_DIR/benchmarks.jar"
JAVA_OPTS=${JAVA_OPTS:--Xms2g -Xmx2g -XX:+UseParallelGC}
BASE_PORT=${BASE_PORT:-18080}
LIVE_PATH=/items/live-2000001
GONE_PATH=/items/500

if ! command -v wrk >/dev/null 2>&1; then
  echo "wrk not found; installing it (Debian package)" >&2
  apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi
if [ ! -f "$JAR" ] || [ -n "${REBUILD:-}" ]; then
  mvn -B -q -P jmh -Dgonefilter.buildDirectory="$BUILD_DIR" -DskipTests package
fi

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

start() { # mode port
  java $JAVA_OPTS -cp "$JAR" io.github.gonefilter.benchmarks.LoadServer "$1" "$2" >"$WORK/$1.log" 2>&1 &
  PIDS+=($!)
}
await() { # mode
  for _ in $(seq 1 240); do
    grep -q READY "$WORK/$1.log" && return 0
    sleep 0.5
  done
  echo "server $1 did not start:" >&2; cat "$WORK/$1.log" >&2; exit 1
}

start bare $((BASE_PORT + 1))
start gone $((BASE_PORT + 2))
start tuckey $((BASE_PORT + 3))
start noop $((BASE_PORT + 4))
await bare; await gone; await tuckey; await noop

# scenario name, port, path
SCENARIOS=("bare-200 $((BASE_PORT + 1)) $LIVE_PATH"
           "noop-200 $((BASE_PORT + 4)) $LIVE_PATH"
           "gone-live $((BASE_PORT + 2)) $LIVE_PATH"
           "tuckey-live $((BASE_PORT + 3)) $LIVE_PATH"
           "gone-410 $((BASE_PORT + 2)) $GONE_PATH"
           "tuckey-410 $((BASE_PORT + 3)) $GONE_PATH")

status_of() { curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1$2"; }
for s in "${SCENARIOS[@]}"; do
  set -- $s
  echo "check $1: http://127.0.0.1:$2$3 -> $(status_of "$2" "$3")"
done

echo "warm-up (JIT) ..."
for s in "${SCENARIOS[@]}"; do
  set -- $s
  timeout 60 wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "http://127.0.0.1:$2$3" >/dev/null
done

RESULTS="$WORK/results.txt"
n=${#SCENARIOS[@]}
for round in $(seq 1 "$ROUNDS"); do
  for k in $(seq 0 $((n - 1))); do
    s=${SCENARIOS[$(((k + round - 1) % n))]}
    set -- $s
    out=$(timeout 120 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "http://127.0.0.1:$2$3")
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
    echo "round $round  $1  $rps req/s  ${non2xx:+(non-2xx: $non2xx)}"
    echo "$1 $rps" >>"$RESULTS"
  done
done

echo
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1); wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS rounds"
python3 - "$RESULTS" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    name, rps = line.split()
    runs.setdefault(name, []).append(float(rps))
bare = statistics.median(runs["bare-200"])
print(f"{'scenario':<12} {'median req/s':>13} {'min':>10} {'max':>10} {'vs bare':>8}")
for name, values in runs.items():
    m = statistics.median(values)
    print(f"{name:<12} {m:>13.0f} {min(values):>10.0f} {max(values):>10.0f} {m / bare:>8.3f}")
PY
