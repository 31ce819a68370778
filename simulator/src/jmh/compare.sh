#!/usr/bin/env bash
# Runs the simulator's JMH benchmarks on another commit (default: main) and on this working tree, one
# right after the other on the same machine, and prints both results side by side: the way to report
# "no slower than before" on a shared, noisy machine.
#
#   simulator/src/jmh/compare.sh [REF]            # e.g. main, or a commit
#   JMH_ARGS="-f 1 -wi 2 -i 3 -prof gc" BENCHMARKS="AnalyticBenchmark" simulator/src/jmh/compare.sh
#
# REF is exported with `git archive` into a temporary folder and built there with its own pom; this
# tree is built as it is. Nothing is installed into ~/.m2. Results: CSV files in the temporary folder
# (printed at the end), one row per benchmark, parameter set and secondary result.
set -euo pipefail

ref="${1:-main}"
root="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
args="${JMH_ARGS:--f 1 -wi 2 -i 3 -prof gc}"
benchmarks="${BENCHMARKS:-DelayBenchmark|MonteCarloBenchmark|AnalyticBenchmark|ClosedLoopBenchmark}"
work="$(mktemp -d -t eventretry-bench-XXXXXX)"
mkdir -p "$work/old"
git -C "$root" archive "$ref" | tar -x -C "$work/old"

run() { # folder, csv file
  (cd "$1" && mvn -B -q -o -pl simulator -am -Pbenchmarks -DskipTests verify \
      -Djmh.args="$args -rf csv -rff $2 $benchmarks")
}

echo; echo "== $ref ($(git -C "$root" rev-parse --short "$ref")) in $work/old"
run "$work/old" "$work/old.csv"
echo; echo "== this tree ($(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet || echo ', with changes'))"
run "$root" "$work/new.csv"

# "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit",params...
table() {
  awk -F',' 'NR > 1 {
      gsub(/"/, ""); name = $1; sub(/.*benchmarks\./, "", name)
      if (name ~ /:/ && name !~ /:gc\.alloc\.rate\.norm$/) next
      params = ""; for (i = 8; i <= NF; i++) if ($i != "") params = params " " $i
      printf "%-58s %-22s %16.3f ± %-14.3f %s\n", name, params, $5, $6, $7 }' "$1"
}
echo
echo "== $ref"
table "$work/old.csv"
echo
echo "== this tree"
table "$work/new.csv"
echo
echo "CSV: $work/old.csv $work/new.csv"
