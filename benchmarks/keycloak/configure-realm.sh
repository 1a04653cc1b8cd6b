#!/usr/bin/env bash
# Configures a running Keycloak for the CIBA benchmark through its admin REST API (curl only). Recreates:
#   realm $REALM  CIBA poll mode, cibaInterval=$CIBA_INTERVAL, cibaExpiresIn=$CIBA_EXPIRES_IN, user hint login_hint,
#                 sslRequired=none (plain http on loopback)
#   client        confidential $CLIENT_ID with client_secret_basic, the CIBA grant on, poll delivery, other grants off
#   users         bench-user-1 .. bench-user-$BENCH_USERS
# The authentication-channel URI is a server (SPI) option, set by start.sh, not a realm setting.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/env.sh"

OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
TOKEN=$(curl -fsS -X POST "$KC_URL/realms/master/protocol/openid-connect/token" \
  -d grant_type=password -d client_id=admin-cli \
  --data-urlencode "username=$KC_ADMIN_USER" --data-urlencode "password=$KC_ADMIN_PASSWORD" |
  sed 's/.*"access_token":"\([^"]*\)".*/\1/')
api() { # method path [curl arguments]: prints the status, leaves the body in $OUT
  local method=$1 path=$2
  shift 2
  curl -sS -o "$OUT" -w '%{http_code}' -X "$method" "$KC_URL/admin$path" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"
}

code=$(api DELETE "/realms/$REALM"); echo "delete realm $REALM: $code (404: there was none)"

code=$(api POST /realms --data @- <<JSON
{
  "realm": "$REALM",
  "enabled": true,
  "sslRequired": "none",
  "attributes": {
    "cibaBackchannelTokenDeliveryMode": "poll",
    "cibaExpiresIn": "$CIBA_EXPIRES_IN",
    "cibaInterval": "$CIBA_INTERVAL",
    "cibaAuthRequestedUserHint": "login_hint"
  }
}
JSON
)
[ "$code" = 201 ] || { echo "create realm: $code"; cat "$OUT"; exit 1; }

code=$(api POST "/realms/$REALM/clients" --data @- <<JSON
{
  "clientId": "$CLIENT_ID",
  "protocol": "openid-connect",
  "enabled": true,
  "publicClient": false,
  "clientAuthenticatorType": "client-secret",
  "secret": "$CLIENT_SECRET",
  "standardFlowEnabled": false,
  "implicitFlowEnabled": false,
  "directAccessGrantsEnabled": false,
  "serviceAccountsEnabled": false,
  "consentRequired": false,
  "attributes": {
    "oidc.ciba.grant.enabled": "true",
    "ciba.backchannel.token.delivery.mode": "poll"
  }
}
JSON
)
[ "$code" = 201 ] || { echo "create client: $code"; cat "$OUT"; exit 1; }

for i in $(seq 1 "$BENCH_USERS"); do
  code=$(api POST "/realms/$REALM/users" --data @- <<JSON
{ "username": "bench-user-$i", "enabled": true, "email": "bench-user-$i@example.invalid",
  "emailVerified": true, "firstName": "Bench", "lastName": "User$i", "requiredActions": [] }
JSON
  )
  [ "$code" = 201 ] || { echo "user $i: $code"; cat "$OUT"; exit 1; }
done
echo "realm $REALM configured: client $CLIENT_ID, $BENCH_USERS users, cibaInterval $CIBA_INTERVAL s"
