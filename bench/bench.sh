#!/usr/bin/env bash
# Compares container start-up cost of jrunc with Debian's runc and crun, all in the same run:
#   run:   `run` of /bin/true, N times one after the other
#   c/s/d: `create`, `start`, `delete --force` of /bin/true, N times
# and prints totals, means and the ratios jrunc/runc and jrunc/crun.
#
# Usage: bench/bench.sh [-n N] [-r ROUNDS] [RUNTIME...]   (as root; default N=100 in 10 rounds, runtimes: jrunc runc crun)
# The N iterations run in ROUNDS rounds; each round gives every runtime N/ROUNDS iterations, starting with
# a different runtime each time, so that drift in the machine's state (page cache, RCU, other load) is
# spread over all runtimes instead of landing on whichever ran last.
# Environment: JRUNC (default: target/jrunc of this repo), RUNC (runc), CRUN (crun)
#
# Every runtime gets its own temp --root and the same busybox bundle (config from `runc spec`, the oldest
# spec version of the three, so every runtime accepts it); all is removed at exit. crun 1.8 refuses this
# hybrid cgroup host ("cgroups in hybrid mode not supported"): its loops run in a private mount namespace
# (unshare -m) where an empty file is bind-mounted over /sys/fs/cgroup/unified/cgroup.controllers; that
# mount dies with the namespace, and the script checks that none is left on the host.
# A runtime that is missing or fails is reported and skipped; the others go on.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
n=100
rounds=10
while getopts "n:r:h" o; do
  case $o in
    n) n=$OPTARG ;;
    r) rounds=$OPTARG ;;
    *) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "bench: -n needs a positive number" >&2; exit 2; }
