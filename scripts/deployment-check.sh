#!/usr/bin/env bash
# Walks docs/deployment.md on this machine as far as it can go without systemd as PID 1 and without a
# public name: the very files of docs/deployment/ (unit, environment file, nginx site) with ports and paths
# moved into a work folder on 127.0.0.1. PostgreSQL with its own role and password, the self-contained
# published app started with the unit's ExecStart and the environment file parsed as systemd parses it,
# nginx with TLS in front. Checks each step; results go to docs/results/deployment-check-last-run.md.
# Usage: scripts/deployment-check.sh
set -euo pipefail
# Ports of their own: the scale-out, outage and scan scripts use 5300-5302.
PROXY_PORT=${PROXY_PORT:-5310}
# shellcheck source=lib/cluster.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/cluster.sh"
trap cluster_cleanup EXIT
DOCS="$REPO/docs/deployment"
RESULT="$REPO/docs/results/deployment-check-last-run.md"
APP_PORT=$((PROXY_PORT + 1))
HTTP_PORT=$((PROXY_PORT + 80))
# The site's own name, resolved to this machine for every curl (HSTS leaves out 127.0.0.1 and localhost).
SITE=qualitygates.example.com
BASE="https://$SITE:$PROXY_PORT"
mkdir -p "$WORK/curl" && export CURL_HOME="$WORK/curl"
printf 'resolve = %s:%s:127.0.0.1\nresolve = %s:%s:127.0.0.1\n' "$SITE" "$PROXY_PORT" "$SITE" "$HTTP_PORT" >"$CURL_HOME/.curlrc"
ADMIN_EMAIL=it@deployment.check
ADMIN_PASSWORD=first-administrator-$RANDOM$RANDOM
DB_PASSWORD=db-$RANDOM$RANDOM
results=()
check() { # NAME EXPECTED ACTUAL
    if [[ $2 == "$3" ]]; then results+=("| $1 | $2 | ✓ |"); log "ok: $1"; else results+=("| $1 | expected $2, got $3 | ✗ |"); log "FAILED: $1 (expected $2, got $3)"; fi
}

require_packages nginx:nginx curl:curl openssl:openssl psql:postgresql-client-15 "$PGBIN/initdb:postgresql-15" systemd-analyze:systemd

# --- Step: the unit file -------------------------------------------------------------------------------
mkdir -p "$WORK/unit/opt/qualitygates"
sed "s|/opt/qualitygates|$WORK/unit/opt/qualitygates|g" "$DOCS/qualitygates.service" >"$WORK/unit/qualitygates.service"
touch "$WORK/unit/opt/qualitygates/QualityGates.Web" && chmod +x "$WORK/unit/opt/qualitygates/QualityGates.Web"
verify=$(systemd-analyze verify "$WORK/unit/qualitygates.service" 2>&1 | grep -v "User=\|Group=\|network-online\|postgresql.service" || true)
check "systemd-analyze verify qualitygates.service" "no complaints" "${verify:-no complaints}"

# --- Step: PostgreSQL role and database, as the guide creates them -------------------------------------
pg_start
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc "CREATE ROLE qualitygates LOGIN PASSWORD '$DB_PASSWORD'" >/dev/null
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc "CREATE DATABASE qualitygates OWNER qualitygates" >/dev/null

# --- Step: publish self-contained into the "/opt/qualitygates" of the work folder -----------------------
log "Publishing self-contained for linux-x64 (Release)"
dotnet publish "$REPO/src/QualityGates.Web" -c Release -r linux-x64 --self-contained -o "$WORK/opt/qualitygates" -v q -nologo \
    >"$WORK/publish.log" 2>&1 || { cat "$WORK/publish.log"; exit 1; }
mkdir -p "$WORK/var/lib/qualitygates" "$WORK/var/log/qualitygates"

# --- Step: the environment file, with this machine's ports, paths and passwords ------------------------
sed -e "s|127.0.0.1:5000|127.0.0.1:$APP_PORT|" \
    -e "s|Host=localhost;|Host=127.0.0.1;Port=$PG_PORT;|" -e "s|Password=CHANGE-ME$|Password=$DB_PASSWORD|" \
    -e "s|^Notifications__BaseUrl=.*|Notifications__BaseUrl=$BASE|" -e "s|^Notifications__Smtp__.*||" \
    -e "s|/var/|$WORK/var/|" -e "s|^Bootstrap__AdminEmail=.*|Bootstrap__AdminEmail=$ADMIN_EMAIL|" \
    -e "s|^Bootstrap__AdminPassword=.*|Bootstrap__AdminPassword=$ADMIN_PASSWORD|" \
    "$DOCS/qualitygates.env.example" >"$WORK/qualitygates.env"

