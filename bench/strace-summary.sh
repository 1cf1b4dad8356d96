#!/usr/bin/env bash
# "Where the time goes": `strace -f -c` of one `run` of /bin/true per runtime (jrunc, runc, crun), after one
# untraced warm-up run. Prints each runtime's wall time under strace and the top of its syscall summary.
#
# Usage: bench/strace-summary.sh [-w] [-t TOP] [RUNTIME...]   (as root; default runtimes: jrunc runc crun)
#   -w      summarise wall-clock time spent in syscalls (strace -w) instead of system CPU time
#   -t TOP  syscall lines to show per runtime (default 15)
# Environment: JRUNC (default: target/jrunc of this repo), RUNC (runc), CRUN (crun)
# Full summaries are printed to stdout; crun runs in a private mount namespace as in bench.sh.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
wall=()
top=15
while getopts "wt:h" o; do
  case $o in
    w) wall=(-w) ;;
    t) top=$OPTARG ;;
    *) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
runtimes=("$@")
[ ${#runtimes[@]} -gt 0 ] || runtimes=(jrunc runc crun)
[ "$(id -u)" = 0 ] || { echo "strace-summary: run as root" >&2; exit 1; }
"$repo/scripts/install-deps.sh" bench || echo "strace-summary: could not install runc/crun/strace" >&2
command -v strace >/dev/null || { echo "strace-summary: strace is not installed" >&2; exit 1; }

. "$here/runtimes.sh"
make_work strace-summary
make_bundle strace-summary

for rt in "${runtimes[@]}"; do
  echo "=== $rt"
  if ! bin=$(runtime_bin "$rt"); then echo "not found; skipped"; continue; fi
  root=$work/root-$rt
  mkdir -p "$root"
  if ! out=$(in_env "$rt" "$bin" --root "$root" run --bundle "$bundle" warmup 2>&1); then
    echo "$bin cannot run a container here; skipped: $(echo "$out" | tail -1)"; continue
  fi
  summary=$work/$rt.strace
  t0=$(date +%s%N)
  if ! in_env "$rt" strace -f -c "${wall[@]}" -o "$summary" "$bin" --root "$root" run --bundle "$bundle" traced >/dev/null 2>"$work/$rt.err"; then
    echo "traced run failed: $(tail -1 "$work/$rt.err")"
  fi
  t1=$(date +%s%N)
  echo "$bin: one traced run took $(awk -v d=$((t1 - t0)) 'BEGIN { printf "%.1f", d / 1e6 }') ms (strace slows it down)"
  # header (2 lines), the TOP busiest syscalls, the total line
  head -n $((top + 2)) "$summary"
  grep -E '^-+ |total' "$summary" | tail -2
  echo
done
