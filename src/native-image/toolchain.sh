#!/usr/bin/env bash
# Assembles (once) a GraalVM native-image builder from Maven Central's GraalVM 25.0.2 jars on Temurin 25
# and prints its directory. No GraalVM distribution can be downloaded on our build machines, so the builder
# runs from its jars, with our own stand-ins for SubstrateVM's unpublished C helpers and JDK static libraries.
# Cached: a second run with the same recipe does nothing (the key is a hash of the recipe files).
# Usage: toolchain.sh            (prints the toolchain directory on stdout; progress goes to stderr)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64}
key=$(cat "$HERE/toolchain.sh" "$HERE/builder-pom.xml" "$HERE"/gen/*.java "$HERE"/c/*.c | sha256sum | cut -c1-12)
W=${JRUNC_TOOLCHAIN_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/jrunc/graal-25.0.2-$key}
if [ -f "$W/.ready" ]; then echo "$W"; exit 0; fi

log() { echo "toolchain: $*" >&2; }
"$HERE/../../scripts/install-deps.sh" build >&2
[ -x "$JAVA25/bin/java" ] || { echo "toolchain: no JDK 25 at $JAVA25 (set JAVA25)" >&2; exit 1; }
rm -rf "$W"; mkdir -p "$W"
log "fetching the GraalVM builder jars into $W"
mvn -q -B -f "$HERE/builder-pom.xml" dependency:copy-dependencies -DoutputDirectory="$W/jars" >&2

# The builder looks for its reporter library under java.home, so it gets a private JDK copy.
log "preparing a private JDK copy"
cp -a "$JAVA25" "$W/jdk"
mkdir -p "$W/jdk/lib/svm/builder/lib"
gcc -O2 -shared -fPIC -I"$JAVA25/include" -I"$JAVA25/include/linux" \
    -o "$W/jdk/lib/svm/builder/lib/libreporterchelper.so" "$HERE/c/reporterchelper.c"

log "building the C helper libraries"
mkdir -p "$W/clib/include" "$W/obj/stubs"
"$JAVA25/bin/java" "$HERE/gen/BuilderHeaders.java" "$(ls "$W"/jars/svm-2*.jar)" "$W/clib/include"
CFLAGS="-O2 -fPIC -I$W/clib/include -I$JAVA25/include -I$JAVA25/include/linux"
gcc $CFLAGS -c "$HERE/c/svmhelpers.c" -o "$W/obj/svmhelpers.o"
gcc $CFLAGS -c "$HERE/c/jdknatives.c" -o "$W/obj/jdknatives.o"
# the linker takes libnio before libzip: real implementations win, abort stubs fill the rest
ar rcs "$W/clib/libnio.a" "$W/obj/svmhelpers.o" "$W/obj/jdknatives.o"
"$JAVA25/bin/java" "$HERE/gen/JniAbortStubs.java" "$W/obj/stubs" >&2
(cd "$W/obj/stubs" && ls *.c | xargs -P "$(nproc)" -n 200 gcc -O1 -fPIC -c)
ar rcs "$W/clib/libzip.a" "$W/obj/stubs/"*.o
ar rc "$W/clib/libjava.a"; ar rc "$W/clib/libnet.a"   # the builder only checks that these exist
rm -rf "$W/obj"

"$JAVA25/bin/java" "$HERE/gen/ModuleExports.java" > "$W/exports.args"
touch "$W/.ready"
log "ready"
echo "$W"
