#!/usr/bin/env bash
# End-to-end test of docs/cluster/slurm on one machine: starts a private single-node Slurm
# cluster (munged, slurmctld, slurmd) in a temporary folder, submits a study as an array of
# N=4 shards plus the merge job with docs/cluster/slurm/submit.sh, waits for both, runs the
# same study unsharded and checks that the merged runs.csv equals the unsharded one, apart
# from the columns `seconds` and `peak_memory_mb` (timings differ from run to run).
#
# Usage: tests/cluster/slurm-array.sh STUDY.toml [CIVIC_MATCH]
#   CIVIC_MATCH  the binary (second argument or environment; default target/release/civic-match)
#   BENCH_ARGS   extra arguments for every `bench`, e.g. "--iterations 1"
#   N            shards (default 4)
#   JOB_TIMEOUT  seconds to wait for the jobs (default 600)
#   KEEP_TMP=1   keep the temporary folder (configuration, logs, results) for inspection
#
# Needs root, the Debian packages slurm-wlm and munge (installed beforehand; this script
# installs nothing) and python3. Works without systemd: every daemon runs in the foreground
# (-D / -F) in the background of this script and is stopped on exit.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
study=${1:?usage: $0 STUDY.toml [CIVIC_MATCH]}
CIVIC_MATCH=${2:-${CIVIC_MATCH:-$repo/target/release/civic-match}}
N=${N:-4}
JOB_TIMEOUT=${JOB_TIMEOUT:-600}
BENCH_ARGS=${BENCH_ARGS:-}

fail() { echo "slurm-array: $*" >&2; exit 1; }
now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$2"; }

[ "$(id -u)" = 0 ] || fail "must run as root (slurmctld and slurmd run here as root, SlurmUser=root)"
for tool in slurmctld slurmd sbatch squeue sinfo scontrol munged munge unmunge python3; do
  command -v "$tool" >/dev/null || fail "$tool not found (install slurm-wlm, munge and python3)"
