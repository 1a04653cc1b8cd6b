#!/usr/bin/env bash
# The whole CIBA benchmark in one command (see docs/benchmarks.md):
#   build -> JMH (one token signature) -> our server on a fresh PostgreSQL database (first boot, two restarts,
#   load) -> Keycloak on a fresh PostgreSQL database (the same) -> results table.
# Everything runs on this machine and listens on 127.0.0.1 only; every process this script starts is stopped by its
# PID and both databases are dropped, also when a step fails.
#
# Knobs (environment): BENCH_QUICK=1 (a short smoke run), BENCH_SKIP_BUILD=1, BENCH_SKIP_OURS=1, BENCH_SKIP_KEYCLOAK=1,
# SERVER_CDS=1 (our server from the extracted jar with a class-data-sharing archive, as the README's start-up recipe),
# BENCH_DEVICE_KEY (rsa, the simulator's default, or ec),
# BENCH_RESULTS_DIR, BENCH_THREADS, BENCH_WARMUP_SECONDS, BENCH_RUN_SECONDS, BENCH_RUNS, BENCH_CUSTOMERS,
# SERVER_JAVA (java binary for our server and JMH), SERVER_JAVA_OPTS, SERVER_EXTRA_ARGS, LOADGEN_JAVA, OUR_PORT,
# PING_PORT, and the Keycloak settings of keycloak/env.sh.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
. "$HERE/keycloak/env.sh"
. "$HERE/server-args.sh"

: "${BENCH_QUICK:=0}"
if [ "$BENCH_QUICK" = 1 ]; then
  : "${BENCH_WARMUP_SECONDS:=10}" "${BENCH_RUN_SECONDS:=5}" "${BENCH_STORM_SECONDS:=4}" "${BENCH_PING_SECONDS:=5}"
  : "${JMH_ARGS:=-f 1 -wi 1 -w 1s -i 2 -r 1s}"
fi
: "${BENCH_THREADS:=32}"
: "${BENCH_WARMUP_SECONDS:=60}"
: "${BENCH_RUN_SECONDS:=20}"
: "${BENCH_RUNS:=3}"
: "${BENCH_STORM_SECONDS:=10}"
: "${BENCH_PING_SECONDS:=15}"
: "${BENCH_CUSTOMERS:=$BENCH_USERS}"
: "${BENCH_DEVICE_KEY:=rsa}"
: "${JMH_ARGS:=-f 1 -wi 3 -w 2s -i 5 -r 2s}"
: "${SERVER_JAVA:=java}"
: "${SERVER_JAVA_OPTS:=-Xmx512m}"
: "${SERVER_EXTRA_ARGS:=}"
: "${LOADGEN_JAVA:=$KC_JAVA_HOME/bin/java}"
: "${OUR_PORT:=18080}"
: "${PING_PORT:=18091}"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
: "${BENCH_RESULTS_DIR:=$ROOT/benchmarks/target/results/$STAMP}"
OUR_DB="ciba_bench_ours_$$"
export KC_PG_DATABASE="ciba_bench_keycloak_$$"
export KC_PG_URL="jdbc:postgresql://127.0.0.1:5432/${KC_PG_DATABASE}"
OUR_URL="http://127.0.0.1:$OUR_PORT"
mkdir -p "$BENCH_RESULTS_DIR"
LOG="$BENCH_RESULTS_DIR/run.log"
exec > >(tee -a "$LOG") 2>&1
START_EPOCH=$(date +%s)
say() { echo "[run.sh $(date +%H:%M:%S)] $*"; }
psql_admin() { psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -v ON_ERROR_STOP=1 -q -c "$1"; }

OUR_PID=""
stop_ours() {
  if [ -n "$OUR_PID" ] && kill -0 "$OUR_PID" 2>/dev/null; then
    kill -TERM "$OUR_PID"
    for _ in $(seq 1 300); do kill -0 "$OUR_PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$OUR_PID" 2>/dev/null && kill -KILL "$OUR_PID"
  fi
  OUR_PID=""
}
cleanup() {
  stop_ours
  [ "${BENCH_SKIP_KEYCLOAK:-0}" = 1 ] || "$HERE/keycloak/stop.sh" || true
  psql_admin "DROP DATABASE IF EXISTS $OUR_DB" || true
  psql_admin "DROP DATABASE IF EXISTS ${OUR_DB}_cds" || true
  psql_admin "DROP DATABASE IF EXISTS $KC_PG_DATABASE" || true
}
trap cleanup EXIT

