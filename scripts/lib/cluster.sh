# Shared by scale-out.sh, db-outage.sh and security-scan.sh: a throwaway PostgreSQL, published app
# instances and an nginx TLS proxy, all on 127.0.0.1 in one work folder, all stopped by cluster_cleanup.
# shellcheck shell=bash
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PG_PORT=${PG_PORT:-5443}
PROXY_PORT=${PROXY_PORT:-5300}
APP_PORTS=($((PROXY_PORT + 1)) $((PROXY_PORT + 2))) # 5301 5302 by default; beside the proxy when PROXY_PORT is set
DEMO_PASSWORD=demo-password-2026
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=$(mktemp -d /tmp/qualitygates-cluster.XXXXXX)
chmod 755 "$WORK"
APP_PIDS=()
NGINX_PID=""
if [[ $EUID -eq 0 ]]; then as_postgres=(runuser -u postgres --); else as_postgres=(); fi

log() { printf '== %s %s\n' "$(date -u +%H:%M:%S)" "$*"; }

cluster_cleanup() {
    local pid
    for pid in "${APP_PIDS[@]}" $NGINX_PID; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${APP_PIDS[@]}" $NGINX_PID; do
        wait "$pid" 2>/dev/null || true
    done
    if [[ -f $WORK/pg/data/postmaster.pid ]]; then
        "${as_postgres[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    if [[ ${KEEP_WORK:-0} == 1 ]]; then echo "Work folder kept: $WORK"; else rm -rf "$WORK"; fi
}

