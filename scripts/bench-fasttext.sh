#!/usr/bin/env bash
# The fastText side-by-side of `make bench` (a benchmark: asserts nothing). Trains fastText on the
# same data/corpus/train-*.jsonl as Kefu's build step and prints a table against Kefu (accuracy on
# both dev sets, model size, µs per turn); also written to target/bench/fasttext.md.
#
# fastText runs in the bench's own virtual environment, target/bench/ftvenv, made from the pinned
# benches/fasttext/requirements.txt: created when missing, made again when the requirements or the
# Python change (a stamp holds their hash), left alone otherwise. Where Python, venv or the install
# is not available, prints "bench-fasttext: skipped: <reason>" and exits 0 (the rest of the bench
# does not need it). PYTHON=... picks the interpreter (default python3).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=target/bench/ftvenv
REQS=benches/fasttext/requirements.txt
STAMP=$VENV/.requirements.sha256

say() { printf 'bench-fasttext: %s\n' "$*" >&2; }
skip() { printf 'bench-fasttext: skipped: %s\n' "$*"; exit 0; }

command -v "$PYTHON" >/dev/null 2>&1 || skip "no Python interpreter ($PYTHON not found)"
py_version=$("$PYTHON" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])' 2>/dev/null) \
  || skip "$PYTHON does not run"
want=$( { sha256sum "$REQS"; echo "python $py_version"; } | sha256sum | cut -d' ' -f1)

if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$STAMP" 2>/dev/null)" != "$want" ]; then
  say "creating $VENV (Python $py_version, $REQS)"
  rm -rf "$VENV"
  mkdir -p "$(dirname "$VENV")"
  log=$(mktemp)
  trap 'rm -f "$log"' EXIT
  if ! "$PYTHON" -m venv "$VENV" >"$log" 2>&1; then
    tail -n 5 "$log" >&2
    rm -rf "$VENV"
    skip "could not create a virtual environment with $PYTHON -m venv (Debian: apt-get install python3-venv)"
  fi
  if ! "$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-input -r "$REQS" >"$log" 2>&1; then
    tail -n 10 "$log" >&2
    rm -rf "$VENV"
    skip "pip install -r $REQS failed (offline, or no fasttext-wheel build for Python $py_version on this platform)"
  fi
  echo "$want" >"$STAMP"
fi

"$VENV/bin/python" -c 'import fasttext, numpy' 2>/dev/null \
  || skip "fasttext does not import in $VENV (remove it to reinstall)"

exec "$VENV/bin/python" benches/fasttext/compare.py
