#!/usr/bin/env bash
# Builds (or refreshes) an OCI bundle at DIR whose rootfs is Debian's busybox-static.
#
# Usage: scripts/make-bundle.sh DIR [--] [args...]
#   DIR/rootfs       bin/busybox, one symlink per applet (`busybox --list`) in bin/, /bin/sh,
#                    empty proc sys dev tmp etc root, a minimal etc/passwd and etc/group
#   DIR/config.json  written by `$RUNTIME spec`, then edited: process.terminal=false and
#                    process.args = the remaining arguments (default: sh)
# Environment:
#   RUNTIME   the binary whose `spec` is used; default: target/jrunc when it is built, else runc
#
# Idempotent and quick: the rootfs is only filled in where something is missing or out of date, and
# config.json is always rewritten from a fresh `spec`. Needs no jq: the edit is done with awk on the
# text `spec` writes (one JSON member per line, as runc and jrunc both print it).
set -euo pipefail

usage() { echo "usage: $0 DIR [--] [args...]" >&2; exit 2; }
[ $# -ge 1 ] || usage
dir=$1; shift
[ "${1:-}" = "--" ] && shift
[ $# -gt 0 ] || set -- sh

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")

# busybox-static: a dynamically linked /bin/busybox (Debian's busybox package) would not run in the rootfs
is_static_busybox() { [ -x /bin/busybox ] && ! ldd /bin/busybox >/dev/null 2>&1 && /bin/busybox --list >/dev/null 2>&1; }
if ! is_static_busybox; then
  "$here/install-deps.sh" test
  is_static_busybox || { echo "make-bundle: /bin/busybox is not busybox-static" >&2; exit 1; }
fi
busybox=/bin/busybox
if [ -z "${RUNTIME:-}" ]; then
  if [ -x "$repo/target/jrunc" ]; then RUNTIME=$repo/target/jrunc; else RUNTIME=$(command -v runc || true); fi
fi
[ -n "$RUNTIME" ] && RUNTIME=$(command -v "$RUNTIME" || true)
[ -n "$RUNTIME" ] && [ -x "$RUNTIME" ] || { echo "make-bundle: no runtime to run 'spec' with (set RUNTIME)" >&2; exit 1; }
case "$RUNTIME" in /*) ;; *) RUNTIME=$PWD/$RUNTIME ;; esac  # spec runs in a scratch dir

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
rootfs=$dir/rootfs
mkdir -p "$rootfs"/{bin,proc,sys,dev,tmp,etc,root}
chmod 1777 "$rootfs/tmp"
chmod 0700 "$rootfs/root"

# busybox itself: copy only when missing or different (cmp is cheap next to a 2 MB copy)
if ! cmp -s "$busybox" "$rootfs/bin/busybox"; then
  cp -f "$busybox" "$rootfs/bin/busybox.new"
  chmod 0755 "$rootfs/bin/busybox.new"
  mv -f "$rootfs/bin/busybox.new" "$rootfs/bin/busybox"
fi
# one relative symlink per applet (sh among them); existing correct links are left alone, and the
# existing ones are listed with a single find so that a refresh forks no process per applet
declare -A have=()
while IFS= read -r l; do have[$l]=1; done < <(find "$rootfs/bin" -maxdepth 1 -type l -lname busybox -printf '%f\n')
missing=()
while IFS= read -r applet; do
  [ -n "$applet" ] && [ "$applet" != busybox ] && [ -z "${have[$applet]:-}" ] || continue
  have[$applet]=1
  missing+=("$applet")
done < <("$busybox" --list; echo sh)
if [ ${#missing[@]} -gt 0 ]; then
  (
    cd "$rootfs/bin"
    rm -rf -- "${missing[@]}"
    # perl (Debian's essential perl-base) makes them all in one process; ln per applet otherwise
    if command -v perl >/dev/null; then
      perl -e 'for (@ARGV) { symlink("busybox", $_) or die "make-bundle: symlink $_: $!\n" }' -- "${missing[@]}"
    else
      for a in "${missing[@]}"; do ln -s busybox "$a"; done
    fi
  )
fi

write_if_changed() { # FILE CONTENT
  if [ ! -f "$1" ] || [ "$(cat "$1")" != "$2" ]; then printf '%s\n' "$2" >"$1"; fi
}
write_if_changed "$rootfs/etc/passwd" "root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
nobody:x:65534:65534:nobody:/nonexistent:/bin/false"
write_if_changed "$rootfs/etc/group" "root:x:0:
daemon:x:1:
tty:x:5:
nogroup:x:65534:"

# config.json: a fresh `spec` in a scratch dir (spec refuses to overwrite), then edited
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && "$RUNTIME" spec) >/dev/null
[ -s "$tmp/config.json" ] || { echo "make-bundle: '$RUNTIME spec' wrote no config.json" >&2; exit 1; }

json_string() { # prints $1 as a JSON string literal
  local s=$1 out='"' c i code
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    case "$c" in
      '"') out+='\"' ;;
      '\') out+='\\' ;;
      $'\n') out+='\n' ;;
      $'\t') out+='\t' ;;
      $'\r') out+='\r' ;;
      *)
        printf -v code '%d' "'$c"
        if [ "$code" -lt 32 ] && [ "$code" -ge 0 ]; then printf -v c '\\u%04x' "$code"; fi
        out+=$c ;;
    esac
  done
  printf '%s"' "$out"
}
args_json=""
for a in "$@"; do
  [ -n "$args_json" ] && args_json+=", "
  args_json+=$(json_string "$a")
done

# Replaces the first "args": [...] (process.args: the only "args" in a spec's output) and the first
# "terminal": value; both may span lines or not.
ARGS_JSON=$args_json awk '
  BEGIN { args = ENVIRON["ARGS_JSON"]; doneArgs = 0; doneTerm = 0; skipping = 0 }
  skipping {
    if (match($0, /\]/)) { rest = substr($0, RSTART + 1); print indent "\"args\": [" args "]" rest; skipping = 0 }
    next
  }
  !doneTerm && /"terminal"[ \t]*:/ {
    sub(/"terminal"[ \t]*:[ \t]*(true|false)/, "\"terminal\": false"); doneTerm = 1; print; next
  }
  !doneArgs && /"args"[ \t]*:[ \t]*\[/ {
    doneArgs = 1
    match($0, /^[ \t]*/); indent = substr($0, 1, RLENGTH)
    after = $0; sub(/^[^[]*\[/, "", after)
    if (match(after, /\]/)) { rest = substr(after, RSTART + 1); print indent "\"args\": [" args "]" rest; next }
    skipping = 1; next
  }
  { print }
  END { if (!doneArgs) { print "make-bundle: no process.args in spec output" > "/dev/stderr"; exit 1 } }
' "$tmp/config.json" >"$tmp/config.edited"
mv -f "$tmp/config.edited" "$dir/config.json"
