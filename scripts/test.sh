#!/usr/bin/env bash
# Runs every jrunc test: the unit tests on HotSpot (mvn verify), then builds the native binary and runs
# native-tests/ against it (as root: real namespaces, mounts and cgroups). Sets up everything it needs on a
# fresh machine. Exit status is non-zero when any test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}
scripts/install-deps.sh test

echo "== unit tests (HotSpot)"
mvn -B --no-transfer-progress -Djrunc.commit="$(git rev-parse HEAD 2>/dev/null || echo unknown)" verify

echo "== native binary"
JRUNC_SKIP_JAR=1 scripts/build-native.sh > target/native-build.log 2>&1 || { tail -40 target/native-build.log; exit 1; }
tail -3 target/native-build.log

echo "== native tests"
mvn -B --no-transfer-progress -f native-tests/pom.xml test -Djrunc.binary="$PWD/target/jrunc"
