#!/usr/bin/env bash
# Database outage on this machine (127.0.0.1 only): PostgreSQL on :5443 and one app instance on :5301
# (Production). A signed-in user works; PostgreSQL is stopped: pages answer the friendly 503 page (English
# and German, no stack trace), /health/ready is unhealthy and /health/live healthy; PostgreSQL starts
# again: the same app process recovers by itself, the user is still signed in and can save.
# Results go to docs/results/db-outage-last-run.md. Usage: scripts/db-outage.sh
set -euo pipefail
# shellcheck source=lib/cluster.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/cluster.sh"
trap cluster_cleanup EXIT
RESULT="$REPO/docs/results/db-outage-last-run.md"
BASE="https://127.0.0.1:$PROXY_PORT"
lines=()
check() { # DESCRIPTION EXPECTED ACTUAL
    if [[ $2 == "$3" ]]; then lines+=("- [x] $1: $3"); log "ok   $1: $3"; else lines+=("- [ ] $1: expected $2, got $3"); log "FAIL $1: expected $2, got $3"; failed=1; fi
}
failed=0
status_of() { web user -o "$WORK/page.html" -w '%{http_code}' "$@"; }

require_packages nginx:nginx openssl:openssl curl:curl psql:postgresql-client-15 "$PGBIN/initdb:postgresql-15"
publish_app
pg_start
create_database
# Through nginx over TLS, as in production: the auth cookie is Secure-only outside Development.
start_app app1 "${APP_PORTS[0]}"
start_proxy "${APP_PORTS[0]}"
sign_in user "$BASE" sales@demo.local

check "before: GET /Promises" 200 "$(status_of "$BASE/Promises")"
check "before: /health/ready" 200 "$(curl -sk -o /dev/null -w '%{http_code}' "$BASE/health/ready")"

log "Stopping PostgreSQL"
pg_stop
stopped_at=$(date -u +%H:%M:%S)
check "outage: GET /Promises" 503 "$(status_of "$BASE/Promises")"
check "outage: the page says" "Temporarily unavailable" "$(grep -o 'Temporarily unavailable' "$WORK/page.html" | head -1)"
check "outage: stack trace or exception on the page" 0 "$(grep -ci 'exception\| at QualityGates' "$WORK/page.html" || true)"
check "outage: German page (sign-in attempt, Accept-Language: de)" "Vorübergehend nicht verfügbar" \
    "$(web de -H 'Accept-Language: de' -o "$WORK/de.html" "$BASE/Account/Login" && web de -H 'Accept-Language: de' "$BASE/Account/Login" \
        --data-urlencode "__RequestVerificationToken=$(form_token "$WORK/de.html")" \
        --data-urlencode "Input.Email=sales@demo.local" --data-urlencode "Input.Password=$DEMO_PASSWORD" | python3 -c 'import html, sys; print("Vorübergehend nicht verfügbar" if "Vorübergehend nicht verfügbar" in html.unescape(sys.stdin.read()) else "")')"
web user -o "$WORK/form.html" "$BASE/Customers/Create"
check "outage: POST /Customers/Create" 503 "$(web user -o /dev/null -w '%{http_code}' "$BASE/Customers/Create" \
    --data-urlencode "__RequestVerificationToken=$(form_token "$WORK/form.html")" \
    --data-urlencode "Input.Name=Outage customer" --data-urlencode "Input.AccountNumber=OUT-1")"
check "outage: /health/ready" 503 "$(curl -sk -o /dev/null -w '%{http_code}' "$BASE/health/ready")"
check "outage: /health/live" 200 "$(curl -sk -o /dev/null -w '%{http_code}' "$BASE/health/live")"
check "outage: the app process is still running" yes "$(kill -0 "${APP_PIDS[0]}" 2>/dev/null && echo yes || echo no)"

log "Starting PostgreSQL again"
pg_start
started_at=$(date -u +%H:%M:%S)
recovered=""
for i in $(seq 1 60); do
    if [[ $(curl -sk -o /dev/null -w '%{http_code}' "$BASE/health/ready") == 200 ]]; then recovered="${i}s"; break; fi
    sleep 1
done
check "after: ready again without a restart" yes "$([[ -n $recovered ]] && echo yes || echo no)"
check "after: GET /Promises, same session" 200 "$(status_of "$BASE/Promises")"
web user -o "$WORK/form.html" "$BASE/Customers/Create"
check "after: POST /Customers/Create" 302 "$(web user -o /dev/null -w '%{http_code}' "$BASE/Customers/Create" \
    --data-urlencode "__RequestVerificationToken=$(form_token "$WORK/form.html")" \
    --data-urlencode "Input.Name=After the outage" --data-urlencode "Input.AccountNumber=OUT-2")"
check "after: customers saved during the outage" 0 "$(pg_sql "SELECT COUNT(*) FROM \"Customers\" WHERE \"AccountNumber\" = 'OUT-1'")"
check "after: same app process (pid ${APP_PIDS[0]})" yes "$(kill -0 "${APP_PIDS[0]}" 2>/dev/null && echo yes || echo no)"

mkdir -p "$(dirname "$RESULT")"
{
    echo "# Database outage: last run"
    echo
    echo "Written by \`scripts/db-outage.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'). PostgreSQL stopped at $stopped_at, started at $started_at;"
    echo "ready again after ${recovered:-(never)} without restarting the app. Result: $([[ $failed == 0 ]] && echo PASSED || echo FAILED)."
    echo
    printf '%s\n' "${lines[@]}"
} >"$RESULT"
log "Results written to ${RESULT#"$REPO"/}"
exit "$failed"
