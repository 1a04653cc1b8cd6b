# Sourced by run.sh and sql-trace.sh: the arguments our server runs with in every benchmark step.
# our_server_args SEED_YML DATABASE PORT prints them, one per line (read them into an array with mapfile).
# The abuse limits are raised so that they never answer 429 under load: the benchmark measures the work of a flow,
# not the limits (the counters are still written). The poll storm keeps many requests pending per customer. http
# notification endpoints on 127.0.0.1 are allowed for the load generator's ping receiver.
our_server_args() {
  printf '%s\n' \
    "--spring.config.additional-location=file:$1" \
    "--server.address=127.0.0.1" "--server.port=$3" "--ciba.issuer=http://127.0.0.1:$3" \
    "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/$2?user=postgres" \
    "--ciba.limits.requests.max=1000000000" "--ciba.limits.client-requests.max=1000000000" \
    "--ciba.request.max-pending-per-client-and-customer=100000" \
    "--ciba.delivery.allow-insecure-endpoints=true"
}
