#!/bin/sh
# Runs the allow-list matcher benchmark: compiles the main project, packs its classes for this module, builds the
# benchmarks (JMH from Maven Central) and runs them. Extra arguments go to JMH (e.g. -f 1 -wi 2 -i 3).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
(cd "$root" && mvn -q -B -o compile)
mkdir -p "$here/target"
jar cf "$here/target/collabedge-classes.jar" -C "$root/target/classes" .
cd "$here"
mvn -q -B compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
exec java -cp "target/classes:$(cat target/classpath.txt)" org.openjdk.jmh.Main "${BENCH:-RuleIndexBenchmark}" "$@"