# systemd's EnvironmentFile: KEY=value per line, comments and blank lines skipped, no shell expansion.
environment=()
while IFS= read -r line; do
    [[ -z $line || $line == \#* ]] || environment+=("$line")
done <"$WORK/qualitygates.env"
exec_start=$(sed -n "s|^ExecStart=/opt/qualitygates|$WORK/opt/qualitygates|p" "$DOCS/qualitygates.service")

run_service() { # NAME [extra KEY=value…]: the unit's ExecStart in its WorkingDirectory with the environment file
    local name=$1
    shift
    (cd "$WORK/opt/qualitygates" && exec env -i PATH=/usr/bin:/bin "${environment[@]}" "$@" "$exec_start" >"$WORK/$name.out" 2>&1) &
    APP_PIDS+=($!)
}

# --- Step: a wrong setting stops the start with one line -----------------------------------------------
set +e
(cd "$WORK/opt/qualitygates" && env -i PATH=/usr/bin:/bin "${environment[@]}" Notifications__Smtp__Port=smtp "$exec_start" >"$WORK/wrong.out" 2>&1)
wrong_exit=$?
set -e
check "wrong setting: exit code (RestartPreventExitStatus=1)" 1 "$wrong_exit"
check "wrong setting: lines printed" 1 "$(wc -l <"$WORK/wrong.out" | tr -d ' ')"
log "$(cat "$WORK/wrong.out")"

# --- Step: first start (migrations, first administrator), nginx with TLS ---------------------------------
run_service first
wait_ready "http://127.0.0.1:$APP_PORT" first
mkdir -p "$WORK/nginx/tmp" && chmod 777 "$WORK/nginx/tmp"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$SITE" -addext "subjectAltName=DNS:$SITE" \
    -keyout "$WORK/nginx/key.pem" -out "$WORK/nginx/cert.pem" >/dev/null 2>&1
{
    nginx_main 256
    sed -e "/listen \[::\]/d" -e "s|listen 80;|listen 127.0.0.1:$HTTP_PORT;|" -e "s|listen 443 ssl http2;|listen 127.0.0.1:$PROXY_PORT ssl http2;|" \
        -e "s|ssl_certificate .*;|ssl_certificate $WORK/nginx/cert.pem;|" -e "s|ssl_certificate_key .*;|ssl_certificate_key $WORK/nginx/key.pem;|" \
        -e "s|proxy_pass http://127.0.0.1:5000;|proxy_pass http://127.0.0.1:$APP_PORT;|" "$DOCS/nginx-qualitygates.conf"
    echo "}"
} >"$WORK/nginx/nginx.conf"
check "nginx -t on the site" 0 "$(nginx -t -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" >/dev/null 2>&1; echo $?)"
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
NGINX_PID=$!
for _ in $(seq 1 20); do curl -sk -o /dev/null "$BASE/health/live" && break; sleep 0.5; done

check "http://…/ redirects to https" 301 "$(curl -s -o /dev/null -w '%{http_code}' "http://$SITE:$HTTP_PORT/Account/Login")"
check "/health/ready through nginx" 200 "$(curl -sk -o /dev/null -w '%{http_code}' "$BASE/health/ready")"
check "HSTS through nginx" 1 "$(curl -sk -D - -o /dev/null "$BASE/Account/Login" | grep -ci '^strict-transport-security')"
check "Kestrel reached directly over plain HTTP: the HTTPS-required page" 403 \
    "$(curl -s -o "$WORK/plain.html" -w '%{http_code}' "http://127.0.0.1:$APP_PORT/Account/Login")"
check "… naming ForwardedHeaders__KnownProxies" 1 "$(grep -c ForwardedHeaders__KnownProxies "$WORK/plain.html")"
sign_in admin "$BASE" "$ADMIN_EMAIL" "$ADMIN_PASSWORD"
check "first administrator signs in through nginx, opens Users" 200 "$(web admin -o /dev/null -w '%{http_code}' "$BASE/Admin/Users")"
check "no demo data" 0 "$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d qualitygates -tAc 'SELECT count(*) FROM "Promises"')"
check "one start-up warning about the missing HTTPS endpoint" 1 "$(grep -c 'No HTTPS endpoint' "$WORK/first.out" || true)"
check "log file written under /var/log/qualitygates" 1 "$(find "$WORK/var/log/qualitygates" -name 'qualitygates-*.log' | wc -l | tr -d ' ')"

# --- Step: restart (as an upgrade does): nothing to migrate, the session survives --------------------------
kill "${APP_PIDS[0]}" && wait "${APP_PIDS[0]}" 2>/dev/null || true
migrations=$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d qualitygates -tAc 'SELECT count(*) FROM "__EFMigrationsHistory"')
run_service second
wait_ready "http://127.0.0.1:$APP_PORT" second
check "restart: no further migration (rows in __EFMigrationsHistory)" "$migrations" "$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d qualitygates -tAc 'SELECT count(*) FROM "__EFMigrationsHistory"')"
check "restart: still signed in (keys in the database)" 200 "$(web admin -o /dev/null -w '%{http_code}' "$BASE/Admin/Users")"

