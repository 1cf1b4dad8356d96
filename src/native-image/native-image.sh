#!/usr/bin/env bash
# Runs GraalVM's image builder from the jars of a toolchain made by toolchain.sh: the stand-in for the
# unpublished `native-image` launcher. Usage: native-image.sh TOOLCHAIN_DIR <builder options>
set -euo pipefail
W=$(cd "$1" && pwd); shift
modules=$(ls "$W"/jars/*.jar | grep -v '/compiler-' | tr '\n' ':')
set +e
"$W/jdk/bin/java" -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI -XX:-UseJVMCICompiler -XX:+UseParallelGC -Xss10m \
  ${JRUNC_BUILDER_XMX:+-Xmx$JRUNC_BUILDER_XMX} \
  --upgrade-module-path "$(ls "$W"/jars/compiler-*.jar)" --module-path "$modules" @"$W/exports.args" \
  --enable-native-access=org.graalvm.nativeimage.builder \
  -Djdk.internal.lambda.disableEagerInitialization=true -Dorg.graalvm.nativeimage.imagecode=buildtime \
  -Djava.awt.headless=true -Djava.system.class.loader=com.oracle.svm.hosted.NativeImageSystemClassLoader \
  -m org.graalvm.nativeimage.builder/com.oracle.svm.hosted.NativeImageGeneratorRunner \
  -H:ImageBuildID="$(cat /proc/sys/kernel/random/uuid)" -H:CLibraryPath="$W/clib" "$@" 2>&1 \
  | grep -v '^WARNING: Unknown module'
status=${PIPESTATUS[0]}
exit "$status"
