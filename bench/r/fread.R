# Times data.table::fread on the benchmark CSV files (2 threads), for comparison with Tightrope's reader (bench/gravity-fe.sh read).
# Optional: needs R with data.table; nothing in the test suite uses it.
#   Rscript bench/r/fread.R FILE [repeats]
args <- commandArgs(trailingOnly = TRUE)
suppressMessages(library(data.table))
setDTthreads(2)
repeats <- if (length(args) > 1) as.integer(args[2]) else 3
for (r in seq_len(repeats)) {
  t <- system.time(d <- fread(args[1], showProgress = FALSE))
  cat(sprintf("  fread              wall %6.3f s  cpu %6.3f s  (%d rows)\n", t[["elapsed"]], t[["user.self"]] + t[["sys.self"]], nrow(d)))
}
