#!/usr/bin/env bash
# Media throughput benchmark: a 1 GiB video uploaded to and downloaded from the API, whose server runs with
# its heap capped at 256 MB and stores media in S3 (S3Proxy), next to a direct upload to the same S3 server.
# Prints throughput in MB/s, the API/direct ratio and the peak heap the server used during the transfers.
#
#   ./mvnw -DskipTests install && bench/media/run.sh      (about 3 minutes; needs curl with --aws-sigv4)
#
# Uses core/app's Liberty (target/liberty) on port 19080 and loopback ports only; stops everything it started.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$repo/bench/media/target"
size_mb="${BENCH_SIZE_MB:-1024}"
port=19080
s3_port=19090
access=bench-access-key
secret="bench-secret-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
admin_password="Bench-Admin-Passphrase-$(date +%s)"
rm -rf "$work" && mkdir -p "$work/s3" "$work/data"

cleanup() {
  "$repo/core/app/target/liberty/wlp/bin/server" stop defaultServer >/dev/null 2>&1 || true
  [ -n "${s3_pid:-}" ] && kill "$s3_pid" 2>/dev/null || true
  [ -n "${sampler_pid:-}" ] && kill "$sampler_pid" 2>/dev/null || true
}
trap cleanup EXIT

echo "== preparing the server and S3Proxy"
(cd "$repo" && ./mvnw -q -f core/app/pom.xml -DskipTests -Dliberty.http.port=$port -Dliberty.https.port=19443 \
  -Dapp.data.dir="$work/data" package liberty:create liberty:install-feature liberty:deploy)
server_dir="$repo/core/app/target/liberty/wlp/usr/servers/defaultServer"
mkdir -p "$server_dir/configDropins/overrides"
printf -- '-Xmx256m\n' > "$server_dir/configDropins/overrides/jvm.options"
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
java -Xmx512m -jar "$work"/s3proxy*.jar --properties "$work/s3proxy.conf" > "$work/s3proxy.log" 2>&1 &
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

api="http://localhost:$port/api/v1"
token=$(curl -sf -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$admin_password\"}" "$api/auth/login" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
auth=(-H "Authorization: Bearer $token")
curl -sf "${auth[@]}" -H 'Content-Type: application/json' -d "{\"id\":\"bench-s3\",\"kind\":\"data-connector\",\
\"factoryId\":\"s3\",\"displayName\":\"Bench S3\",\"config\":{\"endpoint\":\"http://127.0.0.1:$s3_port\",\
\"bucket\":\"bench\",\"accessKey\":\"$access\",\"secretKey\":\"$secret\",\"createBucket\":\"true\"}}" \
  "$api/admin/connectors" > /dev/null
curl -sf "${auth[@]}" -X POST "$api/admin/connectors/bench-s3/activate" > /dev/null

echo "== writing a ${size_mb} MiB MP4-shaped file"
file="$work/video.mp4"
# An ftyp box makes the content sniff as MP4; the rest is random so nothing compresses.
printf '\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2' > "$file"
head -c $(( size_mb * 1024 * 1024 - 24 )) /dev/urandom >> "$file"
bytes=$(stat -c %s "$file")

# Peak heap while transferring, sampled from the server's own metrics.
( while true; do
    curl -s "http://localhost:$port/metrics?scope=base" | awk '/^memory_usedHeap_bytes/ {print $2}'
    sleep 0.2
  done ) > "$work/heap.samples" &
sampler_pid=$!

mbps() { python3 -c "print(f'{$1 / 1048576 / $2:.1f}')"; }

echo "== direct upload to S3"
# S3Proxy checks the payload hash header; curl signs the request, the body stays unsigned.
sigv4=(--aws-sigv4 "aws:amz:us-east-1:s3" --user "$access:$secret" -H "x-amz-content-sha256: UNSIGNED-PAYLOAD")
curl -sf "${sigv4[@]}" -X PUT "http://127.0.0.1:$s3_port/bench-direct" > /dev/null
direct=$(curl -sf "${sigv4[@]}" -T "$file" \
  -H 'Content-Type: video/mp4' -w '%{time_total}' -o /dev/null "http://127.0.0.1:$s3_port/bench-direct/video.mp4")
echo "== upload through the API"
upload=$(curl -sf "${auth[@]}" -H 'Content-Type: video/mp4' -T "$file" -X POST -w '%{time_total}' \
  -o "$work/upload.json" "$api/media?name=video.mp4")
id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$work/upload.json")
echo "== download through the API"
download=$(curl -sf "${auth[@]}" -w '%{time_total}' -o "$work/downloaded.mp4" "$api/media/$id")
cmp -s "$file" "$work/downloaded.mp4" || { echo "downloaded bytes differ" >&2; exit 1; }
kill "$sampler_pid"; sampler_pid=

peak=$(sort -g "$work/heap.samples" | tail -1)
max=$(curl -s "http://localhost:$port/metrics?scope=base" | awk '/^memory_maxHeap_bytes/ {print $2}')
echo
echo "file:               ${size_mb} MiB"
echo "direct S3 upload:   $(mbps "$bytes" "$direct") MiB/s"
echo "API upload:         $(mbps "$bytes" "$upload") MiB/s  ($(python3 -c "print(f'{100 * $direct / $upload:.0f}')") % of direct)"
echo "API download:       $(mbps "$bytes" "$download") MiB/s"
echo "server heap:        peak $(python3 -c "print(f'{$peak / 1048576:.0f}')") MiB used of $(python3 -c "print(f'{$max / 1048576:.0f}')") MiB max"
