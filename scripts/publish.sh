#!/usr/bin/env bash
# Publishes the CLI ReadyToRun (precompiled, so start-up is not spent in the JIT) to out/tightrope/ (or the directory given).
# Framework-dependent: needs the .NET runtime the SDK brings. run.sh and bench/gravity-fe.sh use it; test.sh builds plainly.
#   scripts/publish.sh [OUTPUT_DIR]   → OUTPUT_DIR/tightrope
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-out/tightrope}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
rid=linux-x64
case "$(uname -m)" in aarch64|arm64) rid=linux-arm64 ;; esac
dotnet publish src/Tightrope.Cli -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true -nologo -v quiet -o "$out"
echo "published $out/tightrope (ReadyToRun, $rid)"