CP="$ROOT/benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:$ROOT/benchmarks/target/lib/*"
JAR="$ROOT/auth-server/target/auth-server.jar"

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  say "building the server and the benchmark (tests skipped)"
  (cd "$ROOT" && ./mvnw -q -B -Pbench -pl auth-server,benchmarks -am -DskipTests package)
fi
if [ "${BENCH_SKIP_KEYCLOAK:-0}" != 1 ]; then
  say "Keycloak distribution (downloaded once from Maven Central to $KC_DL_DIR)"
  "$HERE/keycloak/setup.sh"
fi

say "JMH: one token signature ($JMH_ARGS)"
"$SERVER_JAVA" -cp "$CP" org.openjdk.jmh.Main TokenSignatureBenchmark $JMH_ARGS \
  -rf json -rff "$BENCH_RESULTS_DIR/jmh.json" > "$BENCH_RESULTS_DIR/jmh.log" 2>&1
grep -E "^Benchmark|TokenSignatureBenchmark\." "$BENCH_RESULTS_DIR/jmh.log" | tail -3

start_ours() { # sets OUR_PID, and STARTUP_S to the seconds from launch to the discovery document answering 200
  local t0 t1
  t0=$(date +%s%N)
  local args
  mapfile -t args < <(our_server_args "$BENCH_RESULTS_DIR/bench-seed.yml" "$OUR_DB" "$OUR_PORT")
  # shellcheck disable=SC2086
  "$SERVER_JAVA" $SERVER_JAVA_OPTS $SERVER_LAUNCH "${args[@]}" $SERVER_EXTRA_ARGS \
    >> "$BENCH_RESULTS_DIR/ours-server.log" 2>&1 < /dev/null &
  OUR_PID=$!
  for _ in $(seq 1 2400); do   # at most 120 s, checked every 50 ms
    if curl -fsS -o /dev/null "$OUR_URL/.well-known/openid-configuration" 2>/dev/null; then
      t1=$(date +%s%N)
      STARTUP_S=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
      return 0
    fi
    if ! kill -0 "$OUR_PID" 2>/dev/null; then
      echo "our server exited; see $BENCH_RESULTS_DIR/ours-server.log" >&2
      return 1
    fi
    sleep 0.05
  done
  echo "our server was not ready within 120 s" >&2
  return 1
}
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# ---------------------------------------------------------------------------------------------------- our server
OURS_FIRST="–"; OURS_STARTUP="NaN"
if [ "${BENCH_SKIP_OURS:-0}" != 1 ]; then
"$LOADGEN_JAVA" -cp "$CP" dev.ciba.bench.BenchConfig --customers="$BENCH_CUSTOMERS" --ping-port="$PING_PORT" \
  --out="$BENCH_RESULTS_DIR/bench-seed.yml"
psql_admin "CREATE DATABASE $OUR_DB"
SERVER_LAUNCH="-jar $JAR"
OURS_LAUNCH_NOTE=""
if [ "${SERVER_CDS:-0}" = 1 ]; then
  # The README's recipe: extract the jar, record the classes a start loads in a training start on a database of its
  # own (so that the first boot below is still a first boot), then start with that archive.
  CDS_DIR="$BENCH_RESULTS_DIR/cds"
  say "class-data sharing: extracting the jar and recording the archive"
  "$SERVER_JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$CDS_DIR/app" > /dev/null
  psql_admin "CREATE DATABASE ${OUR_DB}_cds"
  mapfile -t CDS_ARGS < <(our_server_args "$BENCH_RESULTS_DIR/bench-seed.yml" "${OUR_DB}_cds" "$OUR_PORT")
  # shellcheck disable=SC2086
  "$SERVER_JAVA" $SERVER_JAVA_OPTS -XX:ArchiveClassesAtExit="$CDS_DIR/app.jsa" -Dspring.context.exit=onRefresh \
    -jar "$CDS_DIR/app/auth-server.jar" "${CDS_ARGS[@]}" > "$BENCH_RESULTS_DIR/cds-training.log" 2>&1 < /dev/null
  psql_admin "DROP DATABASE ${OUR_DB}_cds"
  SERVER_LAUNCH="-XX:SharedArchiveFile=$CDS_DIR/app.jsa -jar $CDS_DIR/app/auth-server.jar"
  OURS_LAUNCH_NOTE=", extracted jar with a class-data-sharing archive (SERVER_CDS=1)"
fi

say "our server: first boot on an empty database"
start_ours; OURS_FIRST=$STARTUP_S; say "ready after $OURS_FIRST s"; stop_ours
OURS_RESTARTS=""
for i in 1 2 3; do
  start_ours; say "restart $i: ready after $STARTUP_S s"; OURS_RESTARTS="$OURS_RESTARTS $STARTUP_S"
  [ "$i" = 3 ] || stop_ours
