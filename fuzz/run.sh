#!/usr/bin/env bash
# Fuzzes every target (or those named) for SECONDS each under AFL++, one target per core at a
# time, and prints the executions, crashes and hangs of each:
#
#   fuzz/run.sh 600                      # all five targets, ten minutes each
#   fuzz/run.sh 60 instance_json sheets  # two of them, a minute each
#
# Needs `cargo install cargo-afl`. Findings go to fuzz/findings/TARGET/default/{crashes,hangs};
# an input found there, once fixed, belongs in fuzz/corpus/TARGET/ (tests/fuzz_corpus.rs then
# replays it as a regression test).
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:?give the seconds per target}
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(instance_json sheets orlib_gap check_solution solve_small)
cargo afl build --release --features afl --quiet
export AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_QUIET=1
cores=$(nproc)
running=0
for target in "${targets[@]}"; do
  rm -rf "findings/$target" "findings/$target.log"
  mkdir -p findings
  cargo afl fuzz -i "corpus/$target" -o "findings/$target" -V "$seconds" -t 2000 "target/release/$target" \
    > "findings/$target.log" 2>&1 &
  running=$((running + 1))
  if [ "$running" -ge "$cores" ]; then wait -n; running=$((running - 1)); fi
done
wait
total=0
for target in "${targets[@]}"; do
  stats="findings/$target/default/fuzzer_stats"
  execs=$(awk -F' *: *' '$1=="execs_done"{print $2}' "$stats")
  crashes=$(awk -F' *: *' '$1=="saved_crashes"{print $2}' "$stats")
  hangs=$(awk -F' *: *' '$1=="saved_hangs"{print $2}' "$stats")
  echo "$target: $execs executions, $crashes crashes, $hangs hangs"
  total=$((total + execs))
done
echo "all targets: $total executions"
