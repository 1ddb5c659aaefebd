#!/usr/bin/env bash
# Installs the system packages Tightrope needs on a fresh Debian machine (as root), only when missing.
set -euo pipefail
# Debian packages the build, tests or CLI need; areas add theirs here.
need=(libreadstat1 fonts-dejavu-core chromium) # fonts: the timeline chart; chromium: the web explorer's browser tests (Playwright drives /usr/bin/chromium)
# Sweeps: OpenBLAS/LAPACK for the dense kernels (a managed fallback exists); Slurm and munge for the local-cluster test.
need+=(libopenblas0 munge slurmctld slurmd slurm-client)
missing=()
for pkg in "${need[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi
command -v dotnet >/dev/null || { echo "the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1; }
# The web explorer's front-end is bundled from npm packages by the build (src/Tightrope.Web runs npm ci in web/).
command -v npm >/dev/null || { echo "node and npm are required to build the web explorer (npm not on PATH)" >&2; exit 1; }
