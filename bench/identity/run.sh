#!/bin/sh
# Token verification throughput of the identity service. Usage: bench/identity/run.sh [threads] [seconds] [holders]
set -e
cd "$(dirname "$0")/../.."
mvn -q -B -o compile
M2="${M2_REPO:-$HOME/.m2/repository}"
# slf4j-api without a binding logs nothing (NOP), which is what a throughput run wants.
CP="target/classes:$M2/org/slf4j/slf4j-api/2.0.18/slf4j-api-2.0.18.jar"
exec java -Xms512m -Xmx512m -cp "$CP" bench/identity/TokenVerifyBench.java "$@"
