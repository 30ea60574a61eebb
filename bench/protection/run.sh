#!/bin/sh
# Runs the protection benchmark (src/test/java/org/collabedge/protection/ProtectionBench.java) on two edge nodes in
# one JVM sharing one state. Usage: bench/protection/run.sh [seconds]   (default 10)
set -eu
cd "$(dirname "$0")/../.."
mvn -q -B -o test-compile
mvn -q -B -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  org.collabedge.protection.ProtectionBench "${1:-10}"