done
[ -f "$study" ] || fail "no study file $study"
study=$(cd "$(dirname "$study")" && pwd)/$(basename "$study")
if [[ "$CIVIC_MATCH" == */* ]]; then
  [ -x "$CIVIC_MATCH" ] || fail "CIVIC_MATCH=$CIVIC_MATCH is not an executable file"
  CIVIC_MATCH=$(cd "$(dirname "$CIVIC_MATCH")" && pwd)/$(basename "$CIVIC_MATCH")
else
  command -v "$CIVIC_MATCH" >/dev/null || fail "CIVIC_MATCH=$CIVIC_MATCH is not on the PATH"
fi

tmp=$(mktemp -d /tmp/slurm-array.XXXXXX)
chmod 755 "$tmp"
pids=()
job_ids=()
cleanup() {
  local rc=$? i pid fd
  # Cancel what is left of our jobs and give Slurm a moment to end them.
  if [ ${#job_ids[@]} -gt 0 ]; then
    scancel "${job_ids[@]}" 2>/dev/null || true
    for _ in $(seq 30); do
      [ -z "$(squeue -h -j "$(IFS=,; echo "${job_ids[*]}")" -o %i 2>/dev/null)" ] && break
      sleep 0.5
    done
  fi
  # Stop the daemons we started, newest first (slurmd, slurmctld, munged).
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill "${pids[i]}" 2>/dev/null || continue
    for _ in $(seq 100); do kill -0 "${pids[i]}" 2>/dev/null || break; sleep 0.1; done
    kill -9 "${pids[i]}" 2>/dev/null || true
    wait "${pids[i]}" 2>/dev/null || true
  done
  # A job step still running when slurmd stopped: its slurmstepd has files open in $tmp.
  for pid in $(pgrep -x slurmstepd || true); do
    for fd in /proc/"$pid"/fd/*; do
      if [[ "$(readlink "$fd" 2>/dev/null)" == "$tmp/"* ]]; then
        kill -9 "$pid" 2>/dev/null || true
        break
      fi
    done
  done
  if [ "${KEEP_TMP:-0}" = 1 ]; then
    echo "slurm-array: kept $tmp" >&2
  else
    rm -rf "$tmp"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Print the end of each daemon log: called when something goes wrong.
show_logs() {
  local f
  for f in "$tmp"/log/*.log; do
    [ -s "$f" ] || continue
    echo "----- $f (last 25 lines)" >&2
    tail -n 25 "$f" >&2
  done
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("", 0)); print(s.getsockname()[1])'
}

mkdir -p "$tmp"/{etc,state,spool,log,run,munge,results}
mkdir -p "$tmp/spool/slurmd-$(hostname -s)"
t0=$(now)

# --- munge: the system daemon if it answers, else a private one on its own socket.
munge_socket=""
if munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  echo "slurm-array: using the running munged" >&2
else
  # munged wants its socket folder not writable by others, but reachable by everyone.
  chmod 755 "$tmp/munge"
  key=$tmp/munge/munge.key
  if command -v mungekey >/dev/null; then
    mungekey --create --keyfile="$key" 2>/dev/null
  else
    dd if=/dev/urandom of="$key" bs=1024 count=1 status=none
  fi
  chmod 400 "$key"
  munge_socket=$tmp/munge/munge.socket
  # -F: stay in the foreground (we keep its pid); --force: run although started as root.
  munged -F --force --socket="$munge_socket" --key-file="$key" \
    --log-file="$tmp/log/munged.log" --pid-file="$tmp/run/munged.pid" \
    --seed-file="$tmp/munge/munged.seed" >>"$tmp/log/munged.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 50); do
    munge -S "$munge_socket" -n 2>/dev/null | unmunge -S "$munge_socket" >/dev/null 2>&1 && break
    kill -0 "${pids[-1]}" 2>/dev/null || { show_logs; fail "munged exited at start"; }
    sleep 0.1
  done
  munge -S "$munge_socket" -n | unmunge -S "$munge_socket" >/dev/null \
    || { show_logs; fail "munged does not answer on $munge_socket"; }
fi

# --- slurm.conf: one node (this machine, as slurmd -C sees it), one partition.
host=$(hostname -s)
node_line=$(slurmd -C | grep '^NodeName=') || fail "slurmd -C printed no NodeName line"
node_line=${node_line/NodeName=* CPUs=/NodeName=$host CPUs=}
conf=$tmp/etc/slurm.conf
{
  echo "ClusterName=civictest"
  # Addresses given as 127.0.0.1, so that nothing depends on resolving the host name.
  echo "SlurmctldHost=$host(127.0.0.1)"
  echo "SlurmctldPort=$(free_port)"
  echo "SlurmdPort=$(free_port)"
  echo "SlurmUser=root"
  echo "SlurmdUser=root"
  echo "AuthType=auth/munge"
  echo "CredType=cred/munge"
  if [ -n "$munge_socket" ]; then echo "AuthInfo=socket=$munge_socket"; fi
  echo "StateSaveLocation=$tmp/state"
  echo "SlurmdSpoolDir=$tmp/spool/slurmd-%n"
  echo "SlurmctldPidFile=$tmp/run/slurmctld.pid"
  echo "SlurmdPidFile=$tmp/run/slurmd.pid"
  echo "SlurmctldLogFile=$tmp/log/slurmctld.log"
  echo "SlurmdLogFile=$tmp/log/slurmd.log"
  echo "SlurmctldDebug=info"
  echo "SlurmdDebug=info"
  # No cgroups: plain process tracking, no task binding, no accounting.
  echo "ProctrackType=proctrack/linuxproc"
  echo "TaskPlugin=task/none"
  echo "JobAcctGatherType=jobacct_gather/none"
  echo "AccountingStorageType=accounting_storage/none"
  echo "JobCompType=jobcomp/filetxt"
  echo "JobCompLoc=$tmp/log/jobcomp.txt"
  echo "SelectType=select/cons_tres"
  echo "SelectTypeParameters=CR_Core"
  echo "SchedulerType=sched/backfill"
  echo "MpiDefault=none"
  echo "MailProg=/bin/true"
  echo "ReturnToService=2"
  # Quick scheduling and a merge that is cancelled when its dependency can no longer be met.
  echo "SchedulerParameters=defer_batch=0,sched_interval=1"
  echo "DependencyParameters=kill_invalid_depend"
  echo "MinJobAge=600"
  echo "SlurmctldTimeout=30"
  echo "SlurmdTimeout=30"
  echo "$node_line NodeAddr=127.0.0.1 State=UNKNOWN"
  echo "PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP"
} > "$conf"
# Some plugins read cgroup.conf even when unused; an empty one keeps them quiet.
: > "$tmp/etc/cgroup.conf"
export SLURM_CONF=$conf

# --- slurmctld and slurmd in the foreground (-D), in the background of this script.
slurmctld -D -c -f "$conf" >"$tmp/log/slurmctld.stdout" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  scontrol ping 2>/dev/null | grep -q 'is UP' && break
  kill -0 "${pids[-1]}" 2>/dev/null || { cat "$tmp/log/slurmctld.stdout" >&2; show_logs; fail "slurmctld exited at start"; }
  sleep 0.2
done
slurmd -D -f "$conf" -N "$host" >"$tmp/log/slurmd.stdout" 2>&1 &
pids+=($!)

deadline=$(( $(date +%s) + 60 ))
state=""
while :; do
  state=$(sinfo -h -n "$host" -o '%T' 2>/dev/null | head -n1 || true)
  [ "$state" = idle ] && break
  if ! kill -0 "${pids[-1]}" 2>/dev/null; then
    cat "$tmp/log/slurmd.stdout" >&2; show_logs; fail "slurmd exited at start"
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    scontrol show node "$host" >&2 || true
    show_logs
    fail "node $host not idle within 60 s (state '${state:-none}')"
  fi
  sleep 0.2
done
t_up=$(now)
echo "slurm-array: Slurm up, node $host idle after $(elapsed "$t0" "$t_up") s" >&2

# --- submit the sharded study.
out=$tmp/results/sharded
submitted=$(CIVIC_MATCH="$CIVIC_MATCH" N="$N" BENCH_ARGS="$BENCH_ARGS" \
  "$repo/docs/cluster/slurm/submit.sh" "$study" "$out") || { show_logs; fail "submit.sh failed"; }
array_id=$(sed -n 's/^ARRAY_JOB_ID=//p' <<<"$submitted")
merge_id=$(sed -n 's/^MERGE_JOB_ID=//p' <<<"$submitted")
if [ -z "$array_id" ] || [ -z "$merge_id" ]; then fail "submit.sh printed no job ids: $submitted"; fi
job_ids=("$array_id" "$merge_id")
echo "slurm-array: array job $array_id ($N tasks), merge job $merge_id" >&2

# Wait until neither job is in the queue any more.
deadline=$(( $(date +%s) + JOB_TIMEOUT ))
while [ -n "$(squeue -h -j "$array_id,$merge_id" -o '%i' 2>/dev/null || echo busy)" ]; do
  if [ "$(date +%s)" -ge "$deadline" ]; then
    squeue -j "$array_id,$merge_id" >&2 || true
    show_logs
    fail "jobs not finished within $JOB_TIMEOUT s"
  fi
  sleep 0.5
done
t_jobs=$(now)

# Every array task and the merge must have COMPLETED (exit code 0).
report=$(scontrol -o show job "$array_id"; scontrol -o show job "$merge_id")
states=$(grep -o 'JobState=[A-Z_]*' <<<"$report" | sort | uniq -c | tr -s ' \n' ' ')
tasks=$(grep -c "ArrayJobId=$array_id " <<<"$report" || true)
if [ "$(grep -c 'JobState=COMPLETED' <<<"$report")" -ne $((N + 1)) ] || [ "$tasks" -ne "$N" ]; then
  # One line per job: id, array task, state, exit code, reason.
  awk '{ line = ""
         for (i = 1; i <= NF; i++) if ($i ~ /^(JobId|ArrayTaskId|JobState|Reason|ExitCode)=/) line = line " " $i
         print " " line }' <<<"$report" >&2
  for f in "$out"/logs/*.out; do echo "----- $f" >&2; cat "$f" >&2; done
  show_logs
  fail "not every job completed ($tasks array tasks; states:$states)"
fi
echo "slurm-array: $N tasks and the merge completed in $(elapsed "$t_up" "$t_jobs") s" >&2
[ -f "$out/merged/runs.csv" ] || fail "the merge wrote no $out/merged/runs.csv"
for ((i = 0; i < N; i++)); do
  [ -f "$out/shard-$i/runs.csv" ] || fail "shard $i wrote no $out/shard-$i/runs.csv"
done

# --- the same study, unsharded, outside Slurm.
# shellcheck disable=SC2086
"$CIVIC_MATCH" bench "$study" --out "$tmp/results/unsharded" $BENCH_ARGS >"$tmp/log/unsharded.out" 2>&1 \
  || { cat "$tmp/log/unsharded.out" >&2; fail "unsharded bench failed"; }
t_single=$(now)

# --- compare, without the columns that measure time and memory (found by header name).
strip() {
  python3 - "$1" "$2" <<'PY'
import csv, sys
drop = {"seconds", "peak_memory_mb"}
with open(sys.argv[1], newline="") as src, open(sys.argv[2], "w", newline="") as dst:
    rows = csv.reader(src)
    header = next(rows)
    keep = [i for i, name in enumerate(header) if name.strip() not in drop]
    out = csv.writer(dst, lineterminator="\n")
    out.writerow([header[i] for i in keep])
    for row in rows:
        out.writerow([row[i] if i < len(row) else "" for i in keep])
PY
}
strip "$out/merged/runs.csv" "$tmp/merged.csv"
strip "$tmp/results/unsharded/runs.csv" "$tmp/unsharded.csv"
if ! diff -u "$tmp/unsharded.csv" "$tmp/merged.csv" >&2; then
  fail "merged runs.csv differs from the unsharded one (diff above: - unsharded, + merged)"
fi
rows=$(( $(wc -l <"$tmp/merged.csv") - 1 ))
echo "slurm-array: OK: merged runs.csv of $N shards equals the unsharded one ($rows runs);" \
  "start-up $(elapsed "$t0" "$t_up") s, jobs $(elapsed "$t_up" "$t_jobs") s," \
  "unsharded $(elapsed "$t_jobs" "$t_single") s" >&2
