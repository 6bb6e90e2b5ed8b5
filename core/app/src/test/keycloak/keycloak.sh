#!/usr/bin/env bash
# Starts or stops the real Keycloak the integration tests sign in with (see ../../../README section Identity).
#   keycloak.sh start <unpacked dist parent dir> <port>     keycloak.sh stop <unpacked dist parent dir>
# Keycloak runs in dev mode with an in-memory database and imports the test realm at every start.
set -euo pipefail
action="$1"; base="$(cd "$2" && pwd)"; port="${3:-8180}"
here="$(cd "$(dirname "$0")" && pwd)"
pidfile="$base/keycloak.pid"

case "$action" in
  start)
    home="$(find "$base" -maxdepth 1 -type d -name 'keycloak-*' | head -1)"
    [ -n "$home" ] || { echo "Keycloak distribution not found under $base" >&2; exit 1; }
    mkdir -p "$home/data/import"
    cp "$here/aiappstore-realm.json" "$home/data/import/"
    # Keycloak 26 prefers a newer Java; fall back to the default one, which it still accepts.
    if [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; fi
    export KC_BOOTSTRAP_ADMIN_USERNAME=kcadmin
    export KC_BOOTSTRAP_ADMIN_PASSWORD="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
    nohup bash "$home/bin/kc.sh" start-dev --http-port="$port" --import-realm --db=dev-mem \
      --hostname="http://localhost:$port" > "$base/keycloak.log" 2>&1 &
    echo $! > "$pidfile"
    echo "Keycloak starting on port $port (pid $(cat "$pidfile"), log $base/keycloak.log)"
    ;;
  stop)
    if [ -f "$pidfile" ]; then
      pid="$(cat "$pidfile")"
      # SIGTERM to the recorded launcher only; it stops its Java child.
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
      rm -f "$pidfile"
      echo "Keycloak stopped"
    fi
    ;;
  *) echo "usage: $0 start|stop <dir> [port]" >&2; exit 2 ;;
esac