done
OURS_STARTUP=$(echo "$OURS_RESTARTS" | median)
say "our server runs as pid $OUR_PID; load generator starts"
"$LOADGEN_JAVA" -cp "$CP" dev.ciba.bench.LoadGenerator --target=ours --base-url="$OUR_URL" --server-pid="$OUR_PID" \
  --customers="$BENCH_CUSTOMERS" --threads="$BENCH_THREADS" --warmup-seconds="$BENCH_WARMUP_SECONDS" \
  --run-seconds="$BENCH_RUN_SECONDS" --runs="$BENCH_RUNS" --storm-seconds="$BENCH_STORM_SECONDS" \
  --ping-port="$PING_PORT" --ping-seconds="$BENCH_PING_SECONDS" --device-key="$BENCH_DEVICE_KEY" \
  --database="$OUR_DB" --out="$BENCH_RESULTS_DIR/ours.json"
stop_ours
psql_admin "DROP DATABASE IF EXISTS $OUR_DB"
fi

# ---------------------------------------------------------------------------------------------------- Keycloak
KC_FIRST="–"; KC_STARTUP="NaN"
if [ "${BENCH_SKIP_KEYCLOAK:-0}" != 1 ]; then
  psql_admin "CREATE DATABASE $KC_PG_DATABASE"
  say "Keycloak: first boot on an empty database"
  "$HERE/keycloak/start.sh"; KC_FIRST=$(cat "$KC_RUN_DIR/startup_s")
  "$HERE/keycloak/configure-realm.sh"
  KC_RESTARTS=""
  for i in 1 2 3; do
    "$HERE/keycloak/stop.sh"
    "$HERE/keycloak/start.sh"; KC_RESTARTS="$KC_RESTARTS $(cat "$KC_RUN_DIR/startup_s")"
  done
  KC_STARTUP=$(echo "$KC_RESTARTS" | median)
  KC_JAVA_PID=$(cat "$KC_RUN_DIR/keycloak-java.pid")
  say "Keycloak runs as java pid $KC_JAVA_PID; load generator starts"
  "$LOADGEN_JAVA" -cp "$CP" dev.ciba.bench.LoadGenerator --target=keycloak --base-url="$KC_URL" \
    --server-pid="$KC_JAVA_PID" --database="$KC_PG_DATABASE" --realm="$REALM" --client-id="$CLIENT_ID" \
    --client-secret="$CLIENT_SECRET" \
    --users="$BENCH_USERS" --stub-port="$STUB_PORT" --threads="$BENCH_THREADS" \
    --warmup-seconds="$BENCH_WARMUP_SECONDS" --run-seconds="$BENCH_RUN_SECONDS" --runs="$BENCH_RUNS" \
    --storm-seconds="$BENCH_STORM_SECONDS" --out="$BENCH_RESULTS_DIR/keycloak.json"
  "$HERE/keycloak/stop.sh"
  psql_admin "DROP DATABASE IF EXISTS $KC_PG_DATABASE"
fi

# ---------------------------------------------------------------------------------------------------- report
ELAPSED=$(( $(date +%s) - START_EPOCH ))
CPU_MODEL=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
MEMORY=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
MACHINE="$(nproc) cores ($CPU_MODEL), $MEMORY"
"$LOADGEN_JAVA" -cp "$CP" dev.ciba.bench.Report --ours="$BENCH_RESULTS_DIR/ours.json" \
  --keycloak="$BENCH_RESULTS_DIR/keycloak.json" --jmh="$BENCH_RESULTS_DIR/jmh.json" \
  --out="$BENCH_RESULTS_DIR/results.md" --cores="$(nproc)" --machine="$MACHINE" \
  --started="$STAMP" --duration="$((ELAPSED / 60)) min $((ELAPSED % 60)) s" \
  --ours-java="$("$SERVER_JAVA" -version 2>&1 | head -1), $SERVER_JAVA_OPTS${OURS_LAUNCH_NOTE:-}" \
  --keycloak-java="$("$KC_JAVA_HOME/bin/java" -version 2>&1 | head -1), kc.sh defaults" \
  --keycloak-version="$KC_VERSION" --postgres="$(psql -h 127.0.0.1 -U postgres -Atc 'SHOW server_version' postgres)" \
  --ours-startup="$OURS_STARTUP" --ours-first-boot="$OURS_FIRST" \
  --keycloak-startup="$KC_STARTUP" --keycloak-first-boot="$KC_FIRST"
say "done in $((ELAPSED / 60)) min $((ELAPSED % 60)) s; results: $BENCH_RESULTS_DIR/results.md"
cat "$BENCH_RESULTS_DIR/results.md"
