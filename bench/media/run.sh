#!/usr/bin/env bash
# Media throughput benchmark: a 1 GiB video uploaded to and downloaded from the API, whose server runs with
# its heap capped at 256 MB and stores media in S3 (S3Proxy), next to a direct upload to the same S3 server.
# Each round uploads directly, then through the API, then downloads through the API; the figures printed
# last are the medians over the rounds. Also prints the CPU time each process spent per transfer, the
# peak heap the server used and the machine's load average before and after.
#
#   ./mvnw -DskipTests install && bench/media/run.sh      (about 4 minutes; needs curl with --aws-sigv4)
#
#   BENCH_SIZE_MB=1024   size of the file
#   BENCH_ROUNDS=3       rounds of direct upload, API upload and API download
#   BENCH_S3_SETTINGS="partSize=16"
#                        extra settings of the server's S3 connector, comma-separated name=value
#   BENCH_THREADS=1      also print the CPU seconds of the server's and S3Proxy's threads, grouped by name
#   BENCH_JFR=1          record the server and S3Proxy with Java Flight Recorder (profile settings) into
#                        bench/media/target/{server,s3proxy}.jfr; figures taken with it on are not comparable
#
# Uses core/app's Liberty (target/liberty) on port 19080 and loopback ports only; stops everything it started.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$repo/bench/media/target"
size_mb="${BENCH_SIZE_MB:-1024}"
rounds="${BENCH_ROUNDS:-3}"
s3_settings="${BENCH_S3_SETTINGS-}"
port=19080
s3_port=19090
access=bench-access-key
secret="bench-secret-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
admin_password="Bench-Admin-Passphrase-$(date +%s)"
rm -rf "$work" && mkdir -p "$work/s3" "$work/data"

cleanup() {
  "$repo/core/app/target/liberty/wlp/bin/server" stop defaultServer >/dev/null 2>&1 || true
  # The 256 MB heap (and JFR) are for this benchmark only, not for the ITs that use the same server.
  [ -n "${server_dir:-}" ] && rm -f "$server_dir/configDropins/overrides/jvm.options"
  [ -n "${s3_pid:-}" ] && { kill "$s3_pid" 2>/dev/null; wait "$s3_pid" 2>/dev/null; } || true
  [ -n "${sampler_pid:-}" ] && kill "$sampler_pid" 2>/dev/null || true
}
trap cleanup EXIT

echo "== preparing the server and S3Proxy"
(cd "$repo" && ./mvnw -q -f core/app/pom.xml -DskipTests -Dliberty.http.port=$port -Dliberty.https.port=19443 \
  -Dapp.data.dir="$work/data" package liberty:create liberty:install-feature liberty:deploy)
# The package step takes the plugin zips from the local Maven repository, which other checkouts on the
# machine may have overwritten since this one's install; measure this checkout's S3 plugin or nothing.
# (A private local repository avoids that: MAVEN_ARGS="-Dmaven.repo.local=... -Dmaven.repo.local.tail=...")
s3_zip=$(ls "$repo"/plugins/data-s3/target/data-s3-*.zip)
cmp -s "$s3_zip" "$repo/core/app/target/plugins/$(basename "$s3_zip")" \
  || { echo "the server would run another build of data-s3 than $s3_zip: install this checkout again" >&2; exit 1; }
server_dir="$repo/core/app/target/liberty/wlp/usr/servers/defaultServer"
mkdir -p "$server_dir/configDropins/overrides"
printf -- '-Xmx256m\n' > "$server_dir/configDropins/overrides/jvm.options"
if [ "${BENCH_JFR:-0}" = 1 ]; then
  printf -- '-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=%s\n' "$work/server.jfr" \
    >> "$server_dir/configDropins/overrides/jvm.options"
fi
(cd "$repo" && ./mvnw -q dependency:copy -Dartifact=org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies \
  -DoutputDirectory="$work" -Dmdep.stripVersion=true)

cat > "$work/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$s3_port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$access
s3proxy.credential=$secret
jclouds.provider=filesystem-nio2
jclouds.identity=$access
jclouds.credential=$secret
jclouds.filesystem.basedir=$work/s3
CONF
s3_jfr=()
[ "${BENCH_JFR:-0}" = 1 ] && s3_jfr=("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=$work/s3proxy.jfr")
java -Xmx512m "${s3_jfr[@]}" -jar "$work"/s3proxy*.jar --properties "$work/s3proxy.conf" > "$work/s3proxy.log" 2>&1 &
s3_pid=$!

