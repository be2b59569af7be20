#!/usr/bin/env bash
# Makes the upgrade tests' fixtures: for each released version, that version's own app creates a SQLite file and a
# PostgreSQL database with its demo data, then a committed promise is changed and re-approved through its pages
# (upgrade-fixture-change.py); the results land, gzipped, in tests/QualityGates.Web.Tests/Upgrades/.
#
#   scripts/make-upgrade-fixtures.sh PGPORT [COMMIT…]      # default: every released version
#
# PGPORT: a running PostgreSQL (trust authentication for user postgres on 127.0.0.1), see docs/databases.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
pgport=${1:?PostgreSQL port}
shift
releases=("${@:-ea711e1 2570e01 e761b1f}")
out=$root/tests/QualityGates.Web.Tests/Upgrades
port=5301

run_release() { # commit provider connection-string
    local dir=/tmp/rel-$1 log
    log=$(mktemp)
    (cd "$dir/src/QualityGates.Web" && ASPNETCORE_ENVIRONMENT=Development Demo__Seed=true Database__Provider=$2 \
        ConnectionStrings__QualityGates="$3" ASPNETCORE_URLS=http://127.0.0.1:$port \
        exec dotnet bin/Debug/net10.0/QualityGates.Web.dll >"$log" 2>&1) &
    local pid=$!
    for _ in $(seq 60); do curl -sf -o /dev/null http://127.0.0.1:$port/Account/Login && break; sleep 1; done
    python3 "$root/scripts/upgrade-fixture-change.py" http://127.0.0.1:$port
    kill "$pid"; wait "$pid" || true
}

for commit in ${releases[@]}; do
    dir=/tmp/rel-$commit
    [ -d "$dir" ] || git worktree add --detach "$dir" "$commit"
    [ -f "$dir/src/QualityGates.Web/bin/Debug/net10.0/QualityGates.Web.dll" ] || dotnet build "$dir/src/QualityGates.Web" -c Debug | tail -2

    rm -f "/tmp/$commit.db"*
    run_release "$commit" Sqlite "Data Source=/tmp/$commit.db"
    rm -f "/tmp/$commit.sqlite"
    sqlite3 "/tmp/$commit.db" "VACUUM INTO '/tmp/$commit.sqlite'"
    gzip -9n <"/tmp/$commit.sqlite" >"$out/$commit.sqlite.gz"

    db=fixture_$commit
    psql -h 127.0.0.1 -p "$pgport" -U postgres -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
    run_release "$commit" PostgreSql "Host=127.0.0.1;Port=$pgport;Username=postgres;Database=$db"
    # INSERTs instead of COPY, and no psql meta-commands (\restrict): the test runs the file through Npgsql.
    pg_dump -h 127.0.0.1 -p "$pgport" -U postgres --inserts --no-owner --no-privileges --no-comments "$db" \
        | sed -e '/^\\/d' -e '/^--/d' -e '/^$/d' | gzip -9n >"$out/$commit.postgresql.sql.gz"
    psql -h 127.0.0.1 -p "$pgport" -U postgres -qc "DROP DATABASE $db"
    rm -rf "$dir/src/QualityGates.Web/logs"
done
ls -l "$out"
