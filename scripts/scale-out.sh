#!/usr/bin/env bash
# Scale-out check and load run on this machine (127.0.0.1 only; everything stops by itself):
#   PostgreSQL on :5443, two app instances (:5301 "app1", :5302 "app2", Production, demo data) and nginx
#   round robin over TLS on :5300 without sticky sessions. Then
#   1. a user signs in through nginx and keeps working, read and write, whichever instance answers
#      (shared data-protection keys in the database: cookies and antiforgery tokens work on both);
#   2. tools/QualityGates.LoadTest runs USERS signed-in users for SECONDS seconds; half-way through,
#      app2 is killed with SIGKILL; the tool then checks the database against what it saw succeed.
# Results go to docs/results/scale-out-last-run.md. Usage: scripts/scale-out.sh [USERS] [SECONDS]
set -euo pipefail
USERS=${1:-50}
SECONDS_OF_LOAD=${2:-60}
# shellcheck source=lib/cluster.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/cluster.sh"
trap cluster_cleanup EXIT
RESULT="$REPO/docs/results/scale-out-last-run.md"
BASE="https://127.0.0.1:$PROXY_PORT"

require_packages nginx:nginx curl:curl openssl:openssl psql:postgresql-client-15 "$PGBIN/initdb:postgresql-15"
publish_app
log "Building the load-test tool"
dotnet build "$REPO/tools/QualityGates.LoadTest" -c Release -v q -nologo >"$WORK/tool-build.log" 2>&1 || { cat "$WORK/tool-build.log"; exit 1; }
pg_start
create_database
# 50 users sign in from one address (this machine) within seconds: the per-address sign-in limit is lifted
# for this run only. Instance 1 first: it migrates, seeds the demo data and creates the first key.
LIMITS=(RateLimiting__Login__PermitLimitPerAddress=1000)
start_app app1 "${APP_PORTS[0]}" "${LIMITS[@]}"
start_app app2 "${APP_PORTS[1]}" "${LIMITS[@]}"
APP2_PID=${APP_PIDS[1]}
start_proxy "${APP_PORTS[@]}"

# --- 1. One session, both instances ---------------------------------------------------------------------
log "Scale-out check: sign in through nginx, then read and post whichever instance answers"
sign_in user "$BASE" sales@demo.local
declare -A served=()
for i in $(seq 1 10); do
    read -r status instance < <(web user -o /dev/null -D - -w '%{http_code}\n' "$BASE/Promises" \
        | awk 'tolower($1)=="x-instance:"{gsub("\r","");i=$2} /^[0-9][0-9][0-9]$/{s=$1} END{print s, i}')
    [[ $status == 200 ]] || { echo "FAILED: GET /Promises answered $status on $instance (signed out?)"; exit 1; }
    served[$instance]=$(( ${served[$instance]:-0} + 1 ))
done
reads="GET /Promises signed in: $(for k in "${!served[@]}"; do printf '%s×%s ' "$k" "${served[$k]}"; done)"
log "$reads"
((${#served[@]} == 2)) || { echo "FAILED: reads were not served by both instances"; exit 1; }

run=$(date -u +%H%M%S)
declare -A posted=()
cross=0
for i in $(seq 1 6); do
    ((i % 2 == 1)) && web user -o /dev/null "$BASE/"   # shifts the round robin so posts land on both instances
    form_instance=$(web user -D "$WORK/form.headers" -o "$WORK/form.html" "$BASE/Customers/Create" -w '' \
        && awk 'tolower($1)=="x-instance:"{gsub("\r","");print $2}' "$WORK/form.headers")
    read -r status instance < <(web user -o /dev/null -D - -w '%{http_code}\n' "$BASE/Customers/Create" \
        --data-urlencode "__RequestVerificationToken=$(form_token "$WORK/form.html")" \
        --data-urlencode "Input.Name=Scale-out $run $i" --data-urlencode "Input.AccountNumber=SO-$run-$i" \
        | awk 'tolower($1)=="x-instance:"{gsub("\r","");i=$2} /^[0-9][0-9][0-9]$/{s=$1} END{print s, i}')
    [[ $status == 302 ]] || { echo "FAILED: POST /Customers/Create answered $status on $instance (form from $form_instance)"; exit 1; }
    posted[$instance]=$(( ${posted[$instance]:-0} + 1 ))
    [[ $instance == "$form_instance" ]] || cross=$((cross + 1))
done
saved=$(pg_sql "SELECT COUNT(*) FROM \"Customers\" WHERE \"AccountNumber\" LIKE 'SO-$run-%'")
writes="POST /Customers/Create: $(for k in "${!posted[@]}"; do printf '%s×%s ' "$k" "${posted[$k]}"; done)— $cross of 6 posted to the other instance than the one that served the form; $saved of 6 saved"
log "$writes"
((${#posted[@]} == 2 && cross > 0 && saved == 6)) || { echo "FAILED: posts were not accepted across instances"; exit 1; }

# --- 2. Load, with one instance killed half-way ----------------------------------------------------------------
log "Load: $USERS users for $SECONDS_OF_LOAD s; app2 (pid $APP2_PID) gets SIGKILL half-way"
dotnet "$REPO/tools/QualityGates.LoadTest/bin/Release/net10.0/QualityGates.LoadTest.dll" --base-url "$BASE" --db "$(pg_connection)" \
    --users "$USERS" --seconds "$SECONDS_OF_LOAD" --report "$WORK/load.json" >"$WORK/load.out" 2>&1 &
tool=$!
for _ in $(seq 1 600); do grep -q "Load starts" "$WORK/load.out" && break; sleep 1; done
sleep $((SECONDS_OF_LOAD / 2))
kill -9 "$APP2_PID"
killed_at=$(date -u +%H:%M:%S)
log "app2 killed at $killed_at"
load_status=0
wait "$tool" || load_status=$?
cat "$WORK/load.out"
errors_in_logs=$(cat "$WORK"/logs/*.log 2>/dev/null | grep -c '"@l":"Error"' || true)
error_kinds=$(cat "$WORK"/logs/*.log 2>/dev/null | grep '"@l":"Error"' | python3 -c '
import json, sys, collections
kinds = collections.Counter()
for line in sys.stdin:
    event = json.loads(line)
    first = (event.get("@x") or "").splitlines()[:1]
    kinds[(event.get("@mt", "") + " " + (first[0] if first else ""))[:220]] += 1
for kind, n in kinds.most_common(5):
    print(f"- {n}× {kind}")
' || true)

mkdir -p "$(dirname "$RESULT")"
{
    echo "# Scale-out: last run"
    echo
    echo "Written by \`scripts/scale-out.sh $USERS $SECONDS_OF_LOAD\` on $(date -u '+%Y-%m-%d %H:%M UTC') ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))."
    echo
    echo "## Scale-out check (nginx round robin, no sticky sessions)"
    echo
    echo "- $reads"
    echo "- $writes"
    echo
    echo "## Load run ($USERS users, $SECONDS_OF_LOAD s, app2 killed with SIGKILL at $killed_at)"
    echo
    echo "Exit code of the load-test tool: $load_status. Error-level events in the app logs: $errors_in_logs."
    [[ -z $error_kinds ]] || printf '\n%s\n' "$error_kinds"
    echo
    echo '```json'
    cat "$WORK/load.json" 2>/dev/null || echo "(no report)"
    echo
    echo '```'
} >"$RESULT"
log "Results written to ${RESULT#"$REPO"/}"
exit "$load_status"
