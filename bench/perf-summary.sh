#!/usr/bin/env bash
# "Where the time goes", without a tracer's overhead: `perf stat` of N sequential `run`s of /bin/true per
# runtime (jrunc, runc, crun), after one untimed warm-up run. Per runtime: wall time, CPU time (task-clock,
# the runtime and its container together), page faults and context switches, each a mean per run. Wall time
# well above CPU time is waiting (crun and runc: the RCU grace period a first cgroup.procs write waits out);
# page faults are most of a native image's extra kernel time.
#
# Usage: bench/perf-summary.sh [-n N] [RUNTIME...]     (as root; default N=50, runtimes: jrunc runc crun)
# Environment: JRUNC (default: target/jrunc of this repo), RUNC (runc), CRUN (crun)
# crun runs in a private mount namespace as in bench.sh.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
n=50
while getopts "n:h" o; do
  case $o in
    n) n=$OPTARG ;;
    *) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "perf-summary: -n needs a positive number" >&2; exit 2; }
runtimes=("$@")
[ ${#runtimes[@]} -gt 0 ] || runtimes=(jrunc runc crun)
[ "$(id -u)" = 0 ] || { echo "perf-summary: run as root" >&2; exit 1; }
"$repo/scripts/install-deps.sh" bench || echo "perf-summary: could not install runc/crun/perf" >&2
command -v perf >/dev/null || { echo "perf-summary: perf is not installed (Debian: linux-perf)" >&2; exit 1; }

. "$here/runtimes.sh"
make_work perf-summary
make_bundle perf-summary

printf '%-8s %10s %10s %12s %10s\n' runtime "wall(ms)" "cpu(ms)" page-faults switches
for rt in "${runtimes[@]}"; do
  if ! bin=$(runtime_bin "$rt"); then echo "$rt: not found; skipped"; continue; fi
  root=$work/root-$rt
  mkdir -p "$root"
  if ! out=$(in_env "$rt" "$bin" --root "$root" run --bundle "$bundle" warmup 2>&1); then
    echo "$rt: cannot run a container here; skipped: $(echo "$out" | tail -1)"; continue
  fi
  # -x, : CSV lines "value,unit,event,..."; the container's own output is discarded
  if ! in_env "$rt" perf stat -r "$n" -x, -o "$work/$rt.perf" -e duration_time,task-clock,page-faults,context-switches \
      "$bin" --root "$root" run --bundle "$bundle" measured >/dev/null 2>"$work/$rt.err"; then
    echo "$rt: perf stat failed: $(tail -1 "$work/$rt.err")"; continue
  fi
  awk -F, -v rt="$rt" '
    $3 ~ /^duration_time/ { wall = $1 / 1e6 } $3 ~ /^task-clock/ { cpu = $1 }
    $3 ~ /^page-faults/ { pf = $1 } $3 ~ /^context-switches/ { cs = $1 }
    END { printf "%-8s %10.2f %10.2f %12.0f %10.1f\n", rt, wall, cpu, pf, cs }' "$work/$rt.perf"
done
