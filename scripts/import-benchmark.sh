#!/usr/bin/env bash
# Times the import of generated rows through the pages, as a sales rep does it: upload → preview → import.
#   scripts/import-benchmark.sh [ROWS=10000] [drafts|committed]
# Builds the app (Release), starts it on a fresh SQLite demo database on 127.0.0.1 (Development, so plain http is
# allowed), signs in as sara.sales, uploads a CSV of ROWS promises and prints the seconds of each step. Run it through
# ../shared/tools/quiet on a machine with nothing else running (build first and set NO_BUILD=1, so the build's load
# has passed before the quiet check); the figure goes into docs/import.md.
set -euo pipefail
rows=${1:-10000}
mode=${2:-drafts}
[[ $mode == drafts || $mode == committed ]] || { echo "usage: $0 [ROWS] [drafts|committed]" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/qualitygates-import.XXXXXX)
app=""
cleanup() { [[ -n $app ]] && kill "$app" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

if [[ ${NO_BUILD:-} != 1 ]]; then
    dotnet build "$root/src/QualityGates.Web" -c Release -v q -nologo >"$work/build.log" || { cat "$work/build.log"; exit 1; }
fi
port=$((20000 + RANDOM % 20000))
base="http://127.0.0.1:$port"
ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS=$base Demo__History=false Notifications__BackgroundEnabled=false \
    ConnectionStrings__QualityGates="Data Source=$work/qualitygates.db" LogFile__Path="$work/logs/app-.log" \
    dotnet "$root/src/QualityGates.Web/bin/Release/net10.0/QualityGates.Web.dll" --contentRoot "$root/src/QualityGates.Web" \
    >"$work/app.out" 2>&1 &
app=$!
for _ in $(seq 120); do curl -sf "$base/health/ready" >/dev/null && break; sleep 1; done
curl -sf "$base/health/ready" >/dev/null || { echo "the app did not start:"; tail -20 "$work/app.out"; exit 1; }

jar=$work/cookies
token() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="\([^"]*\)"/\1/'; }
t=$(curl -s -c "$jar" -b "$jar" "$base/Account/Login" | token)
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Input.Email=sales@demo.local" \
    --data-urlencode "Input.Password=demo-password-2026" --data-urlencode "__RequestVerificationToken=$t" "$base/Account/Login"

# One customer of the demo, the rest as the template's English headers ask for; each row its own reference.
customer="Klinikum am Park"
due=$(date -d '+60 days' +%F)
committed=$(date -d '-3 days' +%F)
{
    echo "Customer;Title;Statement;Category;Delivering department;Source;Reference;Metric;Comparator;Value;Unit;Target date;Due date;Committed on;Channel"
    for ((i = 1; i <= rows; i++)); do
        echo "$customer;Benchmark promise $i;We answer every ticket within four hours.;Response time;Service;Contract;BENCH-$mode-$i;First response;≤;4;h;;$due;$committed;Contract"
    done
} >"$work/rows.csv"

t=$(curl -s -c "$jar" -b "$jar" "$base/Promises/Import" | token)
read -r upload preview_url < <(curl -s -o /dev/null -c "$jar" -b "$jar" -w '%{time_total} %{redirect_url}\n' \
    -F "Input.File=@$work/rows.csv;type=text/csv" -F "Input.AsCommitted=$([[ $mode == committed ]] && echo true || echo false)" \
    -F "__RequestVerificationToken=$t" "$base/Promises/Import")
[[ -n $preview_url ]] || { echo "the upload was refused"; exit 1; }
preview=$(curl -s -o "$work/preview.html" -c "$jar" -b "$jar" -w '%{time_total}' "$preview_url")
t=$(token <"$work/preview.html")
read -r import done_url < <(curl -s -o /dev/null -c "$jar" -b "$jar" -w '%{time_total} %{redirect_url}\n' \
    --data-urlencode "__RequestVerificationToken=$t" "$preview_url")
[[ $done_url == *Done* ]] || { echo "the import did not finish (redirect: ${done_url:-none})"; exit 1; }
echo "$rows rows as $mode: upload ${upload} s, preview ${preview} s, import ${import} s"
