#!/usr/bin/env bash
# Fetches Keycloak's server distribution from Maven Central with Maven's own client, unpacks it under /tmp and runs
# its build step for PostgreSQL with the health endpoint on. Does nothing that is already done.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/env.sh"

mkdir -p "$KC_DL_DIR" "$KC_BASE_DIR"
ZIP="$KC_DL_DIR/keycloak-quarkus-dist-${KC_VERSION}.zip"
if [ ! -s "$ZIP" ]; then
  timeout 900 mvn -B -q dependency:copy \
    -Dartifact="org.keycloak:keycloak-quarkus-dist:${KC_VERSION}:zip" \
    -DoutputDirectory="$KC_DL_DIR"
fi
if [ ! -x "$KC_HOME/bin/kc.sh" ]; then
  unzip -q -o "$ZIP" -d "$KC_BASE_DIR"
fi
# The build step is remembered in the distribution (lib/quarkus); a marker keeps it from running twice.
MARKER="$KC_HOME/.ciba-bench-built-postgres"
if [ ! -f "$MARKER" ]; then
  JAVA_HOME="$KC_JAVA_HOME" "$KC_HOME/bin/kc.sh" build --db=postgres --health-enabled=true --metrics-enabled=false
  touch "$MARKER"
fi
echo "Keycloak $(cat "$KC_HOME/version.txt" 2>/dev/null || echo "$KC_VERSION") ready to start from $KC_HOME"
