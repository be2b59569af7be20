#!/usr/bin/env bash
# Page benchmark of QualityGates on SQLite and PostgreSQL at several sizes (docs/benchmarks.md).
# For each provider and N it generates a database (or reuses the cached one), starts the published app in
# Production settings on 127.0.0.1:$BENCH_PORT behind an nginx TLS proxy on 127.0.0.1:$BENCH_PROXY_PORT (as in
# production: the app believes the proxy's X-Forwarded-Proto), signs in through the proxy as a browser does,
# and measures each page with `hey` at a fixed concurrency. Before every measurement it waits until the
# machine is quiet and records the load average; a measurement whose load before was above 1.5 is not
# reported (the script ends with status 4 and names it: run it again). Results go to $BENCH_DATA/results.tsv
# and into the generated section of docs/benchmarks.md. Everything it starts is stopped on exit.
#
#   scripts/benchmark.sh [--providers "sqlite postgresql"] [--sizes "10000 100000 1000000"]
#                        [--duration 20s] [--concurrency 8] [--regenerate] [--no-queries] [--no-build] [--generate-only]
#                        [--pages "dashboard my-work"] [--app DIR]
# --generate-only fills the cache and stops. Start measurements through ../shared/tools/quiet, alone on the machine.
# --app DIR measures a build published into DIR instead of this tree's; its results go to DIR/results.tsv and not
# into the docs. To compare two builds (runs differ by more than most changes do), measure them in turn, repeatedly
# (docs/benchmarks.md, "How to run it").
# Environment: BENCH_DATA (default /work/benchdata), BENCH_PORT (5401), BENCH_PROXY_PORT (5402), BENCH_PG_PORT (5445),
#              BENCH_QUIET (load to wait for before a measurement, 1.0), BENCH_QUIET_WAIT (seconds, 900).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD

providers="sqlite postgresql"
sizes="10000 100000 1000000"
duration=20s
concurrency=8
regenerate=false
queries=true
build=true
generate_only=false
pages="dashboard register-first register-deep-filtered my-work review-list promise-detail settings"
app_dir=""
while (($#)); do
    case $1 in
        --providers) providers=$2; shift 2 ;;
        --sizes) sizes=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        --concurrency) concurrency=$2; shift 2 ;;
        --regenerate) regenerate=true; shift ;;
        --no-queries) queries=false; shift ;;
        --no-build) build=false; shift ;;
        --generate-only) generate_only=true; shift ;;
        --pages) pages=$2; shift 2 ;;
        --app) app_dir=$(cd "$2" && pwd); shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

data=${BENCH_DATA:-/work/benchdata}
port=${BENCH_PORT:-5401}
PROXY_PORT=${BENCH_PROXY_PORT:-5402}
pgport=${BENCH_PG_PORT:-5445}
quiet_load=${BENCH_QUIET:-1.0}
quiet_wait=${BENCH_QUIET_WAIT:-900}
report_max=1.5
pgdir=$data/pg
mkdir -p "$data/sqlite" "$data/logs"
results=${app_dir:+$app_dir/results.tsv}
results=${results:-$data/results.tsv}
app_dir=${app_dir:-$data/app}

# shellcheck source=scripts/lib/cluster.sh
source "$root/scripts/lib/cluster.sh" # start_proxy, sign_in, web; its $WORK holds the proxy and the cookie jars
require_packages hey:hey nginx:nginx-light openssl:openssl psql:postgresql-client-15

app_pid=""
started_pg=false
refused=()
cleanup() {
    if [[ -n $app_pid ]] && kill -0 "$app_pid" 2>/dev/null; then
        kill "$app_pid" && wait "$app_pid" 2>/dev/null || true
    fi
    if $started_pg; then
        runuser -u postgres -- "$PGBIN/pg_ctl" -D "$pgdir/data" -m fast -w stop >/dev/null || true
    fi
    cluster_cleanup
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

load() { cut -d' ' -f1-3 /proc/loadavg; }
load1() { cut -d' ' -f1 /proc/loadavg; }
above() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a > b) }'; }

# Waits until the 1-minute load average is at most $quiet_load (the last measurement's own load decays too).
wait_quiet() {
    local start=$SECONDS
    while above "$(load1)" "$quiet_load" && ((SECONDS - start < quiet_wait)); do
        sleep 5
    done
}

if $build; then
    log "Building (Release)"
    # --app measures a build published elsewhere; this tree's app is not needed then.
    [[ $app_dir == "$data/app" ]] && dotnet publish src/QualityGates.Web -c Release -o "$data/app" --nologo -v q >/dev/null
    dotnet build tools/QualityGates.DataGenerator -c Release --nologo -v q >/dev/null
    dotnet build tools/QualityGates.Benchmarks -c Release --nologo -v q >/dev/null
fi
generator=(dotnet "$root/tools/QualityGates.DataGenerator/bin/Release/net10.0/QualityGates.DataGenerator.dll")

