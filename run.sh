#!/usr/bin/env bash
# Builds Tightrope (Release) and runs the flagship, the tightrope of February 2025 (threat, coercion, linked
# bargaining), then the paper's baseline case that reproduces the published results.
set -euo pipefail
cd "$(dirname "$0")"
export TIGHTROPE_DATA="${TIGHTROPE_DATA:-$(cd .. && pwd)/shared/data}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
./scripts/install-deps.sh
# Published ReadyToRun (precompiled): start-up is not spent in the JIT.
./scripts/publish.sh out/tightrope >/dev/null
tightrope=out/tightrope/tightrope
"$tightrope" run usmx-tightrope-2025 --out out/usmx-tightrope-2025
"$tightrope" run imls-case1 --out out/imls-case1
