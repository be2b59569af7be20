#!/usr/bin/env bash
# Page benchmark of QualityGates on SQLite and PostgreSQL at several sizes (docs/benchmarks.md).
# For each provider and N it generates a database (or reuses the cached one), starts the app in Release on
# 127.0.0.1:$BENCH_PORT against it, signs in as an executive and as a sales rep, and measures each page with
# `hey` at a fixed concurrency. Results go to $BENCH_DATA/results.tsv and into the generated section of
# docs/benchmarks.md. Everything it starts (app, PostgreSQL) is stopped on exit.
#
#   scripts/benchmark.sh [--providers "sqlite postgresql"] [--sizes "10000 100000 1000000"]
#                        [--duration 20s] [--concurrency 8] [--regenerate] [--no-queries] [--no-build] [--generate-only]
# --generate-only fills the cache and stops (runs for two providers may go in parallel, after one build).
# Environment: BENCH_DATA (default /work/benchdata), BENCH_PORT (5401), BENCH_PG_PORT (5445).
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
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

data=${BENCH_DATA:-/work/benchdata}
port=${BENCH_PORT:-5401}
pgport=${BENCH_PG_PORT:-5445}
PGBIN=/usr/lib/postgresql/15/bin
pgdir=$data/pg
results=$data/results.tsv
password=demo-password-2026
mkdir -p "$data/sqlite" "$data/logs"
command -v hey >/dev/null || { echo "hey is missing: apt-get install -y hey" >&2; exit 1; }

