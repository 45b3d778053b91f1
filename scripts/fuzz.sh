#!/usr/bin/env bash
# Fuzzes the crate's parsers and assistant (fuzz/, cargo-fuzz: libFuzzer + AddressSanitizer on the
# stable toolchain via RUSTC_BOOTSTRAP=1). Not part of `make test`: `make fuzz [FUZZ_SECONDS=N]`.
#
#   scripts/fuzz.sh [SECONDS]     each target for SECONDS (default 600), one after another
#
# Installs cargo-fuzz (pinned) if missing, builds every target once, runs each with the seeds of
# fuzz/corpus/<target>/ (read only) and a working corpus in target/fuzz/corpus/<target>/ that
# grows from run to run, then prints per target the runs executed, runs/s and whether it crashed.
# A crash's input is copied to fuzz/regressions/<target>/ and the script exits 1. Replay one with
#   RUSTC_BOOTSTRAP=1 cargo +stable fuzz run --fuzz-dir fuzz --target-dir target/fuzz TARGET FILE
#
# Environment: FUZZ_TARGETS="classify advise" (a subset), FUZZ_TOOLCHAIN (default stable),
# FUZZ_TARGET_DIR (default target/fuzz: never the main target dir, so builds there are not
# blocked; any CARGO_TARGET_DIR is overridden), FUZZ_JOBS (cargo -j).
set -euo pipefail

CARGO_FUZZ_VERSION=0.13.2
ALL_TARGETS=(classify advise notes_import shop_import pack_load)
# Input size bounds (bytes): a buyer turn and an agent message; a conversation of a few dozen
# lines; a notes export, shop files or a reply pack of a few dozen entries.
declare -A MAX_LEN=([classify]=1024 [advise]=4096 [notes_import]=8192 [shop_import]=8192 [pack_load]=8192)
# Text targets get a dictionary of the classifier's cue phrases (data/lexicon.txt).
declare -A USE_DICT=([classify]=1 [advise]=1)

secs=${1:-600}
[[ $secs =~ ^[0-9]+$ && $secs -gt 0 ]] || { echo "usage: scripts/fuzz.sh [SECONDS]" >&2; exit 2; }
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export RUSTC_BOOTSTRAP=1
toolchain=${FUZZ_TOOLCHAIN:-stable}
out=${FUZZ_TARGET_DIR:-$root/target/fuzz}
mkdir -p "$out"
out=$(cd "$out" && pwd)
export CARGO_TARGET_DIR="$out"
read -r -a targets <<< "${FUZZ_TARGETS:-${ALL_TARGETS[*]}}"
jobs=()
[[ -n ${FUZZ_JOBS:-} ]] && jobs=(-j "$FUZZ_JOBS")

# cargo-fuzz, pinned; installed once.
if [[ $(cargo fuzz --version 2>/dev/null) != "cargo-fuzz $CARGO_FUZZ_VERSION" ]]; then
  echo "== installing cargo-fuzz $CARGO_FUZZ_VERSION"
  nice -n 10 cargo "+$toolchain" install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi
fuzz=(nice -n 10 cargo "+$toolchain" fuzz)
common=(--fuzz-dir fuzz --target-dir "$out")

for t in "${targets[@]}"; do
  [[ -n ${MAX_LEN[$t]:-} ]] || { echo "unknown target $t (targets: ${ALL_TARGETS[*]})" >&2; exit 2; }
done
echo "== building ${targets[*]} (address sanitizer, debug assertions)"
build_targets=()
(( ${#targets[@]} == 1 )) && build_targets=("${targets[0]}")
"${fuzz[@]}" build "${common[@]}" "${jobs[@]}" "${build_targets[@]}"

# The dictionary: every cue phrase of the lexicon ({n} as a number), and the advise operations.
# libFuzzer takes printable ASCII only: other bytes are written \xNN.
dict="$out/kefu.dict"
grep -v -e '^#' -e '^\[' -e '^[[:space:]]*$' data/lexicon.txt | awk '{print $1}' | sed -e 's/^=//' -e 's/{n}/3/g' |
  sort -u | perl -ne 'chomp; s/([^\x20-\x7e]|["\\])/sprintf("\\x%02X", ord $1)/ge; print "\"$_\"\n"' > "$dict"
printf '"\\x0A%s"\n' 'b1 ' 'a1 ' 'i1 m1 ' 'g1 0' 't 30' 'f' 'n VIP|XL' 'l zh-TW' >> "$dict"
printf '"\\x00"\n' >> "$dict"

declare -A runs rate result
failed=0
for t in "${targets[@]}"; do
  work="$out/corpus/$t" artifacts="$out/artifacts/$t" log="$out/logs/$t.log"
  rm -rf "$artifacts"
  mkdir -p "$work" "$artifacts" "$(dirname "$log")"
  args=(-max_total_time="$secs" -max_len="${MAX_LEN[$t]}" -timeout=10 -rss_limit_mb=2048
        -print_final_stats=1 -artifact_prefix="$artifacts/")
  [[ -n ${USE_DICT[$t]:-} ]] && args+=(-dict="$dict")
  echo "== $t: ${secs}s (log: ${log#"$root"/})"
  rc=0
  # Inputs that once crashed (fixed since, each with its regression test) are run first too.
  seeds=("fuzz/corpus/$t")
  [[ -d "fuzz/regressions/$t" ]] && seeds+=("fuzz/regressions/$t")
  "${fuzz[@]}" run "${common[@]}" "$t" "$work" "${seeds[@]}" -- "${args[@]}" > "$log" 2>&1 || rc=$?
  runs[$t]=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  [[ -n ${runs[$t]} ]] || runs[$t]=$(sed -n 's/^#\([0-9]*\)[[:space:]].*/\1/p' "$log" | tail -1)
  rate[$t]=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  shopt -s nullglob
  found=("$artifacts"/crash-* "$artifacts"/leak-* "$artifacts"/timeout-* "$artifacts"/oom-*)
  shopt -u nullglob
  if (( ${#found[@]} > 0 )); then
    mkdir -p "fuzz/regressions/$t"
    cp "${found[@]}" "fuzz/regressions/$t/"
    result[$t]="CRASH: ${#found[@]} input(s) in fuzz/regressions/$t/"
    failed=1
    echo "   crashed after ${runs[$t]:-?} runs; input(s): $(cd "fuzz/regressions/$t" && ls -t | head -n "${#found[@]}" | tr '\n' ' ')"
    # The panic (or sanitizer report) and the top of its stack.
    grep -m1 -A3 -e 'panicked at' -e 'ERROR: AddressSanitizer' -e 'ERROR: libFuzzer' "$log" | sed 's/^/   | /' || true
  elif (( rc != 0 )); then
    result[$t]="ERROR (exit $rc, no crash input): see ${log#"$root"/}"
    failed=1
    tail -n 15 "$log" | sed 's/^/   | /'
  else
    result[$t]="ok"
  fi
  echo "   ${runs[$t]:-?} runs, ${rate[$t]:-?} runs/s: ${result[$t]}"
done

# cargo-fuzz makes its default fuzz/artifacts/<target>/ even when told to write elsewhere.
find fuzz/artifacts -type d -empty -delete 2>/dev/null || true

echo
printf '%-14s %12s %8s  %s\n' target runs runs/s result
for t in "${targets[@]}"; do
  printf '%-14s %12s %8s  %s\n' "$t" "${runs[$t]:-?}" "${rate[$t]:-?}" "${result[$t]}"
done
exit "$failed"
