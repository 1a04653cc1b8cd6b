#!/usr/bin/env bash
# Counts the SQL our server sends per complete CIBA flow: one load thread, every statement logged by PostgreSQL.
#   benchmarks/sql-trace.sh
# after benchmarks/run.sh or its build step (the server jar and the benchmark module built with -Pbench);
# SERVER_JAR traces another build of the server, TRACE_DIR chooses where the log and the summary go.
# It turns on log_statement=all for the whole PostgreSQL server (ALTER SYSTEM, reloaded) while the load runs, and
# resets it at the end, also when a step fails: run it only against a PostgreSQL of your own. It reads the server
# log at PG_LOG (default: Debian's), so it needs the right to read that file. Everything listens on 127.0.0.1; the
# server is stopped by its PID and the database dropped.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
. "$HERE/server-args.sh"
: "${PG_LOG:=/var/log/postgresql/postgresql-15-main.log}"
: "${OUR_PORT:=18080}"
: "${TRACE_DIR:=$ROOT/benchmarks/target/sql-trace}"
CP="$ROOT/benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:$ROOT/benchmarks/target/lib/*"
JAR="${SERVER_JAR:-$ROOT/auth-server/target/auth-server.jar}"
DB="ciba_sql_trace_$$"
URL="http://127.0.0.1:$OUR_PORT"
mkdir -p "$TRACE_DIR"
psql_admin() { psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -q "$@"; }

SERVER_PID=""
cleanup() {
  psql_admin -c "ALTER SYSTEM RESET log_statement" -c "ALTER SYSTEM RESET log_line_prefix" \
    -c "SELECT pg_reload_conf()" > /dev/null || true
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2> /dev/null; then
    kill -TERM "$SERVER_PID"
    wait "$SERVER_PID" || true
  fi
  psql_admin -c "DROP DATABASE IF EXISTS $DB" || true
}
trap cleanup EXIT

psql_admin -c "CREATE DATABASE $DB"
java -cp "$CP" dev.ciba.bench.BenchConfig --customers=4 --ping-port=18091 --out="$TRACE_DIR/seed.yml"
mapfile -t SERVER_ARGS < <(our_server_args "$TRACE_DIR/seed.yml" "$DB" "$OUR_PORT")
java -Xmx512m -jar "$JAR" "${SERVER_ARGS[@]}" > "$TRACE_DIR/server.log" 2>&1 < /dev/null &
SERVER_PID=$!
for _ in $(seq 1 240); do
  curl -fsS -o /dev/null "$URL/.well-known/openid-configuration" 2> /dev/null && break
  sleep 0.5
done

psql_admin -c "ALTER SYSTEM SET log_statement = 'all'" -c "ALTER SYSTEM SET log_line_prefix = '%m [%p] '" \
  -c "SELECT pg_reload_conf()" > /dev/null
FIRST_LINE=$(($(wc -l < "$PG_LOG") + 1))
java -cp "$CP" dev.ciba.bench.LoadGenerator --target=ours --base-url="$URL" --server-pid="$SERVER_PID" \
  --customers=4 --threads=1 --warmup-seconds=2 --run-seconds=3 --runs=1 --storm-threads=1 \
  --storm-requests-per-thread=1 --storm-seconds=1 --ping-port=0 --device-key=rsa --database="$DB" \
  --out="$TRACE_DIR/load.json" > "$TRACE_DIR/load.log" 2>&1
psql_admin -c "ALTER SYSTEM RESET log_statement" -c "ALTER SYSTEM RESET log_line_prefix" \
  -c "SELECT pg_reload_conf()" > /dev/null
tail -n "+$FIRST_LINE" "$PG_LOG" | grep 'LOG:  ' > "$TRACE_DIR/statements.log"

# The window from the first stored request to the last redemption holds only complete flows (one thread: they
# run one after the other); the phones' registration before it and the poll storm after it are left out.
awk '
  /INSERT INTO ciba_request/ && !first { first = NR }
  { line[NR] = $0 }
  /UPDATE ciba_request SET status = .REDEEMED/ { last = NR }
  END {
    for (i = first; i <= last; i++) {
      l = line[i]
      if (l !~ /(execute|statement:)/) continue
      statements++
      if (l ~ /COMMIT/) commits++
      else if (l ~ /BEGIN/) begins++
      if (l ~ /UPDATE ciba_request SET status = .REDEEMED/) flows++
    }
    printf "complete flows traced: %d\n", flows
    printf "statements sent per flow: %.1f (of which COMMIT %.2f, BEGIN %.2f; the rest are queries and writes)\n",
      statements / flows, commits / flows, begins / flows
  }' "$TRACE_DIR/statements.log" | tee "$TRACE_DIR/summary.txt"
echo "every statement: $TRACE_DIR/statements.log"
