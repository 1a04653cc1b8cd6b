#!/usr/bin/env bash
# Starts Keycloak (production mode, built by setup.sh) on 127.0.0.1 and PostgreSQL, and waits until
# /health/ready answers. Writes the PIDs of kc.sh and of its java process to $KC_RUN_DIR and the time from launch
# to ready, in seconds, to $KC_RUN_DIR/startup_s. The authentication channel points at the load generator's stub
# on $STUB_PORT, which only has to listen once CIBA requests come.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/env.sh"
mkdir -p "$KC_RUN_DIR"

if [ -f "$KC_RUN_DIR/keycloak.pid" ] && kill -0 "$(cat "$KC_RUN_DIR/keycloak.pid")" 2>/dev/null; then
  echo "Keycloak already runs (pid $(cat "$KC_RUN_DIR/keycloak.pid")); run stop.sh first" >&2
  exit 1
fi

export JAVA_HOME="$KC_JAVA_HOME"
export KC_BOOTSTRAP_ADMIN_USERNAME="$KC_ADMIN_USER" KC_BOOTSTRAP_ADMIN_PASSWORD="$KC_ADMIN_PASSWORD"
T0=$(date +%s%N)
# setsid: kc.sh and its java child get a process group of their own, which stop.sh ends as a whole.
CHANNEL_OPTION=--spi-ciba-auth-channel--ciba-http-auth-channel--http-authentication-channel-uri
setsid "$KC_HOME/bin/kc.sh" start --optimized \
  --http-enabled=true --http-host=127.0.0.1 --http-port="$KC_HTTP_PORT" \
  --http-management-host=127.0.0.1 --http-management-port="$KC_MGMT_PORT" \
  --hostname-strict=false --cache=local \
  --db-url="$KC_PG_URL" --db-username=postgres --db-password=postgres \
  "$CHANNEL_OPTION=http://127.0.0.1:${STUB_PORT}/request" \
  > "$KC_RUN_DIR/keycloak.log" 2>&1 < /dev/null &
echo $! > "$KC_RUN_DIR/keycloak.pid"

READY=""
for _ in $(seq 1 1800); do   # at most 180 s, checked every 0.1 s
  if curl -fsS -o /dev/null "http://127.0.0.1:${KC_MGMT_PORT}/health/ready" 2>/dev/null; then
    READY=$(date +%s%N)
    break
  fi
  if ! kill -0 "$(cat "$KC_RUN_DIR/keycloak.pid")" 2>/dev/null; then
    echo "Keycloak exited; the end of $KC_RUN_DIR/keycloak.log:" >&2
    tail -30 "$KC_RUN_DIR/keycloak.log" >&2
    exit 1
  fi
  sleep 0.1
done
[ -n "$READY" ] || { echo "Keycloak was not ready within 180 s" >&2; exit 1; }
JPID=$(pgrep -P "$(cat "$KC_RUN_DIR/keycloak.pid")" java || true)
[ -n "$JPID" ] || { echo "no java process under kc.sh" >&2; exit 1; }
echo "$JPID" > "$KC_RUN_DIR/keycloak-java.pid"
STARTUP=$(awk -v a="$T0" -v b="$READY" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
echo "$STARTUP" > "$KC_RUN_DIR/startup_s"
echo "Keycloak ready after ${STARTUP} s (kc.sh pid $(cat "$KC_RUN_DIR/keycloak.pid"), java pid $JPID)"
