#!/usr/bin/env bash
# Whole-process benchmark of `tightrope estimate` on the difficult fixed-effect design and the regular gravity panel, one
# process per fit, this version ("after", published ReadyToRun as users run it) against a baseline ("before") in the same run,
# alternating. Reports wall and CPU time, peak resident memory, the fit and separation-check phases, IRLS iterations, solver
# passes and the load average (the machine is shared: CPU time is the steadier figure).
#   bench/gravity-fe.sh [small|1m|10m|all|read] [--before-ref REF | --before PATH] [--ap] [--repeat N] [--timeout SECONDS] [--cli PATH]
#     small     the 2,500-row regular panel (start-up: a fit this size is dominated by what happens before the first iteration)
#     1m, 10m   difficult (OLS and PPML) and regular (PPML) at that size; all = small 1m 10m
#     read      reading the CSV files: the parallel numeric reader vs the line-by-line reader, and R's data.table::fread when
#               Rscript with data.table is installed (optional, for comparison only)
#     --before-ref REF  publish the CLI of git revision REF (once, cached under the data directory) as the baseline
#     --before PATH     use that executable as the baseline
#     --ap              also run alternating projections only (--fe-solver ap), the solver before conjugate gradients
# SKIP_BEFORE_DIFFICULT=1 skips the alternating-projection runs on the difficult design (they crawl for many minutes).
# Data are generated (seeded) under ${TIGHTROPE_BENCH_DIR:-/tmp/tightrope-bench}, never in the repository.
set -uo pipefail
cd "$(dirname "$0")/.."
sizes=1m; limit=300; cli=""; before=""; before_ref=""; ap=""; repeat=1
while [ $# -gt 0 ]; do
  case "$1" in
    small|1m|10m|read) sizes=$1 ;;
    all) sizes="small 1m 10m" ;;
    --timeout) limit=$2; shift ;;
    --cli) cli=$2; shift ;;
    --before) before=$2; shift ;;
    --before-ref) before_ref=$2; shift ;;
    --ap) ap=1 ;;
    --repeat) repeat=$2; shift ;;
    *) echo "unknown argument '$1' (expected small, 1m, 10m, all, read, --before-ref REF, --before PATH, --ap, --repeat N, --timeout SECONDS, --cli PATH)" >&2; exit 2 ;;
  esac
  shift
done
dir=${TIGHTROPE_BENCH_DIR:-/tmp/tightrope-bench}
mkdir -p "$dir"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ -z "$cli" ]; then
  scripts/publish.sh out/tightrope >/dev/null || exit 1
  cli=out/tightrope/tightrope
fi
if [ -n "$before_ref" ]; then
  rev=$(git rev-parse --short "$before_ref") || exit 1
  before="$dir/before-$rev/pub/tightrope"
  if [ ! -x "$before" ]; then
    rm -rf "$dir/before-$rev" && mkdir -p "$dir/before-$rev/src"
    git archive "$rev" | tar -x -C "$dir/before-$rev/src" || exit 1
    if [ -x "$dir/before-$rev/src/scripts/publish.sh" ]; then
      "$dir/before-$rev/src/scripts/publish.sh" "$dir/before-$rev/pub" >/dev/null || exit 1
    else
      dotnet publish "$dir/before-$rev/src/src/Tightrope.Cli" -c Release -nologo -v quiet -o "$dir/before-$rev/pub" >/dev/null || exit 1
    fi
  fi
fi
dotnet build bench/Tightrope.Bench -c Release -nologo -v quiet >/dev/null || exit 1
gen=bench/Tightrope.Bench/bin/Release/net10.0/Tightrope.Bench

data() { # design size → file
  local file="$dir/$1-$2.csv"
  [ -f "$file" ] || "$gen" gravity-data "$1" "$2" "$file" >/dev/null || exit 1
  echo "$file"
}

if [ "$sizes" = read ]; then
  for file in "$(data regular 1m)" "$(data difficult 1m)" "$(data regular 10m)"; do
    echo "$(basename "$file") ($(du -m "$file" | cut -f1) MB):"
    "$gen" csv-read "$file" "$([ "${file%10m.csv}" != "$file" ] && echo 1 || echo 3)"
    if command -v Rscript >/dev/null && Rscript -e 'library(data.table)' >/dev/null 2>&1; then
      Rscript bench/r/fread.R "$file" "$([ "${file%10m.csv}" != "$file" ] && echo 1 || echo 3)"
    fi
  done
  exit 0
