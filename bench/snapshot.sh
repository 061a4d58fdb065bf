#!/usr/bin/env bash
# Snapshot benchmark: a repository of 2,000 files of 512 KiB (1 GiB) and one of 10,000 small
# files are snapshotted, 1 % of the files change, and the second snapshot's time and added disk
# are printed as ratios against `cp -a` and `rsync -a --link-dest` of the same tree, measured
# in the same run; then the feed check's cost on an opkg feed of 10,000 packages with 1 % changed,
# and what verifying signatures adds to the check of a signed opkg feed and a signed Debian
# repository of 10,000 packages each (needs signify-openbsd, gpg and apt-utils).
# Needs about 4 GiB free under the work folder.
#
#   bench/snapshot.sh [WORK_DIR] [ROUNDS] [all|large|small|feed|signed]
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-$(mktemp -d)}"
rounds="${2:-3}"
scenario="${3:-all}"
command -v rsync >/dev/null || { echo "bench/snapshot.sh needs rsync (apt-get install rsync)" >&2; exit 1; }
mvn -q -B -DskipTests install >&2
classpath="app/target/parceler.jar:shared/target/test-classes"
java -cp "$classpath" dev.parceler.snapshot.SnapshotBenchmark "$work" "$rounds" "$scenario"
rm -rf "$work"
