#!/usr/bin/env bash
# App log benchmark (issue #8): the time from a line written to a pod's log to its arrival at a client of
# GET /api/v1/apps/{id}/logs?follow=true, p50/p99/max over BENCH_LINES lines. The Kubernetes API of the
# emissary backend runs in the benchmark's JVM (fabric8's mock behind a front server that holds followed
# logs open, see LogLatencyBench.java).
#
#   ./mvnw -DskipTests install && bench/apps/run.sh      (about 5 minutes once built, most of it preparing and starting Liberty)
#
#   BENCH_LINES=1000       measured lines
#   BENCH_RATE=50          lines written per second
#   BENCH_WARMUP=50        lines written first and not counted (JIT, first connection)
#
# Each measured line's latency goes to bench/apps/target/latencies.csv. Uses core/app's Liberty
# (target/liberty) on port 19280, loopback only, with a fresh database in bench/apps/target/data, and stops
# the server it started.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$repo/bench/apps/target"
lines="${BENCH_LINES:-1000}"
rate="${BENCH_RATE:-50}"
warmup="${BENCH_WARMUP:-50}"
port=19280
admin_password="Bench-Admin-Passphrase-2026"
rm -rf "$work/data" "$work/classes" && mkdir -p "$work/data" "$work/classes"

server="$repo/core/app/target/liberty/wlp/bin/server"
cleanup() {
  "$server" stop defaultServer >/dev/null 2>&1 || true
}
trap cleanup EXIT

echo "== preparing the server"
(cd "$repo" && ./mvnw -o -q -f core/app/pom.xml -DskipTests -Dliberty.http.port=$port -Dliberty.https.port=19643 \
  -Dapp.data.dir="$work/data" package liberty:create liberty:install-feature liberty:deploy)
# The package step takes the plugin zips from the local Maven repository, which other checkouts on the
# machine may have overwritten since this one's install; measure this checkout's emissary plugin or nothing.
zip=$(ls "$repo"/plugins/deployment-emissary/target/deployment-emissary-*.zip)
cmp -s "$zip" "$repo/core/app/target/plugins/$(basename "$zip")" \
  || { echo "the server would run another build of deployment-emissary than $zip: install this checkout again" >&2; exit 1; }

# The benchmark runs the plugin TCK's Kubernetes mock: this checkout's classes and their dependencies.
(cd "$repo" && ./mvnw -o -q -pl core/plugin-tck dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$work/classpath.txt")
classpath="$repo/core/plugin-tck/target/classes:$(cat "$work/classpath.txt")"
javac -proc:none -d "$work/classes" -cp "$classpath" "$repo/bench/apps/LogLatencyBench.java"

export AIAPPSTORE_ADMIN_PASSWORD="$admin_password"
"$server" start defaultServer > /dev/null
base="http://localhost:$port"
for _ in $(seq 1 180); do
  curl -sf "$base/health/ready" > /dev/null && break; sleep 1
done
curl -sf "$base/health/ready" > /dev/null || { echo "server not ready" >&2; exit 1; }

echo "== $lines lines at $rate per second after $warmup warm-up lines ($(nproc) cores)"
java -cp "$work/classes:$classpath" LogLatencyBench "$base" "$admin_password" "$lines" "$rate" "$warmup" \
  "$work/latencies.csv"