fi

printf '%-10s %-5s %-6s %-6s %-5s %7s %7s %7s %7s %7s %5s %9s %8s %7s %s\n' design rows model build fe wall_s cpu_s fit_s sep_s sep/fit irls fe_passes sep_pass peak_GB "coefficients (load)"
run() { # label executable design size model formula solver
  local label=$1 exe=$2 design=$3 size=$4 model=$5 formula=$6 solver=$7 file out err stats rc load
  file=$(data "$design" "$size")
  out=$(mktemp); err=$(mktemp); stats=$(mktemp)
  TIGHTROPE_TRACE=1 timeout "$limit" /usr/bin/time -f 'TIME %e %U %S %M' "$exe" estimate --data "$file" --model "$model" \
    --formula "$formula" --fe-solver "$solver" --format csv --stats "$stats" >"$out" 2>"$err"
  rc=$?
  load=$(cut -d' ' -f1 /proc/loadavg)
  if [ $rc -ne 0 ]; then
    printf '%-10s %-5s %-6s %-6s %-5s %7s   (did not finish in %s s or failed; load %s)\n' "$design" "$size" "$model" "$label" "$solver" ">$limit" "$limit" "$load"
    rm -f "$out" "$err" "$stats"; return
  fi
  read -r wall user sys rss < <(grep '^TIME' "$err" | cut -d' ' -f2-)
  # Phase boundaries in process CPU seconds (steadier than wall time on a shared machine).
  at() { grep -m1 "^ *$1 at" "$err" | sed 's/.*process cpu \([0-9.]*\) s.*/\1/'; }
  local t0 t1 t2 t3 fit sep
  t0=$(at encoded); t1=$(at "sample selected"); t2=$(at compacted); t3=$(at fitted)
  fit=$(echo "$t3 - $t2" | bc -l); sep=$(echo "$t1 - $t0" | bc -l)
  stat() { grep -m1 "^1,$1," "$stats" | cut -d, -f3; }
  local coef
  coef=$(grep -E '^1,(x1|x2|rta),' "$out" | cut -d, -f2,3 | tr '\n' ' ')
  printf '%-10s %-5s %-6s %-6s %-5s %7.2f %7.2f %7.2f %7.2f %7.2f %5s %9s %8s %7.2f %s(load %s)\n' "$design" "$size" "$model" "$label" "$solver" \
    "$wall" "$(echo "$user + $sys" | bc -l)" "$fit" "$sep" "$(echo "if ($fit > 0) $sep / $fit else 0" | bc -l)" "$(stat iterations)" "$(stat fe_iterations)" \
    "$(stat separation_iterations)" "$(echo "$rss / 1048576" | bc -l)" "$coef" "$load"
  rm -f "$out" "$err" "$stats"
}

for size in $sizes; do
  if [ "$size" = small ]; then designs=regular; bsize=2500; else designs="difficult regular"; bsize=$size; fi
  for design in $designs; do
    if [ "$design" = difficult ]; then
      models=("ols|y ~ x1 + x2 | id_indiv + id_firm + id_year" "ppml|y_pois ~ x1 + x2 | id_indiv + id_firm + id_year")
    else
      models=("ppml|trade ~ rta | exporter^year + importer^year + pair")
    fi
    for entry in "${models[@]}"; do
      model=${entry%%|*}; formula=${entry#*|}
      for ((r = 0; r < repeat; r++)); do
        [ -n "$before" ] && run before "$before" "$design" "$bsize" "$model" "$formula" auto
        run after "$cli" "$design" "$bsize" "$model" "$formula" auto
        if [ -n "$ap" ] && ! { [ "$design" = difficult ] && [ -n "${SKIP_BEFORE_DIFFICULT:-}" ]; }; then
          run after "$cli" "$design" "$bsize" "$model" "$formula" ap
        fi
      done
    done
  done
done
echo "wall/cpu/peak: whole process (/usr/bin/time); fit_s / sep_s: process CPU seconds of the fit after sample selection and of the sample"
echo "selection including the separation check (TIGHTROPE_TRACE phases); irls: IRLS iterations;"
echo "fe_passes/sep_pass: passes over the data by the fixed-effect solver (sweeps + CG iterations) in the fit and in the separation check."