# PostgreSQL keeps its data directory under $BENCH_DATA, so generated databases survive between runs.
pg_bench_connection() { echo "Host=127.0.0.1;Port=$pgport;Username=postgres;Database=$1;Timeout=30;Command Timeout=0"; }
ensure_postgres() {
    if (exec 3<>"/dev/tcp/127.0.0.1/$pgport") 2>/dev/null; then return; fi
    if [[ ! -d $pgdir/data ]]; then
        mkdir -p "$pgdir" && chown postgres: "$pgdir"
        (cd "$pgdir" && runuser -u postgres -- "$PGBIN/initdb" -D data -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null)
    fi
    # A benchmark server, not a durable one: fsync off; memory settings sized for this 23 GB machine.
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w \
        -o "-h 127.0.0.1 -p $pgport -k $pgdir -c fsync=off -c synchronous_commit=off -c shared_buffers=1GB -c effective_cache_size=8GB -c work_mem=32MB -c maintenance_work_mem=512MB -c max_wal_size=8GB" start >/dev/null
    started_pg=true
}

connection_for() { # provider n
    if [[ $1 == sqlite ]]; then echo "Data Source=$data/sqlite/qg-$2.db"; else pg_bench_connection "qg_$2"; fi
}

db_size() { # provider n
    if [[ $1 == sqlite ]]; then
        du -m "$data/sqlite/qg-$2.db" | cut -f1
    else
        psql -h 127.0.0.1 -p "$pgport" -U postgres -d postgres -At -c "select pg_database_size('qg_$2') / 1048576"
    fi
}

# A cached database is reused only while the schema, the domain and the generator are those it was made with.
schema=$(git log -1 --format=%H -- src/QualityGates.Domain src/QualityGates.Web/Data tools/QualityGates.DataGenerator)$(git status --porcelain -- src/QualityGates.Domain src/QualityGates.Web/Data tools/QualityGates.DataGenerator | md5sum | cut -c1-8)

# Generates unless a finished database of this provider and size is cached (marker file with the timing).
generate() { # provider n
    local marker=$data/$1-$2.generated
    if [[ -f $marker ]] && ! $regenerate && [[ $(cat "$data/$1-$2.schema" 2>/dev/null) == "$schema" ]]; then
        log "reusing $1 N=$2 ($(cat "$marker"))"
        return
    fi
    rm -f "$marker"
    log "generating $1 N=$2 (load $(load))"
    local start end
    start=$(date +%s)
    "${generator[@]}" --provider "$1" --connection "$(connection_for "$1" "$2")" --promises "$2" \
        >"$data/logs/generate-$1-$2.log" 2>&1 || { tail -20 "$data/logs/generate-$1-$2.log" >&2; exit 1; }
    end=$(date +%s)
    echo "generated in $((end - start)) s, $(db_size "$1" "$2") MB, load before $(load)" >"$marker"
    echo "$schema" >"$data/$1-$2.schema"
    log "$(cat "$marker")"
}

start_bench_app() { # provider n
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "something already listens on 127.0.0.1:$port" >&2
        exit 1
    fi
    local provider_setting=Sqlite
    [[ $1 == postgresql ]] && provider_setting=PostgreSql
    (
        cd "$app_dir"
        ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
            Database__Provider=$provider_setting ConnectionStrings__QualityGates="$(connection_for "$1" "$2")" \
            Database__MigrateOnStartup=false Demo__Seed=false Notifications__BackgroundEnabled=false \
            Serilog__MinimumLevel__Default=Warning LogFile__Path="$data/logs/app-.log" \
            exec dotnet QualityGates.Web.dll >"$data/logs/app-$1-$2.out" 2>&1
    ) &
    app_pid=$!
    for _ in $(seq 1 300); do
        if curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then return; fi
        kill -0 "$app_pid" 2>/dev/null || { tail -30 "$data/logs/app-$1-$2.out" >&2; exit 1; }
        sleep 1
    done
    echo "the app did not become ready" >&2
    exit 1
}

stop_bench_app() {
    kill "$app_pid" && wait "$app_pid" 2>/dev/null || true
    app_pid=""
}

proxy=https://127.0.0.1:$PROXY_PORT
declare -A emails=([executive]=executive@bench.local [rep]=sales.salesrep.001@bench.local [manager]=service.servicemanager.001@bench.local)
# The auth cookie of a signed-in session, as "name=value" for hey.
auth_cookie() { awk '$6 == "QualityGates.Auth" { print $6 "=" $7 }' "$WORK/$1.cookies"; }

# A browser's headers: compressed answers for a page the user opened (ADR 0020).
browser=(-H "Accept-Encoding: br, gzip" -H "Sec-Fetch-Site: same-origin" -H "Accept: text/html")

# Follows the register's "next" link $2 times from $1: a page deep in a filtered list, reached as a user would.
deep_page() { # start-url pages session
    local url=$1 i next
    for ((i = 0; i < $2; i++)); do
        next=$(web "$3" "$proxy$url" | grep -o '<a class="page-link" href="[^"]*" rel="next"' | head -1 | sed 's/.*href="//;s/".*//;s/&amp;/\&/g')
        [[ -n $next ]] || break
        url=$next
    done
    echo "$url"
}

