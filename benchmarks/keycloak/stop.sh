#!/usr/bin/env bash
# Stops exactly what start.sh started: the process group of the recorded kc.sh PID.
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/env.sh"
PF="$KC_RUN_DIR/keycloak.pid"
if [ -f "$PF" ]; then
  pid=$(cat "$PF")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid"
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid"; fi
    echo "stopped Keycloak (pid $pid)"
  fi
  rm -f "$PF"
fi
rm -f "$KC_RUN_DIR/keycloak-java.pid"