app_pid=""
started_pg=false
cleanup() {
    if [[ -n $app_pid ]] && kill -0 "$app_pid" 2>/dev/null; then
        kill "$app_pid" && wait "$app_pid" 2>/dev/null || true
    fi
    if $started_pg; then
        runuser -u postgres -- "$PGBIN/pg_ctl" -D "$pgdir/data" -m fast -w stop >/dev/null || true
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

if $build; then
    echo "== Building (Release)"
    dotnet publish src/QualityGates.Web -c Release -o "$data/app" --nologo -v q >/dev/null
    dotnet build tools/QualityGates.DataGenerator -c Release --nologo -v q >/dev/null
    dotnet build tools/QualityGates.Benchmarks -c Release --nologo -v q >/dev/null
fi
generator=(dotnet "$root/tools/QualityGates.DataGenerator/bin/Release/net10.0/QualityGates.DataGenerator.dll")

# PostgreSQL keeps its data directory under $BENCH_DATA, so generated databases survive between runs.
pg_connection() { echo "Host=127.0.0.1;Port=$pgport;Username=postgres;Database=$1;Timeout=30;Command Timeout=0"; }
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
    if [[ $1 == sqlite ]]; then echo "Data Source=$data/sqlite/qg-$2.db"; else pg_connection "qg_$2"; fi
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

start_app() { # provider n
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "something already listens on 127.0.0.1:$port" >&2
        exit 1
    fi
    local provider_setting=Sqlite
    [[ $1 == postgresql ]] && provider_setting=PostgreSql
    (
        cd "$data/app"
        ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
            Database__Provider=$provider_setting ConnectionStrings__QualityGates="$(connection_for "$1" "$2")" \
            Database__MigrateOnStartup=false Demo__Seed=false \
            Serilog__MinimumLevel__Default=Warning LogFile__Path="$data/logs/app-.log" \
            exec dotnet QualityGates.Web.dll >"$data/logs/app-$1-$2.out" 2>&1
    ) &
    app_pid=$!
    for _ in $(seq 1 120); do
        if curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then return; fi
        kill -0 "$app_pid" 2>/dev/null || { tail -30 "$data/logs/app-$1-$2.out" >&2; exit 1; }
        sleep 1
    done
    echo "the app did not become ready" >&2
    exit 1
}

stop_app() {
    kill "$app_pid" && wait "$app_pid" 2>/dev/null || true
    app_pid=""
}

# Signs in through the login form (antiforgery cookie + token) and prints the auth cookie as "name=value".
# The auth cookie is Secure outside Development, so it is read from the response headers, not a cookie jar.
sign_in() { # email
    local jar page token headers
    jar=$(mktemp)
    page=$(curl -fsS -c "$jar" "http://127.0.0.1:$port/Account/Login")
    token=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$page" | head -1 | sed 's/.*value="//;s/"$//')
    headers=$(curl -sS -b "$jar" -o /dev/null -D - "http://127.0.0.1:$port/Account/Login" \
        --data-urlencode "Input.Email=$1" --data-urlencode "Input.Password=$password" \
        --data-urlencode "__RequestVerificationToken=$token")
    rm -f "$jar"
    grep -i '^set-cookie: QualityGates.Auth=' <<<"$headers" | head -1 | sed 's/^[^:]*: //;s/;.*//' | tr -d '\r'
}

# One page under load: a short warm-up, then $duration at $concurrency; appends a line to results.tsv.
# Responses other than 200 and errors (hey's 20 s timeout) are counted, not fatal: a slow page is a result too.
measure() { # provider n page url cookie
    local out before ok failed rps p50 p95 p99
    hey -z 3s -c "$concurrency" -H "Cookie: $5" "http://127.0.0.1:$port$4" >/dev/null
    before=$(load)
    out=$(hey -z "$duration" -c "$concurrency" -H "Cookie: $5" "http://127.0.0.1:$port$4")
    ok=$(sed -n '/Status code distribution/,/^$/p' <<<"$out" | awk '/\[200\]/ {print $2}')
    failed=$(sed -n '/Status code distribution/,$p' <<<"$out" | grep -v '\[200\]' \
        | awk '/^ *\[[0-9]+\]/ { if ($0 ~ /responses/) sum += $2; else { gsub(/[^0-9]/, "", $1); sum += $1 } } END {print sum + 0}')
    percentile() { awk -v p=" $1% in" 'index($0, p) == 1 || index($0, p) == 2 {v = $3 * 1000} END {if (v == "") print "n/a"; else printf "%.1f", v}' <<<"$out"; }
    rps=$(awk '/Requests\/sec/ {printf "%.1f", $2}' <<<"$out")
    p50=$(percentile 50)
    p95=$(percentile 95)
    p99=$(percentile 99)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$1" "$2" "$3" "$4" "$p50" "$p95" "$p99" "$rps" "$before" "$concurrency" "${ok:-0}" "$failed" >>"$results"
    log "$1 N=$2 $3: p50 $p50 ms, p95 $p95 ms, p99 $p99 ms, $rps req/s, ${ok:-0} ok, $failed failed (load $before)"
}

[[ -f $results ]] || printf 'at\tprovider\tpromises\tpage\turl\tp50_ms\tp95_ms\tp99_ms\treq_per_s\tload_1_5_15\tconcurrency\tok\tfailed\n' >"$results"

for provider in $providers; do
    [[ $provider == postgresql ]] && ensure_postgres
    for n in $sizes; do
        generate "$provider" "$n"
        $generate_only && continue
        start_app "$provider" "$n"
        executive=$(sign_in executive@bench.local)
        rep=$(sign_in sales.salesrep.001@bench.local)
        [[ -n $executive && -n $rep ]] || { echo "sign-in failed" >&2; exit 1; }
        # A promise in the middle of the register, and a filtered page deep in the list (page 500 of the
        # Kept promises; a smaller register shows its last page instead).
        detail=$((n / 2))
        if curl -fsS -o /dev/null -H "Cookie: $executive" "http://127.0.0.1:$port/Dashboard" 2>/dev/null; then
            measure "$provider" "$n" dashboard /Dashboard "$executive"
        fi
        measure "$provider" "$n" register-first /Promises "$rep"
        measure "$provider" "$n" register-deep-filtered "/Promises?Status=Kept&pageNumber=500" "$rep"
        measure "$provider" "$n" promise-detail "/Promises/Details/$detail" "$rep"
        stop_app
        if $queries; then
            log "query benchmark $provider N=$n"
            dotnet "tools/QualityGates.Benchmarks/bin/Release/net10.0/QualityGates.Benchmarks.dll" \
                --provider "$provider" --connection "$(connection_for "$provider" "$n")" --promises "$n" \
                --runs $((n >= 1000000 ? 5 : 15)) --results "$data/queries.tsv" | tee -a "$data/logs/queries-$provider-$n.log" >&2
        fi
    done
done

$generate_only || scripts/benchmark-report.sh
