#!/usr/bin/env bash
# Scans the running app with wapiti on this machine (127.0.0.1 only): PostgreSQL on :$PG_PORT (5453), one
# instance (Production, demo data) on :$((PROXY_PORT + 1)) behind nginx TLS on :$PROXY_PORT (5320).
# Once per role that has forms, signed in as its demo user (the administrator last: its forms lock users
# and reset their passwords):
#   1. scripts/lib/discover-forms.py crawls the app as that user (same-origin GET links) and lists every
#      page and every form;
#   2. wapiti (through scripts/lib/wapiti-run.py, which logs every request it sends) starts from those
#      pages, follows no further link, and attacks the forms on them; sign-out is excluded, and so is the
#      administrator's own user page (an e-mail or password change there would end the session);
#   3. the session must still be signed in afterwards, for wapiti's own cookie jar and for the sign-in's.
# Fails unless every discovered POST form was attacked by sql, xss, crlf and redirect (from the request
# log), on any finding of medium severity or above (wapiti levels: 2 medium, 3 high, 4 critical) and on
# any 5xx answer. Results go to docs/results/security-scan-last-run.md. Takes about 25 minutes.
# Usage: scripts/security-scan.sh [SECONDS_PER_MODULE]   (default 30; sql, xss, crlf and redirect get 150)
set -euo pipefail
MODULE_SECONDS=${1:-30}
REQUIRED_SECONDS=150
export PROXY_PORT=${PROXY_PORT:-5320} PG_PORT=${PG_PORT:-5453}
# shellcheck source=lib/cluster.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/cluster.sh"
trap cluster_cleanup EXIT
RESULT="$REPO/docs/results/security-scan-last-run.md"
BASE="https://127.0.0.1:$PROXY_PORT"
ROLES=(sales@demo.local service.manager@demo.local aftersales@demo.local admin@demo.local)

require_packages wapiti:wapiti nginx:nginx openssl:openssl curl:curl psql:postgresql-client-15 "$PGBIN/initdb:postgresql-15"
publish_app
pg_start
create_database
# The scanner posts the login form many times: the sign-in limits would answer 429 to most of its attacks.
start_app app1 "${APP_PORTS[0]}" RateLimiting__Login__PermitLimitPerAddress=100000 RateLimiting__Login__PermitLimitPerUserName=100000
start_proxy "${APP_PORTS[0]}"

# Modules that call out of this machine are left out: ssrf and xxe ask wapiti's public endpoint for
# out-of-band hits, wapp and nikto download their databases.
MODULES=backup,blindsql,brute_login_form,cookieflags,crlf,csp,csrf,exec,file,htaccess,http_headers,methods,permanentxss,redirect,shellshock,sql,xss
ATTACK_TIMES="sql=$REQUIRED_SECONDS,xss=$REQUIRED_SECONDS,crlf=$REQUIRED_SECONDS,redirect=$REQUIRED_SECONDS"
started=$(date -u +%s)
for email in "${ROLES[@]}"; do
    name=${email%%@*}
    excluded=(/Account/Logout)
    check_page=/Account/Settings
    if [[ $email == admin@* ]]; then
        excluded+=("/Admin/Users/Edit/$(pg_sql "SELECT \"Id\" FROM \"AspNetUsers\" WHERE \"Email\" = '$email'")")
        check_page=/Admin/Users
    fi
    sign_in "$name" "$BASE" "$email"
    log "$email: discovering pages and forms"
    /usr/bin/python3 "$REPO/scripts/lib/discover-forms.py" "$BASE" "$WORK/$name.cookies" "$WORK/$name.discovery.json" "${excluded[@]}"
    /usr/bin/python3 - "$WORK/$name" "$BASE" <<'PY'
import json, sys
work, base = sys.argv[1:]
jar = {}  # curl's cookie jar in wapiti's JSON cookie format
for line in open(work + ".cookies"):
    line = line.removeprefix("#HttpOnly_")
    if line.strip() and not line.startswith("#"):
        domain, _, path, secure, _, name, value = line.rstrip("\n").split("\t")
        jar.setdefault(domain, {}).setdefault(path, {})[name] = {
            "value": value, "expires": None, "secure": secure == "TRUE", "port": None, "version": 0}
json.dump(jar, open(work + ".cookies.json", "w"))
open(work + ".seeds", "w").write("".join(base + url + "\n" for url in json.load(open(work + ".discovery.json"))["seeds"]))
PY
    command=(/usr/bin/python3 "$REPO/scripts/lib/wapiti-run.py" -u "$BASE/" --scope folder -s "$WORK/$name.seeds"
        -c "$WORK/$name.cookies.json" --verify-ssl 0 -m "$MODULES" --skip __RequestVerificationToken -d 1
        --max-scan-time 300 --max-attack-time "$MODULE_SECONDS" --flush-session --store-session "$WORK/$name.session"
        -f json -o "$WORK/$name.wapiti.json" -v 1)
    for path in "${excluded[@]}"; do command+=(-x "$BASE$path*"); done
    log "$email: wapiti on $(wc -l <"$WORK/$name.seeds") pages"
    role_started=$(date -u +%s)
    QG_WAPITI_LOG="$WORK/$name.requests.jsonl" QG_CHECK_URL="$BASE$check_page" QG_SEEDS_ONLY=1 QG_ATTACK_TIMES="$ATTACK_TIMES" \
        "${command[@]}" >"$WORK/$name.wapiti.out" 2>&1 || true
    [[ -f $WORK/$name.wapiti.json ]] || { echo "ERROR: wapiti wrote no report for $email:"; tail -30 "$WORK/$name.wapiti.out"; }
    printf '%s\n' "$(( $(date -u +%s) - role_started ))" >"$WORK/$name.seconds"
    web "$name" -o /dev/null -w '%{http_code}' "$BASE$check_page" >"$WORK/$name.signed-in"
    printf '%s ' "${command[@]}" | sed "s|$WORK|\$WORK|g; s|$REPO/||g" >"$WORK/$name.command"
    log "$email: done in $(cat "$WORK/$name.seconds") s, $(wc -l <"$WORK/$name.requests.jsonl") requests"
done
duration=$(( $(date -u +%s) - started ))

mkdir -p "$(dirname "$RESULT")"
status=0
/usr/bin/python3 "$REPO/scripts/lib/scan-report.py" "$WORK" "$RESULT" \
    "scripts/security-scan.sh $MODULE_SECONDS" "$(dpkg-query -W -f='${Version}' wapiti)" "$duration" "${ROLES[@]}" || status=$?
cat "$RESULT"
exit "$status"
