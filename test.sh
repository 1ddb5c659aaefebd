#!/usr/bin/env bash
# Builds Tightrope in Release and runs every test project. Ends with "N passed, N failed".
# On a fresh Debian machine it first installs what the tests need.
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
export TIGHTROPE_DATA="${TIGHTROPE_DATA:-$(cd "$root/.." && pwd)/shared/data}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# CLI runs made by the tests are not recorded in the user's run store (tests that need a store make their own).
export TIGHTROPE_STORE="${TIGHTROPE_STORE:-off}"

./scripts/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }

if ! dotnet build Tightrope.slnx -c Release -nologo -v quiet; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

results="$root/TestResults"
rm -rf "$results"
passed=0; failed=0; status=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Release --no-build -nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results/$name" "$@" || status=1
  f="$results/$name/$name.trx"
  if [ ! -f "$f" ]; then echo "$name: no test results"; failed=$((failed + 1)); continue; fi
  counters=$(grep -o '<Counters [^>]*>' "$f" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  x=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${x:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
