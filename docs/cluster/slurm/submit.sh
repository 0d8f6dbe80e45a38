#!/usr/bin/env bash
# Submits a sharded study to Slurm: an array of N bench tasks (one shard each), then one merge
# job that starts only when every task has succeeded (afterok). Prints the two job ids as
#   ARRAY_JOB_ID=<id>
#   MERGE_JOB_ID=<id>
#
# Usage: submit.sh STUDY.toml [OUT]        (or set STUDY and OUT in the environment)
# Environment:
#   N            number of shards = array tasks (default 4)
#   CIVIC_MATCH  the civic-match binary, as a path the compute nodes can run (default:
#                civic-match on the PATH)
#   OUT          the results folder, on storage every node sees (default: results)
#   BENCH_ARGS   extra arguments for `bench`, e.g. "--iterations 3"
#   RESUME       1 to pass --resume to every task
#   SBATCH_ARGS  extra sbatch options for both jobs, e.g. "--partition=batch --account=x"
#   ARRAY_LIMIT  run at most this many tasks at once (sbatch --array=0-<N-1>%<limit>)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
STUDY=${1:-${STUDY:-}}
OUT=${2:-${OUT:-results}}
N=${N:-4}
CIVIC_MATCH=${CIVIC_MATCH:-civic-match}

if [ -z "$STUDY" ]; then
  echo "usage: $0 STUDY.toml [OUT]   (N=$N shards)" >&2
  exit 2
fi
if ! [[ "$N" =~ ^[1-9][0-9]*$ ]]; then
  echo "N must be a positive whole number, not '$N'" >&2
  exit 2
fi
[ -f "$STUDY" ] || { echo "no study file $STUDY" >&2; exit 2; }

# Absolute paths, so that the jobs find them whatever their working folder.
STUDY=$(cd "$(dirname "$STUDY")" && pwd)/$(basename "$STUDY")
mkdir -p "$OUT/logs"
OUT=$(cd "$OUT" && pwd)
if [[ "$CIVIC_MATCH" == */* ]]; then
  CIVIC_MATCH=$(cd "$(dirname "$CIVIC_MATCH")" && pwd)/$(basename "$CIVIC_MATCH")
fi
export CIVIC_MATCH STUDY OUT
export BENCH_ARGS=${BENCH_ARGS:-} RESUME=${RESUME:-0}
# A fresh array takes its shard from the array itself (--shard slurm); SHARDS is only for
# re-submitting single tasks of an earlier array (see docs/cluster/README.md).
unset SHARDS

# shellcheck disable=SC2206
extra=(${SBATCH_ARGS:-})
array="0-$((N - 1))"
[ -n "${ARRAY_LIMIT:-}" ] && array="$array%$ARRAY_LIMIT"

# --parsable prints "<job id>" or "<job id>;<cluster>".
array_id=$(sbatch --parsable "${extra[@]}" --array="$array" --export=ALL \
  --output="$OUT/logs/bench-%A_%a.out" "$here/bench-array.sbatch")
array_id=${array_id%%;*}

merge_id=$(sbatch --parsable "${extra[@]}" --dependency="afterok:$array_id" --export=ALL \
  --output="$OUT/logs/merge-%j.out" "$here/bench-merge.sbatch")
merge_id=${merge_id%%;*}

echo "submitted $N shards of $STUDY; results in $OUT, logs in $OUT/logs" >&2
echo "ARRAY_JOB_ID=$array_id"
echo "MERGE_JOB_ID=$merge_id"
