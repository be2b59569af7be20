#!/usr/bin/env bash
# Adds a migration named $1 for every provider, so the three sets never drift apart.
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite SqlServer PostgreSql; do
  dotnet ef migrations add "$name" \
    --project src/QualityGates.Web \
    --context "${provider}QualityGatesDbContext" \
    --output-dir "Data/Migrations/$provider"
done
