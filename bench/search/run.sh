#!/usr/bin/env bash
# Search benchmark: 10,000 generated cards (created through the API), then throughput and p50/p99 latency at
# 1 and 32 concurrent clients for text+facet searches and for GET /api/v1/about of the same server in the same
# run, then the time to rebuild the index from the database.
#
#   ./mvnw -DskipTests install && bench/search/run.sh     (first run about 15 minutes, most of it generating)
#
# Environment: BENCH_CARDS (10000), BENCH_SECONDS per measurement (20), BENCH_WARMUP (90) seconds of unmeasured
# load before the first measurement, BENCH_HEAP (the server's -Xmx, 1g as in
# server-config/jvm.options), BENCH_JFR=1 to record the server with Java Flight Recorder (profile settings) into
# bench/search/target/server.jfr, dumped when the load ends, and server-rebuild.jfr after the rebuilds (figures taken
# with it on are not comparable), BENCH_LOAD=0 to skip the load and only rebuild. The generated database is kept in bench/search/target/data and reused by the next
# run (delete it to generate again). Uses core/app's Liberty (target/liberty) on port 19180, loopback only, and
# stops the server it started.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$repo/bench/search/target"
cards="${BENCH_CARDS:-10000}"
seconds="${BENCH_SECONDS:-20}"
warmup="${BENCH_WARMUP:-90}"
heap="${BENCH_HEAP:-1g}"
port=19180
admin_password="Bench-Admin-Passphrase-2026"
mkdir -p "$work/data" "$work/classes"

server="$repo/core/app/target/liberty/wlp/bin/server"
cleanup() {
  "$server" stop defaultServer >/dev/null 2>&1 || true
  [ -n "${sampler_pid:-}" ] && kill "$sampler_pid" 2>/dev/null || true
}
trap cleanup EXIT

echo "== preparing the server"
(cd "$repo" && ./mvnw -q -f core/app/pom.xml -DskipTests -Dliberty.http.port=$port -Dliberty.https.port=19543 \
  -Dapp.data.dir="$work/data" package liberty:create liberty:install-feature liberty:deploy)
server_dir="$repo/core/app/target/liberty/wlp/usr/servers/defaultServer"
mkdir -p "$server_dir/configDropins/overrides"
printf -- '-Xmx%s\n' "$heap" > "$server_dir/configDropins/overrides/jvm.options"
if [ "${BENCH_JFR:-0}" = 1 ]; then
  printf -- '-XX:FlightRecorderOptions:stackdepth=256\n-XX:StartFlightRecording=settings=profile\n' \
    >> "$server_dir/configDropins/overrides/jvm.options"
fi
javac -d "$work/classes" "$repo/bench/search/SearchBench.java"
bench() { java -cp "$work/classes" SearchBench "$@"; }

export AIAPPSTORE_ADMIN_PASSWORD="$admin_password"
"$server" start defaultServer > /dev/null
base="http://localhost:$port"
for _ in $(seq 1 180); do
  curl -sf "$base/health/ready" > /dev/null && break; sleep 1
done
curl -sf "$base/health/ready" > /dev/null || { echo "server not ready" >&2; exit 1; }

token=$(curl -sf -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$admin_password\"}" "$base/api/v1/auth/login" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
# Count the cards only once the search index is ready: an index being built (at the first start, or
# after a change of its format) counts fewer, and the cards would be generated a second time.
for _ in $(seq 1 300); do
  curl -sf -H "Authorization: Bearer $token" "$base/api/v1/admin/search" \
    | python3 -c 'import json,sys; sys.exit(0 if json.load(sys.stdin)["ready"] else 1)' && break
  sleep 1
done
existing=$(curl -sf -H "Authorization: Bearer $token" "$base/api/v1/search/models?size=1" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
if [ "$existing" -eq 0 ]; then
  echo "== generating $cards cards through the API"
  bench generate "$base" "$admin_password" "$cards"
elif [ "$existing" -lt "$cards" ]; then
  # An interrupted generation: top it up with cards of seeds it did not use.
  echo "== $existing cards in $work/data; adding $((cards - existing))"
  bench generate "$base" "$admin_password" "$((cards - existing))" "$cards"
else
  echo "== reusing the $existing cards in $work/data"
fi

# Peak heap while measuring, from the server's own metrics.
( while true; do
    curl -s "$base/metrics?scope=base" | awk '/^memory_usedHeap_bytes/ {print $2}'
    sleep 0.5
  done ) > "$work/heap.samples" &
sampler_pid=$!

# The server's process id, so the client can report the server's CPU time per request.
export BENCH_SERVER_PID="$(cat "$repo/core/app/target/liberty/wlp/usr/servers/.pid/defaultServer.pid" 2>/dev/null || true)"
if [ "${BENCH_LOAD:-1}" = 1 ]; then
  echo "== load: $seconds s per measurement after warming the server up for $warmup s and a warm-up of its own (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
  bench load "$base" "$admin_password" "$seconds" "$warmup"
  echo "(load average after: $(cut -d' ' -f1-3 /proc/loadavg))"
  if [ "${BENCH_JFR:-0}" = 1 ] && [ -n "$BENCH_SERVER_PID" ]; then
    # The load phase only: the rebuilds that follow would blur the profile of the searches.
    jcmd "$BENCH_SERVER_PID" JFR.dump filename="$work/server.jfr" > /dev/null
  fi
fi

echo "== rebuild"
for run in 1 2 3; do
  bench rebuild "$base" "$admin_password"
done
if [ "${BENCH_JFR:-0}" = 1 ] && [ -n "$BENCH_SERVER_PID" ]; then
  jcmd "$BENCH_SERVER_PID" JFR.dump filename="$work/server-rebuild.jfr" > /dev/null
fi
kill "$sampler_pid"; sampler_pid=
peak=$(sort -g "$work/heap.samples" | tail -1)
max=$(curl -s "$base/metrics?scope=base" | awk '/^memory_maxHeap_bytes/ {print $2}')
echo "server heap: peak $(python3 -c "print(f'{$peak / 1048576:.0f}')") MiB used of $(python3 -c "print(f'{$max / 1048576:.0f}')") MiB max"
echo "search index: $(du -sh "$work/data/search-index" | cut -f1) on disk; database: $(du -sh "$work/data/db" | cut -f1)"