# Bytes of a page as sent (compressed) and as rendered (uncompressed).
page_size() { # url session
    local sent plain
    sent=$(curl -sk -b "$WORK/$2.cookies" "${browser[@]}" -o /dev/null -w '%{size_download}' "$proxy$1")
    plain=$(curl -sk -b "$WORK/$2.cookies" -o /dev/null -w '%{size_download}' "$proxy$1")
    echo "$sent $plain"
}

# One page under load: waits for a quiet machine, a short warm-up, then $duration at $concurrency; appends a
# line to results.tsv unless the load before was above $report_max. A slow page or an error is a result too.
measure() { # provider n page url session
    local cookie out before ok failed rps p50 p95 p99 sizes
    [[ " $pages " == *" $3 "* ]] || return 0
    sizes=$(page_size "$4" "$5")
    hey -z 3s -c "$concurrency" "${browser[@]}" -H "Cookie: $(auth_cookie "$5")" "$proxy$4" >/dev/null
    wait_quiet
    # A fresh session, as a browser has one: hey repeats one cookie, and a cookie older than the security-stamp
    # interval (5 minutes) would make every request re-check the user and issue a new cookie.
    rm -f "$WORK/$5.cookies" # signed in, the login page only redirects
    sign_in "$5" "$proxy" "${emails[$5]}"
    cookie=$(auth_cookie "$5")
    before=$(load)
    if above "${before%% *}" "$report_max"; then
        refused+=("$1 N=$2 $3 (load before $before)")
        log "NOT REPORTED: $1 N=$2 $3, the load before was $before"
        return
    fi
    out=$(hey -z "$duration" -c "$concurrency" "${browser[@]}" -H "Cookie: $cookie" "$proxy$4")
    ok=$(sed -n '/Status code distribution/,/^$/p' <<<"$out" | awk '/\[200\]/ {print $2}')
    failed=$(sed -n '/Status code distribution/,$p' <<<"$out" | grep -v '\[200\]' \
        | awk '/^ *\[[0-9]+\]/ { if ($0 ~ /responses/) sum += $2; else { gsub(/[^0-9]/, "", $1); sum += $1 } } END {print sum + 0}')
    percentile() { awk -v p=" $1% in" 'index($0, p) == 1 || index($0, p) == 2 {v = $3 * 1000} END {if (v == "") print "n/a"; else printf "%.1f", v}' <<<"$out"; }
    rps=$(awk '/Requests\/sec/ {printf "%.1f", $2}' <<<"$out")
    p50=$(percentile 50)
    p95=$(percentile 95)
    p99=$(percentile 99)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$1" "$2" "$3" "$4" "$p50" "$p95" "$p99" "$rps" "$before" \
        "$concurrency" "${ok:-0}" "$failed" "${sizes% *}" "${sizes#* }" >>"$results"
    log "$1 N=$2 $3 ($app_dir): p50 $p50 ms, p95 $p95 ms, p99 $p99 ms, $rps req/s, ${ok:-0} ok, $failed failed, ${sizes% *} B sent (${sizes#* } B), load before $before"
}

[[ -f $results ]] || printf 'at\tprovider\tpromises\tpage\turl\tp50_ms\tp95_ms\tp99_ms\treq_per_s\tload_1_5_15\tconcurrency\tok\tfailed\tbytes_sent\tbytes_html\n' >"$results"

$generate_only || start_proxy "$port"
for provider in $providers; do
    [[ $provider == postgresql ]] && ensure_postgres
    for n in $sizes; do
        generate "$provider" "$n"
        $generate_only && continue
        start_bench_app "$provider" "$n"
        for session in "${!emails[@]}"; do sign_in "$session" "$proxy" "${emails[$session]}"; done
        # A promise in the middle of the register, and the Kept promises 500 pages deep (the last page of a smaller register).
        deep=/Promises
        [[ " $pages " == *" register-deep-filtered "* ]] && deep=$(deep_page "/Promises?status=Kept" 500 rep)
        measure "$provider" "$n" dashboard /Dashboard executive
        measure "$provider" "$n" register-first /Promises rep
        measure "$provider" "$n" register-deep-filtered "$deep" rep
        measure "$provider" "$n" my-work / rep
        measure "$provider" "$n" review-list /Reviews manager
        measure "$provider" "$n" promise-detail "/Promises/Details/$((n / 2))" rep
        measure "$provider" "$n" settings /Account/Settings rep
        stop_bench_app
        if $queries; then
            wait_quiet
            log "query benchmark $provider N=$n (load $(load))"
            dotnet "tools/QualityGates.Benchmarks/bin/Release/net10.0/QualityGates.Benchmarks.dll" \
                --provider "$provider" --connection "$(connection_for "$provider" "$n")" --promises "$n" \
                --runs $((n >= 1000000 ? 9 : 15)) --results "$data/queries.tsv" | tee -a "$data/logs/queries-$provider-$n.log" >&2
        fi
    done
done

$generate_only && exit 0
[[ $app_dir == "$data/app" ]] && scripts/benchmark-report.sh
if ((${#refused[@]} > 0)); then
    printf 'Not reported (the machine was busy; run them again):\n' >&2
    printf '  %s\n' "${refused[@]}" >&2
    exit 4
fi