# The server reads its settings from the environment: first admin, no throttling surprises, a video limit
# above the benchmark file.
export AIAPPSTORE_ADMIN_PASSWORD="$admin_password"
export AIAPPSTORE_MEDIA_MAX_VIDEO_BYTES=$(( (size_mb + 16) * 1024 * 1024 ))
"$repo/core/app/target/liberty/wlp/bin/server" start defaultServer > /dev/null
for _ in $(seq 1 120); do
  curl -sf "http://localhost:$port/health/ready" > /dev/null && break; sleep 1
done
curl -sf "http://localhost:$port/health/ready" > /dev/null || { echo "server not ready" >&2; exit 1; }
server_pid=$(cat "$repo/core/app/target/liberty/wlp/usr/servers/.pid/defaultServer.pid")

api="http://localhost:$port/api/v1"
token=$(curl -sS --fail-with-body -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$admin_password\"}" "$api/auth/login" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
auth=(-H "Authorization: Bearer $token")
connector=$(python3 -c 'import json, sys
config = {"endpoint": sys.argv[1], "bucket": "bench", "accessKey": sys.argv[2], "secretKey": sys.argv[3],
          "createBucket": "true"}
config.update(kv.split("=", 1) for kv in sys.argv[4].split(",") if kv)
print(json.dumps({"id": "bench-s3", "kind": "data-connector", "factoryId": "s3", "displayName": "Bench S3",
                  "config": config}))' "http://127.0.0.1:$s3_port" "$access" "$secret" "$s3_settings")
curl -sS --fail-with-body "${auth[@]}" -H 'Content-Type: application/json' -d "$connector" \
  -o "$work/connector.json" "$api/admin/connectors" || { cat "$work/connector.json" >&2; exit 1; }
curl -sf "${auth[@]}" -X POST "$api/admin/connectors/bench-s3/activate" > /dev/null

echo "== writing a ${size_mb} MiB MP4-shaped file"
file="$work/video.mp4"
# An ftyp box makes the content sniff as MP4; the rest is random so nothing compresses.
printf '\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2' > "$file"
head -c $(( size_mb * 1024 * 1024 - 24 )) /dev/urandom >> "$file"
bytes=$(stat -c %s "$file")

# Peak heap while transferring, sampled by jstat from the JVM's shared performance counters: costs the
# server no CPU, unlike polling its /metrics, which took tens of milliseconds of its CPU each time.
jstat -gc "$server_pid" 200 | awk 'NR > 1 {print ($3 + $4 + $6 + $8) * 1024; fflush()}' > "$work/heap.samples" &
sampler_pid=$!

mbps() { python3 -c "print(f'{$1 / 1048576 / $2:.1f}')"; }
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
# CPU seconds (user + system) a process has used so far.
cpu() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"; }
# CPU seconds of each thread of a process, as "pid name seconds" lines; names lose their digits.
threads() {
  for task in /proc/"$1"/task/*; do
    # Threads may end between listing and reading.
    awk -v hz="$(getconf CLK_TCK)" -v pid="$1" -v name="$({ tr -d '0-9' < "$task/comm"; } 2> /dev/null | tr ' ' '_')" \
      '{print pid, name, ($14 + $15) / hz}' "$task/stat" 2> /dev/null || true
  done
}
# Runs curl with the given arguments, prints its elapsed seconds and writes "curl server s3proxy" CPU
# seconds spent during the transfer to the file $cpu_out (and, with BENCH_THREADS=1, per thread group
# to $cpu_out.threads).
timed() {
  local server0 s3_0 elapsed
  server0=$(cpu "$server_pid"); s3_0=$(cpu "$s3_pid")
  [ "${BENCH_THREADS:-0}" = 1 ] && { threads "$server_pid"; threads "$s3_pid"; } > "$work/threads.before"
  elapsed=$(/usr/bin/time -f '%U %S' -o "$work/curl.cpu" curl -sf -w '%{time_total}' "$@") || return 1
  awk -v server="$(python3 -c "print($(cpu "$server_pid") - $server0)")" \
    -v s3="$(python3 -c "print($(cpu "$s3_pid") - $s3_0)")" \
    'NR == 1 {printf "%.1f %.1f %.1f\n", $1 + $2, server, s3}' "$work/curl.cpu" > "$cpu_out"
  if [ "${BENCH_THREADS:-0}" = 1 ]; then
    { threads "$server_pid"; threads "$s3_pid"; } | awk -v server="$server_pid" '
      NR == FNR {before[$1 FS $2] += $3; next}
      {after[$1 FS $2] += $3}
      END {for (k in after) {split(k, f, FS); d = after[k] - before[k]
             if (d >= 0.1) printf "      %-8s %-18s %5.1f\n", (f[1] == server ? "server" : "S3Proxy"), f[2], d}}' \
      "$work/threads.before" - | sort -k3 -gr > "$cpu_out.threads"
  fi
  echo "$elapsed"
}

# S3Proxy checks the payload hash header; curl signs the request, the body stays unsigned.
sigv4=(--aws-sigv4 "aws:amz:us-east-1:s3" --user "$access:$secret" -H "x-amz-content-sha256: UNSIGNED-PAYLOAD")
curl -sf "${sigv4[@]}" -X PUT "http://127.0.0.1:$s3_port/bench-direct" > /dev/null
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
directs=(); uploads=(); downloads=()
for round in $(seq 1 "$rounds"); do
  echo "== round $round of $rounds (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  cpu_out="$work/direct.cpu"
  direct=$(timed "${sigv4[@]}" -T "$file" -H 'Content-Type: video/mp4' -o /dev/null \
    "http://127.0.0.1:$s3_port/bench-direct/video.mp4")
  echo "   direct S3 upload  $(mbps "$bytes" "$direct") MiB/s   CPU s curl/server/S3Proxy: $(cat "$cpu_out")"
  cpu_out="$work/upload.cpu"
  upload=$(timed "${auth[@]}" -H 'Content-Type: video/mp4' -T "$file" -X POST -o "$work/upload.json" \
    "$api/media?name=video.mp4")
  echo "   API upload        $(mbps "$bytes" "$upload") MiB/s   CPU s curl/server/S3Proxy: $(cat "$cpu_out")"
  [ -f "$cpu_out.threads" ] && cat "$cpu_out.threads"
  id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$work/upload.json")
  cpu_out="$work/download.cpu"
  download=$(timed "${auth[@]}" -o "$work/downloaded.mp4" "$api/media/$id")
  echo "   API download      $(mbps "$bytes" "$download") MiB/s   CPU s curl/server/S3Proxy: $(cat "$cpu_out")"
  cmp -s "$file" "$work/downloaded.mp4" || { echo "downloaded bytes differ" >&2; exit 1; }
  rm -f "$work/downloaded.mp4"
  curl -sf "${auth[@]}" -X DELETE "$api/media/$id" > /dev/null
  directs+=("$direct"); uploads+=("$upload"); downloads+=("$download")
done
kill "$sampler_pid"; sampler_pid=
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

direct=$(median "${directs[@]}"); upload=$(median "${uploads[@]}"); download=$(median "${downloads[@]}")
peak=$(sort -g "$work/heap.samples" | tail -1)
max=$(curl -s "http://localhost:$port/metrics?scope=base" | awk '/^memory_maxHeap_bytes/ {print $2}')
echo
echo "file:               ${size_mb} MiB, median of $rounds rounds; S3 connector settings: ${s3_settings:-defaults}"
echo "direct S3 upload:   $(mbps "$bytes" "$direct") MiB/s"
echo "API upload:         $(mbps "$bytes" "$upload") MiB/s  ($(python3 -c "print(f'{100 * $direct / $upload:.0f}')") % of direct)"
echo "API download:       $(mbps "$bytes" "$download") MiB/s"
echo "server heap:        peak $(python3 -c "print(f'{$peak / 1048576:.0f}')") MiB used of $(python3 -c "print(f'{$max / 1048576:.0f}')") MiB max"
echo "load average:       $load_before before, $load_after after (1, 5, 15 min; $(nproc) cores)"