# --- Step: the nightly backup unit's commands while the app runs, then a restore into a new database ----------
customer="Deployment check $RANDOM"
web admin -o "$WORK/customer.html" "$BASE/Customers/Create"
check "a customer created before the backup" 302 "$(web admin -o /dev/null -w '%{http_code}' "$BASE/Customers/Create" \
    --data-urlencode "__RequestVerificationToken=$(form_token "$WORK/customer.html")" \
    --data-urlencode "Input.Name=$customer" --data-urlencode "Input.AccountNumber=DC-$RANDOM")"
mkdir -p "$WORK/var/backups/qualitygates"
unit_command() { # KEY: the backup unit's command line, unescaped as systemd does, paths moved into the work folder
    sed -n "s|^$1=||p" "$DOCS/qualitygates-backup.service" | sed -e "s|^/bin/sh -c '\(.*\)'\$|\1|" -e 's/%%/%/g' -e 's/\$\$/$/g' \
        -e "s|/opt/qualitygates|$WORK/opt/qualitygates|g" -e "s|/var/backups|$WORK/var/backups|g"
}
set +e
(cd "$WORK/opt/qualitygates" && env -i PATH=/usr/bin:/bin "${environment[@]}" /bin/sh -c "$(unit_command ExecStart)") >"$WORK/backup.out" 2>&1
backup_exit=$?
(cd "$WORK/opt/qualitygates" && eval "$(unit_command ExecStartPost)") >>"$WORK/backup.out" 2>&1
set -e
check "backup unit: ExecStart and ExecStartPost" "0, 1 file" "$backup_exit, $(find "$WORK/var/backups/qualitygates" -name 'qualitygates-*.backup' | wc -l | tr -d ' ') file"
backup_file=$(find "$WORK/var/backups/qualitygates" -name 'qualitygates-*.backup' | head -1)
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc "CREATE DATABASE qualitygates_restored OWNER qualitygates" >/dev/null
restored_connection="ConnectionStrings__QualityGates=Host=127.0.0.1;Port=$PG_PORT;Database=qualitygates_restored;Username=qualitygates;Password=$DB_PASSWORD"
set +e
(cd "$WORK/opt/qualitygates" && env -i PATH=/usr/bin:/bin "${environment[@]}" "$restored_connection" "$exec_start" restore "$backup_file") >"$WORK/restore.out" 2>&1
restore_exit=$?
set -e
check "restore into a new, empty database" 0 "$restore_exit"
kill "${APP_PIDS[1]}" && wait "${APP_PIDS[1]}" 2>/dev/null || true
run_service restored "$restored_connection"
wait_ready "http://127.0.0.1:$APP_PORT" restored
check "restored: the customer is there" 1 "$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d qualitygates_restored -tAc "SELECT count(*) FROM \"Customers\" WHERE \"Name\" = '$customer'")"
check "restored: still signed in (the keys came along)" 200 "$(web admin -o /dev/null -w '%{http_code}' "$BASE/Admin/Users")"

failed=$(printf '%s\n' "${results[@]}" | grep -c '✗' || true)
{
    echo "# Deployment check — last run"
    echo
    echo "\`scripts/deployment-check.sh\` on $(date -u +%Y-%m-%d) at commit \`$(git -C "$REPO" rev-parse --short HEAD)\`: the files of"
    echo "\`docs/deployment/\` on this machine ($SITE resolved to 127.0.0.1, ports and paths moved into a work folder, no systemd as PID 1)."
    echo
    echo "| Step | Result | |"
    echo "|---|---|---|"
    printf '%s\n' "${results[@]}"
    echo
    echo "Wrong-setting line: \`$(cat "$WORK/wrong.out")\`"
    echo
    if ((failed == 0)); then echo "PASSED: ${#results[@]} checks."; else echo "FAILED: $failed of ${#results[@]} checks."; fi
} >"$RESULT"
log "Results in $RESULT"
((failed == 0))
