# Sourced by bench.sh and strace-summary.sh: where the runtimes are and how each must be run here.
# Needs $repo (the checkout), $work (a temp dir) and $empty (an empty file in it) to be set.

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
