#!/usr/bin/env bash
# Whole-process benchmark of `tightrope estimate` on the difficult fixed-effect design and the regular gravity panel,
# before (alternating projections, --fe-solver ap) and after (automatic choice) side by side, one process per fit.
# Reports wall and CPU time, peak resident memory, the fit and separation-check phases, solver passes, and the load average.
#   bench/gravity-fe.sh [1m|10m|all] [--timeout SECONDS] [--cli PATH]
# SKIP_BEFORE_DIFFICULT=1 skips the alternating-projection runs on the difficult design (they crawl for many minutes).
# Data are generated (seeded) under ${TIGHTROPE_BENCH_DIR:-/tmp/tightrope-bench}, never in the repository.
set -uo pipefail
cd "$(dirname "$0")/.."
sizes=1m; limit=300; cli=""
while [ $# -gt 0 ]; do
  case "$1" in
    1m|10m) sizes=$1 ;;
    all) sizes="1m 10m" ;;
    --timeout) limit=$2; shift ;;
    --cli) cli=$2; shift ;;
    *) echo "unknown argument '$1' (expected 1m, 10m, all, --timeout SECONDS, --cli PATH)" >&2; exit 2 ;;
  esac
  shift
done
dir=${TIGHTROPE_BENCH_DIR:-/tmp/tightrope-bench}
mkdir -p "$dir"
if [ -z "$cli" ]; then
  dotnet build src/Tightrope.Cli -c Release -nologo -v quiet >/dev/null || exit 1
  cli=src/Tightrope.Cli/bin/Release/net10.0/tightrope
fi
dotnet build bench/Tightrope.Bench -c Release -nologo -v quiet >/dev/null || exit 1
gen=bench/Tightrope.Bench/bin/Release/net10.0/Tightrope.Bench

printf '%-10s %-5s %-6s %-5s %8s %8s %8s %8s %9s %9s %8s %10s %s\n' design rows model fe wall_s cpu_s fit_s sep_s sep/fit fe_passes sep_pass peak_GB "coefficients (load)"
for size in $sizes; do
  for design in difficult regular; do
    file="$dir/$design-$size.csv"
    [ -f "$file" ] || "$gen" gravity-data "$design" "$size" "$file" >/dev/null || exit 1
    if [ "$design" = difficult ]; then
      models=("ols|y ~ x1 + x2 | id_indiv + id_firm + id_year" "ppml|y_pois ~ x1 + x2 | id_indiv + id_firm + id_year")
    else
      models=("ppml|trade ~ rta | exporter^year + importer^year + pair")
    fi
    for entry in "${models[@]}"; do
      model=${entry%%|*}; formula=${entry#*|}
      for solver in ap auto; do
        if [ "$solver" = ap ] && [ "$design" = difficult ] && [ -n "${SKIP_BEFORE_DIFFICULT:-}" ]; then continue; fi
        out=$(mktemp); err=$(mktemp); stats=$(mktemp)
        TIGHTROPE_TRACE=1 timeout "$limit" /usr/bin/time -f 'TIME %e %U %S %M' "$cli" estimate --data "$file" --model "$model" \
          --formula "$formula" --fe-solver "$solver" --format csv --stats "$stats" >"$out" 2>"$err"
        rc=$?
        load=$(cut -d' ' -f1 /proc/loadavg)
        if [ $rc -ne 0 ]; then
          printf '%-10s %-5s %-6s %-5s %8s   (did not finish in %s s; load %s)\n' "$design" "$size" "$model" "$solver" ">$limit" "$limit" "$load"
          rm -f "$out" "$err" "$stats"; continue
        fi
        read -r wall user sys rss < <(grep '^TIME' "$err" | cut -d' ' -f2-)
        # Phase boundaries in process CPU seconds (steadier than wall time on a shared machine).
        at() { grep -m1 "^ *$1 at" "$err" | sed 's/.*process cpu \([0-9.]*\) s.*/\1/'; }
        t0=$(at encoded); t1=$(at "sample selected"); t2=$(at compacted); t3=$(at fitted)
        fit=$(echo "$t3 - $t2" | bc -l); sep=$(echo "$t1 - $t0" | bc -l)
        stat() { grep -m1 "^1,$1," "$stats" | cut -d, -f3; }
        coef=$(grep -E '^1,(x1|x2|rta),' "$out" | cut -d, -f2,3 | tr '\n' ' ')
        printf '%-10s %-5s %-6s %-5s %8.2f %8.2f %8.2f %8.2f %9.2f %9s %8s %10.2f %s(load %s)\n' "$design" "$size" "$model" "$solver" \
          "$wall" "$(echo "$user + $sys" | bc -l)" "$fit" "$sep" "$(echo "$sep / $fit" | bc -l)" "$(stat fe_iterations)" \
          "$(stat separation_iterations)" "$(echo "$rss / 1048576" | bc -l)" "$coef" "$load"
        rm -f "$out" "$err" "$stats"
      done
    done
  done
done
echo "wall/cpu/peak: whole process (/usr/bin/time); fit_s / sep_s: process CPU seconds of the fit after sample selection and of the sample"
echo "selection including the separation check (TIGHTROPE_TRACE phases);"
echo "fe_passes/sep_pass: passes over the data by the fixed-effect solver (sweeps + CG iterations) in the fit and in the separation check."
