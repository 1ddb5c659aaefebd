#!/usr/bin/env bash
# Builds Tightrope (Release) and runs the flagship scenarios: the 25% US tariff on Mexico and Canada, and the
# paper's baseline case that reproduces the published results.
set -euo pipefail
cd "$(dirname "$0")"
export TIGHTROPE_DATA="${TIGHTROPE_DATA:-$(cd .. && pwd)/shared/data}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
./scripts/install-deps.sh
dotnet build src/Tightrope.Cli -c Release -nologo -v quiet
tightrope=src/Tightrope.Cli/bin/Release/net10.0/tightrope
"$tightrope" run usmx-fentanyl-25 --out out/usmx-fentanyl-25
"$tightrope" run imls-case1 --out out/imls-case1
