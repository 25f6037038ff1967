#!/usr/bin/env bash
# gone-filter in one command, from a fresh clone, with only Java 17+ and Maven:
#   bash examples/demo.sh
# Builds the library into your local Maven repository, builds and starts the Spring Boot example, and shows
# a live resource (200), a missing one (404) and deleted ones (410, 451) side by side. Ctrl-C stops it.
#
#   PORT=9090 bash examples/demo.sh      another port (default 8080, or the next free one)
#   DEMO_EXIT=1 bash examples/demo.sh    stop after printing instead of serving until Ctrl-C
# However it ends (Ctrl-C, an error, DEMO_EXIT), it stops the application it started and deletes its
# temporary directory (the application's log and tombstone file).
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in java mvn; do
  command -v "$tool" >/dev/null || { echo "demo: '$tool' is not on the PATH; install Java 17+ and Maven" >&2; exit 1; }
done

# The status line of a GET, using bash's /dev/tcp so the demo needs no curl.
status() {
  local port=$1 path=$2 line
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'GET %s HTTP/1.1\r\nHost: localhost:%s\r\nAccept: application/json\r\nConnection: close\r\n\r\n' "$path" "$port" >&3
  IFS= read -r line <&3 || true
  exec 3<&- 3>&-
  line=${line%$'\r'}
  echo "${line#HTTP/1.1 }" | cut -d' ' -f1
}
in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

port=${PORT:-8080}
if [[ -z "${PORT:-}" ]]; then
  while in_use "$port" && (( port < 8100 )); do port=$((port + 1)); done
fi
in_use "$port" && { echo "demo: port $port is in use; run with PORT=<free port>" >&2; exit 1; }

echo "==> Building the library into the local Maven repository (mvn install, tests skipped)"
mvn -B -q -Dstyle.color=never install -DskipTests -Dinvoker.skip
echo "==> Building the Spring Boot example (examples/spring-boot)"
mvn -B -q -Dstyle.color=never -f examples/spring-boot/pom.xml package -DskipTests

app='' work=''
# Stops the application (TERM, then KILL if it has not stopped within 10 s) and deletes the directory.
cleanup() {
  if [[ -n "$app" ]] && kill -0 "$app" 2>/dev/null; then
    kill "$app" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$app" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$app" 2>/dev/null || true
  fi
  if [[ -n "$app" ]]; then wait "$app" 2>/dev/null || true; fi
  if [[ -n "$work" ]]; then rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

work=$(mktemp -d "${TMPDIR:-/tmp}/gone-filter-demo.XXXXXX")
log="$work/app.log"
echo "==> Starting it on port $port"
java -jar examples/spring-boot/target/gone-filter-example-spring-boot.jar \
  --server.port="$port" --gone-filter.tombstones="$work/tombstones.json" >"$log" 2>&1 &
app=$!

failed() { echo "demo: $1; the application's log:" >&2; cat "$log" >&2; exit 1; }
for _ in $(seq 1 120); do
  kill -0 "$app" 2>/dev/null || failed "the application stopped"
  [[ "$(status "$port" /api 2>/dev/null || true)" == 200 ]] && break
  sleep 0.5
done
[[ "$(status "$port" /api 2>/dev/null || true)" == 200 ]] || failed "no answer on port $port"

base="http://localhost:$port"
row() { printf '  %s  %-52s # %s\n' "$(status "$port" "$1")" "curl -i $base$1" "$2"; }
cat <<TEXT

gone-filter demo running at $base/
Each line: the status it answers right now, and the command to see the whole response.

TEXT
row /api/articles/1      "a live article"
row /api/articles/999    "never existed: the application's own 404"
row /api/articles/3      "deleted: 410 with problem details"
row /api/v1/articles/1   "API v1 was sunset: 410, Link to /api"
row /api/articles/7      "legal takedown: 451"
row /api/users/42        "erased: answers like it never existed"
cat <<TEXT

Delete an article through the API, and the next GET is 410:
  curl -i -X DELETE $base/api/articles/2
  curl -i $base/api/articles/2
  curl -i -X POST $base/api/articles/2/restore     # undo: 200 again
A browser gets an HTML page: $base/api/articles/3
Operators (user operator, password change-me) see the tombstones through Actuator:
  curl -u operator:change-me $base/actuator/tombstones
  curl -u operator:change-me $base/actuator/tombstones/api/v1/articles/1   # which tombstone answers, and why

Tombstones: $work/tombstones.json (edit it; changes are live within 2 seconds)
Log: $log (both are deleted when the demo stops)
TEXT

if [[ -n "${DEMO_EXIT:-}" ]]; then
  exit 0
fi
echo "Ctrl-C stops the demo."
wait "$app" || failed "the application stopped"
