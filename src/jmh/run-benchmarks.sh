#!/usr/bin/env bash
# Builds the benchmark jar (Maven profile jmh) and runs every JMH benchmark with the allocation profiler,
# then the heap footprint measurement. Short settings by default so the whole run stays around 15 minutes
# on 2 cores; pass JMH options to override, e.g. src/jmh/run-benchmarks.sh -f 2 -i 10 'FilterBenchmark'.
#
#   src/jmh/run-benchmarks.sh                 # everything; results in $BUILD_DIR/jmh-results.{txt,json}
#   src/jmh/run-benchmarks.sh 'Filter|Floor'  # a subset (regular expression over benchmark names)
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD_DIR=${BUILD_DIR:-target-jmh}
mvn -B -q -P jmh -Dgonefilter.buildDirectory="$BUILD_DIR" -Dmaven.test.skip=true package
JAR="$BUILD_DIR/benchmarks.jar"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(java -version 2>&1 | head -1)"
java -jar "$JAR" -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc -rf json -rff "$BUILD_DIR/jmh-results.json" "$@" \
  | tee "$BUILD_DIR/jmh-results.txt"
if [ $# -eq 0 ]; then
  java -Xms4g -Xmx4g -XX:+UseParallelGC -cp "$JAR" io.github.gonefilter.benchmarks.HeapFootprint \
    | tee "$BUILD_DIR/heap-footprint.txt"
fi
