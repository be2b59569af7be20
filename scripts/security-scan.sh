#!/usr/bin/env bash
# Scans the running app with wapiti on this machine (127.0.0.1 only), signed in as the demo administrator:
# PostgreSQL on :5443, one instance (Production, demo data) on :5301 behind nginx TLS on :5300.
# Fails on any finding of medium severity or above (wapiti levels: 2 medium, 3 high, 4 critical) and on
# any "Internal Server Error" anomaly. Results go to docs/results/security-scan-last-run.md.
# Usage: scripts/security-scan.sh [MAX_SCAN_SECONDS]
set -euo pipefail
MAX_SCAN=${1:-900}
# shellcheck source=lib/cluster.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/cluster.sh"
trap cluster_cleanup EXIT
RESULT="$REPO/docs/results/security-scan-last-run.md"
BASE="https://127.0.0.1:$PROXY_PORT"

require_packages wapiti:wapiti nginx:nginx openssl:openssl curl:curl psql:postgresql-client-15 "$PGBIN/initdb:postgresql-15"
publish_app
pg_start
create_database
# The scanner posts the login form many times: the sign-in limits would answer 429 to most of its attacks.
start_app app1 "${APP_PORTS[0]}" RateLimiting__Login__PermitLimitPerAddress=100000 RateLimiting__Login__PermitLimitPerUserName=100000
start_proxy "${APP_PORTS[0]}"

# Authenticated: the session cookie of a real sign-in, in wapiti's JSON cookie format.
sign_in scan "$BASE" admin@demo.local
python3 - "$WORK/scan.cookies" "$WORK/cookies.json" <<'PY'
import json, sys
jar = {}
for line in open(sys.argv[1]):
    if line.startswith("#HttpOnly_"):
        line = line[len("#HttpOnly_"):]
    if not line.strip() or line.startswith("#"):
        continue
    domain, _, path, secure, expires, name, value = line.rstrip("\n").split("\t")
    jar.setdefault(domain, {}).setdefault(path, {})[name] = {
        "value": value, "expires": None, "secure": secure == "TRUE", "port": None, "version": 0}
json.dump(jar, open(sys.argv[2], "w"))
PY

log "wapiti on $BASE (at most $MAX_SCAN s)"
# Modules that call out of this machine are left out: ssrf and xxe ask wapiti's public endpoint for
# out-of-band hits, wapp and nikto download their databases. (wapiti 3.0.4's -x breaks on Python 3.11; the session survives without it: attacked logout and
# change-password forms fail the antiforgery or current-password check, see "still signed in" below.)
MODULES=backup,blindsql,brute_login_form,cookieflags,crlf,csp,csrf,exec,file,htaccess,http_headers,methods,permanentxss,redirect,shellshock,sql,xss
command=(wapiti -u "$BASE/" --scope folder -c "$WORK/cookies.json" --verify-ssl 0 -m "$MODULES"
    --max-scan-time "$MAX_SCAN" --max-attack-time 120 -d 4 --max-links-per-page 40 --flush-session
    -f json -o "$WORK/wapiti.json" -v 1)
started=$(date -u +%s)
"${command[@]}" >"$WORK/wapiti.out" 2>&1 || true
duration=$(( $(date -u +%s) - started ))
still_signed_in=$(web scan -o /dev/null -w '%{http_code}' "$BASE/Admin/Users")

[[ -f $WORK/wapiti.json ]] || { echo "ERROR: wapiti wrote no report:"; tail -30 "$WORK/wapiti.out"; }
summary=$(python3 - "$WORK/wapiti.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
names = {"4": "critical", "3": "high", "2": "medium", "1": "low", "0": "info"}
bad, lines = 0, []
for section in ("vulnerabilities", "anomalies", "additionals"):
    for category, findings in sorted(report.get(section, {}).items()):
        for f in findings:
            level = str(f.get("level", "0"))
            serious = level >= "2" or (section == "anomalies" and "Internal Server Error" in category)
            bad += serious
            lines.append(f"- {section}/{category}: level {level} ({names.get(level, level)}) {f.get('method')} {f.get('path')} "
                         f"{f.get('parameter') or ''} - {f.get('info', '')[:160]}")
        if not findings:
            continue
info = report.get("infos", {})
print(f"crawled {info.get('crawled_pages_nbr', '?')} pages; {len(lines)} findings, {bad} of medium severity or above")
print("\n".join(lines) if lines else "- no findings")
sys.exit(1 if bad else 0)
PY
) && status=0 || status=$?

mkdir -p "$(dirname "$RESULT")"
{
    echo "# Security scan: last run"
    echo
    echo "Written by \`scripts/security-scan.sh $MAX_SCAN\` on $(date -u '+%Y-%m-%d %H:%M UTC'), wapiti $(dpkg-query -W -f='${Version}' wapiti),"
    echo "${duration}s, signed in as admin@demo.local (still signed in afterwards: GET /Admin/Users answered $still_signed_in). Result: $([[ $status == 0 ]] && echo PASSED || echo FAILED)."
    echo
    echo '```'
    printf '%s ' "${command[@]}" | sed "s|$WORK|\$WORK|g"
    echo
    echo '```'
    echo
    echo "$summary"
} >"$RESULT"
cat "$RESULT"
exit "$status"