[[ $rounds =~ ^[1-9][0-9]*$ ]] && [ "$rounds" -le "$n" ] || { echo "bench: -r needs a number from 1 to N" >&2; exit 2; }
per_round=$((n / rounds))
n=$((per_round * rounds))
runtimes=("$@")
[ ${#runtimes[@]} -gt 0 ] || runtimes=(jrunc runc crun)
[ "$(id -u)" = 0 ] || { echo "bench: run as root (containers need it)" >&2; exit 1; }

"$repo/scripts/install-deps.sh" bench || echo "bench: could not install runc/crun/strace; going on with what is installed" >&2

. "$here/runtimes.sh"
make_work bench
make_bundle bench

# The timed loops run in one shell per runtime (inside the crun namespace for crun), so that the loop's own
# cost is the same for all; they print: RUN_NS RUN_FAILURES CSD_NS CSD_FAILURES
loop='
bin=$1; root=$2; bundle=$3; n=$4; err=$5; tag=$6
t0=$(date +%s%N); rf=0
for i in $(seq "$n"); do
  "$bin" --root "$root" run --bundle "$bundle" "run-$tag-$i" >/dev/null 2>>"$err" || rf=$((rf + 1))
done
t1=$(date +%s%N); cf=0
for i in $(seq "$n"); do
  { "$bin" --root "$root" create --bundle "$bundle" "csd-$tag-$i" &&
    "$bin" --root "$root" start "csd-$tag-$i" &&
    "$bin" --root "$root" delete --force "csd-$tag-$i"; } >/dev/null 2>>"$err" || cf=$((cf + 1))
done
t2=$(date +%s%N)
echo "$((t1 - t0)) $rf $((t2 - t1)) $cf"
'

declare -A run_ns csd_ns run_fail csd_fail
ok=()
for rt in "${runtimes[@]}"; do
  if ! bin=$(runtime_bin "$rt"); then
    echo "bench: $rt: not found (${JRUNC:-$repo/target/jrunc} for jrunc); skipped" >&2; continue
  fi
  root=$work/root-$rt
  mkdir -p "$root"
  # one untimed run first: proves the runtime works here and warms the page cache
  if ! out=$(in_env "$rt" "$bin" --root "$root" run --bundle "$bundle" "warmup" 2>&1); then
    [ -n "$out" ] || out="(no output)"
    echo "bench: $rt ($bin) cannot run a container here; skipped:" >&2
    echo "$out" | tail -3 | sed 's/^/    /' >&2
    in_env "$rt" "$bin" --root "$root" delete --force warmup >/dev/null 2>&1
    continue
  fi
  run_ns[$rt]=0; run_fail[$rt]=0; csd_ns[$rt]=0; csd_fail[$rt]=0
  ok+=("$rt")
done
[ ${#ok[@]} -gt 0 ] || { echo "bench: no runtime could be measured" >&2; exit 1; }

echo "bench: ${ok[*]}: $n x run and $n x create/start/delete each, in $rounds rounds ..." >&2
measured=("${ok[@]}")
for round in $(seq "$rounds"); do
  k=${#measured[@]}
  [ "$k" -gt 0 ] || break
  for j in $(seq 0 $((k - 1))); do
    rt=${measured[$(((j + round) % k))]}
    [ -n "${run_ns[$rt]:-}" ] || continue # dropped in an earlier round
    bin=$(runtime_bin "$rt")
    if ! res=$(in_env "$rt" /bin/bash -c "$loop" loop "$bin" "$work/root-$rt" "$bundle" "$per_round" "$work/$rt.err" "$round"); then
      echo "bench: $rt: the timing loop failed; skipped" >&2
      unset "run_ns[$rt]"; continue
    fi
    read -r rn rf cn cf <<<"$res"
    run_ns[$rt]=$((run_ns[$rt] + rn)); run_fail[$rt]=$((run_fail[$rt] + rf))
    csd_ns[$rt]=$((csd_ns[$rt] + cn)); csd_fail[$rt]=$((csd_fail[$rt] + cf))
  done
done
ok=()
for rt in "${measured[@]}"; do
  [ -n "${run_ns[$rt]:-}" ] || continue
  ok+=("$rt")
  if [ "${run_fail[$rt]}" -gt 0 ] || [ "${csd_fail[$rt]}" -gt 0 ]; then
    echo "bench: $rt: ${run_fail[$rt]} run and ${csd_fail[$rt]} create/start/delete iterations failed; first errors:" >&2
    head -3 "$work/$rt.err" | sed 's/^/    /' >&2
  fi
done

[ ${#ok[@]} -gt 0 ] || { echo "bench: no runtime could be measured" >&2; exit 1; }

echo
echo "containers: busybox /bin/true, N=$n each, sequential, in $rounds rounds; $(nproc) cores, kernel $(uname -r)"
printf '%-8s %14s %13s %16s %15s %9s\n' runtime "run total(s)" "run mean(ms)" "c/s/d total(s)" "c/s/d mean(ms)" failures
for rt in "${ok[@]}"; do
  awk -v rt="$rt" -v rn="${run_ns[$rt]}" -v cn="${csd_ns[$rt]}" -v n="$n" -v f="$((run_fail[$rt] + csd_fail[$rt]))" \
    'BEGIN { printf "%-8s %14.3f %13.2f %16.3f %15.2f %9d\n", rt, rn / 1e9, rn / n / 1e6, cn / 1e9, cn / n / 1e6, f }'
done
if [ -n "${run_ns[jrunc]:-}" ]; then
  echo
  for other in runc crun; do
    [ -n "${run_ns[$other]:-}" ] || { echo "jrunc/$other: $other not measured"; continue; }
    awk -v o="$other" -v jr="${run_ns[jrunc]}" -v or="${run_ns[$other]}" -v jc="${csd_ns[jrunc]}" -v oc="${csd_ns[$other]}" \
      'BEGIN { printf "jrunc/%-5s run %.2fx   create/start/delete %.2fx\n", o, jr / or, jc / oc }'
  done
else
  echo
  echo "jrunc not measured: no ratios"
fi
