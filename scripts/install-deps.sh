#!/usr/bin/env bash
# Installs the Debian packages jrunc's build and tests need, only those missing (idempotent, quiet when
# there is nothing to do). Usage: install-deps.sh build|test|bench
#   build: gcc, libc6-dev, zlib1g-dev (linking the native image), maven
#   test:  build's + busybox-static (the test containers' rootfs)
#   bench: test's + runc, crun, strace (the runtimes compared against)
set -euo pipefail
want=(gcc libc6-dev zlib1g-dev maven)
case "${1:-build}" in
  build) ;;
  test) want+=(busybox-static) ;;
  bench) want+=(busybox-static runc crun strace linux-perf) ;;
  *) echo "usage: $0 build|test|bench" >&2; exit 2 ;;
esac
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "install-deps: missing packages ${missing[*]}; run as root or install them" >&2; exit 1
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null; }
