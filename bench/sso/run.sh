#!/usr/bin/env bash
# SAML assertion validation throughput (target: >= 1,000 responses/s per core).
# Usage: bench/sso/run.sh [responses per round] [threads] [encrypted: true|false] [SP key: rsa-2048|rsa-3072]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-sso.classpath \
    -Dmdep.includeScope=test >/dev/null
java -Xshare:off -cp "target/test-classes:target/classes:$(cat target/bench-sso.classpath)" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn org.collabedge.sso.SsoValidationBench "$@"
