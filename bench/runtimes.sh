# Sourced by bench.sh, strace-summary.sh and perf-summary.sh: where the runtimes are, how each must be run
# here, and the scratch directory they share. Needs $repo (the checkout) and $runtimes (the names to run).

runtime_bin() { # NAME -> path of the binary, or fails
  local b
  case $1 in
    jrunc) b=${JRUNC:-$repo/target/jrunc} ;;
    runc) b=${RUNC:-runc} ;;
    crun) b=${CRUN:-crun} ;;
    *) b=$1 ;;
  esac
  b=$(command -v "$b" 2>/dev/null) || return 1
  [ -x "$b" ] && echo "$b"
}

# in_env RUNTIME-NAME CMD... : runs CMD as that runtime needs. crun 1.8 refuses this hybrid cgroup host,
# so it runs in a private mount namespace where an empty file hides the cgroup2 controllers; the bind
# mount dies with that namespace.
in_env() {
  local rt=$1; shift
  if [ "$rt" = crun ] && [ -e /sys/fs/cgroup/unified/cgroup.controllers ]; then
    unshare -m --propagation private -- /bin/sh -c \
      'mount --bind "$0" /sys/fs/cgroup/unified/cgroup.controllers && exec "$@"' "$empty" "$@"
  else
    "$@"
  fi
}

# make_bundle PREFIX-FOR-ERRORS : a busybox /bin/true bundle at $work/bundle, config from the oldest runtime's spec
make_bundle() {
  bundle=$work/bundle
  if ! RUNTIME=$(runtime_bin runc || runtime_bin jrunc || runtime_bin crun) "$repo/scripts/make-bundle.sh" "$bundle" -- /bin/true >"$work/make-bundle.log" 2>&1; then
    echo "$1: could not make the bundle:" >&2; cat "$work/make-bundle.log" >&2; exit 1
  fi
}

# make_work NAME : $work (a temp dir, removed at exit with every container left in a runtime's root under
# it) and $empty (an empty file in it, for in_env); NAME prefixes the warning if a mount survives.
make_work() {
  work_name=$1
  work=$(mktemp -d "/tmp/jrunc-$1.XXXXXX")
  empty=$work/empty-cgroup.controllers
  : >"$empty"
  trap cleanup_work EXIT
  trap 'exit 130' INT TERM
}

cleanup_work() {
  local rt bin root id
  for rt in "${runtimes[@]}"; do
    bin=$(runtime_bin "$rt") || continue
    root=$work/root-$rt
    [ -d "$root" ] || continue
    for id in $(in_env "$rt" "$bin" --root "$root" list -q 2>/dev/null); do
      in_env "$rt" "$bin" --root "$root" delete --force "$id" >/dev/null 2>&1
    done
  done
  rm -rf "$work"
  if grep -q -e "$work" -e " /sys/fs/cgroup/unified/cgroup.controllers " /proc/self/mountinfo; then
    echo "$work_name: WARNING: a mount is left on the host:" >&2
    grep -e "$work" -e " /sys/fs/cgroup/unified/cgroup.controllers " /proc/self/mountinfo >&2
  fi
}