require_packages() { # apt packages whose commands are missing
    local missing=() command package
    for pair in "$@"; do
        command=${pair%%:*}; package=${pair#*:}
        command -v "$command" >/dev/null 2>&1 || [[ -x $command ]] || missing+=("$package")
    done
    if ((${#missing[@]} > 0)); then
        log "Installing ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" >/dev/null \
            || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" >/dev/null; }
    fi
}

publish_app() { # PUBLISHED_APP=folder reuses an earlier `dotnet publish` output
    if [[ -n ${PUBLISHED_APP:-} ]]; then
        log "Using the published app in $PUBLISHED_APP"
        ln -s "$(cd "$PUBLISHED_APP" && pwd)" "$WORK/app"
        return
    fi
    log "Publishing the app (Release)"
    dotnet publish "$REPO/src/QualityGates.Web" -c Release -o "$WORK/app" -v q -nologo >"$WORK/publish.log" 2>&1 \
        || { cat "$WORK/publish.log"; return 1; }
}

pg_start() {
    mkdir -p "$WORK/pg"
    [[ $EUID -ne 0 ]] || chown postgres: "$WORK/pg"
    if [[ ! -d $WORK/pg/data ]]; then
        (cd "$WORK/pg" && "${as_postgres[@]}" "$PGBIN/initdb" -D data -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >initdb.log)
    fi
    (cd "$WORK/pg" && "${as_postgres[@]}" "$PGBIN/pg_ctl" -D data -l server.log -w \
        -o "-h 127.0.0.1 -p $PG_PORT -k $WORK/pg -c fsync=off -c max_connections=300" start >/dev/null)
}

pg_stop() { "${as_postgres[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg/data" -m fast -w stop >/dev/null; }

pg_connection() { echo "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=qualitygates"; }

pg_sql() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d qualitygates -tAc "$1"; }

create_database() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc 'CREATE DATABASE qualitygates' >/dev/null; }

# start_app NAME PORT [extra environment assignments…]: runs the published app in Production on PostgreSQL.
start_app() {
    local name=$1 port=$2
    shift 2
    env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
        Database__Provider=PostgreSql ConnectionStrings__QualityGates="$(pg_connection)" \
        Demo__Seed=true Instance__Name="$name" LogFile__Path="$WORK/logs/$name-.log" \
        "$@" dotnet "$WORK/app/QualityGates.Web.dll" --contentRoot "$WORK/app" >"$WORK/$name.out" 2>&1 &
    APP_PIDS+=($!)
    wait_ready "http://127.0.0.1:$port" "$name"
}

wait_ready() { # URL NAME
    local i
    for i in $(seq 1 300); do # a loaded 2-core machine can take minutes
        if [[ $(curl -s -o /dev/null -w '%{http_code}' "$1/health/ready") == 200 ]]; then
            log "$2 is ready on $1"
            return 0
        fi
        sleep 1
    done
    echo "ERROR: $2 did not become ready; its output:"; tail -50 "$WORK/$2.out"; return 1
}

# nginx_main CONNECTIONS: the top of an nginx.conf that runs in the foreground with every file in $WORK/nginx,
# up to the open "http {" block.
nginx_main() {
    cat <<NGINX
worker_processes 1;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections $1; }
http {
    access_log $WORK/nginx/access.log;
    client_body_temp_path $WORK/nginx/tmp/body;
    proxy_temp_path $WORK/nginx/tmp/proxy;
    fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
    uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
    scgi_temp_path $WORK/nginx/tmp/scgi;
NGINX
}

# start_proxy PORT…: nginx with a self-signed certificate on 127.0.0.1:$PROXY_PORT, round robin, no sticky sessions.
start_proxy() {
    local servers="" port
    for port in "$@"; do servers+="        server 127.0.0.1:$port max_fails=1 fail_timeout=5s;"$'\n'; done
    mkdir -p "$WORK/nginx/tmp" && chmod 777 "$WORK/nginx/tmp"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
        -keyout "$WORK/nginx/key.pem" -out "$WORK/nginx/cert.pem" >/dev/null 2>&1
    { nginx_main 2048; cat <<NGINX
    upstream qualitygates {
$servers        keepalive 64;
    }
    server {
        listen 127.0.0.1:$PROXY_PORT ssl;
        ssl_certificate $WORK/nginx/cert.pem;
        ssl_certificate_key $WORK/nginx/key.pem;
        location / {
            proxy_pass http://qualitygates;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$http_host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            # Another instance answers when one is gone -- for idempotent requests only: nginx never
            # re-sends a POST that reached an upstream (no "non_idempotent" here).
            proxy_next_upstream error timeout http_502;
            proxy_next_upstream_tries 2;
            proxy_connect_timeout 2s;
            proxy_read_timeout 30s;
        }
    }
}
NGINX
    } >"$WORK/nginx/nginx.conf"
    nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
    NGINX_PID=$!
    local i
    for i in $(seq 1 20); do
        curl -sk -o /dev/null "https://127.0.0.1:$PROXY_PORT/health/live" && { log "nginx listens on https://127.0.0.1:$PROXY_PORT"; return 0; }
        sleep 0.5
    done
    echo "ERROR: nginx did not start"; cat "$WORK/nginx/error.log"; return 1
}

# Browser-like curl through the proxy with one cookie jar per session name.
web() { # SESSION curl-args…
    local session=$1
    shift
    curl -sk -c "$WORK/$session.cookies" -b "$WORK/$session.cookies" "$@"
}

form_token() { sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' "$1" | head -1; }

# sign_in SESSION BASE EMAIL [PASSWORD]: posts the login form; fails unless it redirects.
sign_in() {
    local session=$1 base=$2 email=$3 password=${4:-$DEMO_PASSWORD} status
    web "$session" "$base/Account/Login" -o "$WORK/$session.login.html"
    status=$(web "$session" -o /dev/null -w '%{http_code}' "$base/Account/Login" \
        --data-urlencode "__RequestVerificationToken=$(form_token "$WORK/$session.login.html")" \
        --data-urlencode "Input.Email=$email" --data-urlencode "Input.Password=$password")
    [[ $status == 302 ]] || { echo "ERROR: sign-in of $email answered $status"; return 1; }
}
