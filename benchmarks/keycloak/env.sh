# Settings of the Keycloak side of the benchmark. Every script here sources this file, and any value can be
# overridden from the environment. The Keycloak distribution and its logs live under /tmp, never in the repository;
# everything listens on 127.0.0.1 only.
: "${KC_VERSION:=26.7.3}"
: "${KC_DL_DIR:=/tmp/kcdl}"                       # where the distribution zip is downloaded
: "${KC_BASE_DIR:=/tmp/keycloak}"                 # where it is unpacked
KC_HOME="${KC_BASE_DIR}/keycloak-${KC_VERSION}"
: "${KC_RUN_DIR:=/tmp/keycloak/run}"              # PID files and logs
: "${KC_JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"  # Keycloak 26 needs Java 21 or newer
: "${KC_HTTP_PORT:=18180}"
: "${KC_MGMT_PORT:=19000}"
: "${KC_PG_DATABASE:=ciba_bench_keycloak}"        # created and dropped by benchmarks/run.sh
: "${KC_PG_URL:=jdbc:postgresql://127.0.0.1:5432/${KC_PG_DATABASE}}"
: "${KC_ADMIN_USER:=admin}"
: "${KC_ADMIN_PASSWORD:=admin}"
: "${STUB_PORT:=18089}"                           # the load generator's authentication-channel stub
: "${REALM:=ciba-bench}"
: "${CLIENT_ID:=ciba-bench-client}"
: "${CLIENT_SECRET:=ciba-bench-secret-0123456789abcdef}"
: "${BENCH_USERS:=64}"                            # users bench-user-1 .. bench-user-N
# Realm cibaInterval in seconds. 1 is the smallest that works: with 0 Keycloak 26.7.3 answers every CIBA token
# request with HTTP 500 (the poll throttle entry is stored with a lifespan of the interval, which must be positive).
: "${CIBA_INTERVAL:=1}"
: "${CIBA_EXPIRES_IN:=600}"
KC_URL="http://127.0.0.1:${KC_HTTP_PORT}"
