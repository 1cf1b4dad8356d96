#!/usr/bin/env bash
# Builds the jrunc native executable at target/jrunc.
#  - with GRAALVM_HOME pointing at a GraalVM distribution: its native-image; syscall(2) is bound through the FFM Linker.
#  - otherwise: a builder assembled from Maven Central (src/native-image/toolchain.sh, cached); syscall(2) is bound
#    through GraalVM's @CFunction, whose source (src/native/java) is compiled only here.
# Skips the unit tests (scripts/test.sh runs them); set JRUNC_SKIP_JAR=1 to reuse an existing target/jrunc.jar.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}
scripts/install-deps.sh build
[ "${JRUNC_SKIP_JAR:-}" = 1 ] && [ -f target/jrunc.jar ] || mvn -q -B -Dmaven.test.skip=true -Djrunc.commit="$(git rev-parse HEAD 2>/dev/null || echo unknown)" package
cfg=src/main/resources/META-INF/native-image/io.jrunc/jrunc
common=(-R:-AutomaticReferenceHandling -R:-EnableSignalHandling   # one thread: jrunc forks and unshares
        -H:ReflectionConfigurationFiles=$cfg/reflect-config.json  # FFM segment var handles
        -H:ResourceConfigurationFiles=$cfg/resource-config.json   # the OCI schemas
        # every jrunc class initialised at build time (their statics are constant tables, the compiled config
        # schema, the syscall binding, the kernel structs' layouts and var handles): nothing is initialised,
        # hence written into the image heap, at run time, and the structs' var handles are constants the
        # compiler inlines. The FFM Linker binding, for HotSpot and a real GraalVM, must bind at run time.
        -H:ClassInitialization=io.jrunc:build_time,io.jrunc.sys.LinkerRawSyscall:run_time
        -H:+ReportExceptionStackTraces)
if [ -n "${GRAALVM_HOME:-}" ] && [ -x "$GRAALVM_HOME/bin/native-image" ]; then
  "$GRAALVM_HOME/bin/native-image" -cp target/jrunc.jar -march=compatibility -o target/jrunc \
    "${common[@]}" io.jrunc.Main
  exit 0
fi
tc=$(src/native-image/toolchain.sh)
rm -rf target/native-binding && mkdir -p target/native-binding
"$JAVA_HOME/bin/javac" --release 22 -nowarn -d target/native-binding \
  -cp "target/jrunc.jar:$tc/jars/nativeimage-25.0.2.jar:$tc/jars/word-25.0.2.jar" \
  $(find src/native/java -name '*.java')
cp -r src/native/resources/. target/native-binding/
"$JAVA_HOME/bin/jar" cf target/jrunc-native-binding.jar -C target/native-binding .
src/native-image/native-image.sh "$tc" -imagecp target/jrunc.jar:target/jrunc-native-binding.jar \
  -H:Class=io.jrunc.Main -H:Name=jrunc -H:Path="$PWD/target" -H:MicroArchitecture=compatibility \
  "${common[@]}" -H:ClassInitialization=io.jrunc.sys.nativeimage.CFunctionRawSyscall:build_time
echo "built $PWD/target/jrunc"
