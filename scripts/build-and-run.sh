#!/usr/bin/env bash
# Builds the jrunc native binary (setting up everything it needs on a fresh machine) and runs a busybox
# container with it: the README's first command.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build-native.sh
bundle=$(mktemp -d /tmp/jrunc-demo.XXXXXX)
root=$(mktemp -d /tmp/jrunc-demo-root.XXXXXX)
trap 'target/jrunc --root "$root" delete --force demo >/dev/null 2>&1 || true; rm -rf "$bundle" "$root"' EXIT
RUNTIME=target/jrunc scripts/make-bundle.sh "$bundle" -- sh -c 'echo "hello from $(hostname), pid $$ in its own namespace"; uname -a'
jrunc=$PWD/target/jrunc
echo "== jrunc run demo"
status=0
(cd "$bundle" && "$jrunc" --root "$root" run demo) || status=$?
echo "== exit status: $status"
exit "$status"
