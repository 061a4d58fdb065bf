#!/usr/bin/env bash
# Snapshot benchmark on the s3 disk: 1,000 objects, 1 % changed, against a full copy and against
# copies made one at a time, on an S3-compatible server (S3Proxy) started on loopback.
#
#   bench/s3-snapshot.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
mvn -q -B -DskipTests install >&2
classpath_file="$(mktemp)"
mvn -q -B -pl shared dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file" >&2
java -cp "shared/target/classes:shared/target/test-classes:$(cat "$classpath_file")" \
  dev.parceler.snapshot.S3SnapshotBenchmark "$rounds" 2> >(grep -v ' INFO ' >&2)
rm -f "$classpath_file"
