#!/usr/bin/env bash
# How cost grows: each curve is measured at several sizes in one run and printed as a table with
# ratios against its smallest size (see dev.parceler.app.ScaleBenchmark for what each column is):
#   machines      1k to 1M machines in the authorization cache and the sightings (--full: 3M), on
#                 SQLite and on PostgreSQL (a server of Debian's postgresql package, when installed);
#   surge         3k to 30k machines each asking for an index, its signature and a package in one
#                 window (--full: 10k to 1M);
#   repositories  1 to 1,000 repositories (--full: 3,000);
#   files         1k to 100k files in a feed, 1 % changed (--full: 300k), on the local disk, and
#                 1k to 10k on an S3-compatible server with the requests counted (--full: 100k).
# The TSV files and, with gnuplot (apt-get install gnuplot-nox), the plots OUT/<curve>.png are
# written to OUT (default: docs/scale). Loopback only; under 10 minutes on 2 cores, --full longer.
#
#   bench/scale.sh [--full] [--only=machines|surge|repositories|files|files-s3] [OUT]
set -euo pipefail
cd "$(dirname "$0")/.."
full=""; only=""; out="docs/scale"
for argument in "$@"; do
  case "$argument" in
    --full) full="--full" ;;
    --only=*) only="$argument" ;;
    *) out="$argument" ;;
  esac
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Always the classes of the code checked out: stale ones would measure something else.
mvn -q -B -o -DskipTests install >&2 || mvn -q -B -DskipTests install >&2
mvn -q -B -o dependency:build-classpath -pl app -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath" >&2
classpath="app/target/classes:app/target/test-classes:shared/target/test-classes:worker/target/test-classes:$(cat "$work/classpath")"
mkdir -p "$out"
java -Xmx1g -cp "$classpath" dev.parceler.app.ScaleBenchmark "$work/run" "$out" $full $only

# One plot per curve: every column as its ratio to the smallest size, sizes on a log scale.
if command -v gnuplot >/dev/null; then
  for tsv in "$out"/*.tsv; do
    name="$(basename "$tsv" .tsv)"
    columns=$(head -1 "$tsv" | awk -F'\t' '{print NF}')
    label=$(head -1 "$tsv" | cut -f1 | sed 's/^# //')
    plot=""
    for ((c = 2; c <= columns; c++)); do
      title=$(head -1 "$tsv" | cut -f"$c")
      plot="$plot${plot:+, }'$tsv' using 1:(\$$c/base$c) with linespoints title '$title'"
      bases="${bases:-}base$c = system(\"awk 'NR==2{print \$$c}' $tsv\") + 0; "
    done
    # The dashed line is cost proportional to the size: a curve below it grows slower than the work.
    gnuplot <<PLOT
set terminal pngcairo size 900,560 font ",10"
set output "$out/$name.png"
set logscale xy
set key below
set grid
set title "$name: each figure as a ratio to the smallest size"
set xlabel "$label"
set ylabel "ratio to the smallest size"
set datafile separator "\t"
$bases
first = system("awk 'NR==2{print \$1}' $tsv") + 0
plot $plot, x/first with lines dashtype 2 lc rgb "gray" title 'proportional to the size'
PLOT
    bases=""
  done
  echo "plots: $(ls "$out"/*.png | tr '\n' ' ')" >&2
else
  echo "gnuplot not found: tables and TSV files only (apt-get install gnuplot-nox for the plots)" >&2
fi
