"""Side by side: Kefu's linear classifier and fastText trained on the same training files.

Run by scripts/bench-fasttext.sh (part of `make bench`) inside the bench's own virtual environment
(target/bench/ftvenv, from benches/fasttext/requirements.txt). A benchmark: it asserts nothing.

fastText is trained on every line of data/corpus/train-*.jsonl with the label that line has read
on its own, as Kefu's build step reads them (build/train.rs):
  - a line with `agent` is labelled `alone` (Kefu also trains the in-context reading; a single-turn
    fastText model has nowhere to put the agent's message, so it gets only the alone reading);
  - a line with `prev` trains twice: with a `prev:<intent>` token and its `intent`, and without the
    token as `other` (read alone, a line that leans on context means nothing in particular);
  - any other line: its `intent`.
Kefu's `eval` gives a dev turn's `prev` to the classifier as context, so fastText gets it too, as
that token. Text is NFKC-normalised, lower-cased and split into characters, an ASCII word or digit
run staying one token; no Traditional -> Simplified step (Kefu has one, fast2s).

Measured, for Kefu (target/release/kefu) and for fastText, unquantised (.bin) and quantised (.ftz):
  - accuracy on data/corpus/dev.jsonl and on ../shared/eval/real-taobao.jsonl (each turn read
    alone; the real set is "n/a" where that file is not beside the checkout), and macro-F1 on the
    real set (mean over the intents present in the gold labels of per-intent F1, as `kefu eval`);
  - model size: the model file's bytes (Kefu: `kefu model`, the embedded model, which also holds
    the buyer-type and sentiment heads; fastText: the .bin / .ftz file);
  - µs per turn: the median over the dev turns of one predict call, each turn timed over REPS calls
    (Kefu: the same median from `cargo bench --bench classify`, read from target/bench/native.txt).

Prints a markdown table and writes it to target/bench/fasttext.md.
"""

import json
import os
import re
import statistics
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import fasttext

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "data" / "corpus"
DEV = CORPUS / "dev.jsonl"
REAL = (ROOT / ".." / "shared" / "eval" / "real-taobao.jsonl").resolve()
OUT = ROOT / "target" / "bench"
WORK = OUT / "fasttext"
KEFU = ROOT / "target" / "release" / "kefu"
NATIVE = OUT / "native.txt"

# fastText settings for short Chinese turns, chosen up front (not tuned on either dev set): one
# token per character, word n-grams up to 3 (character bi- and trigrams), no subword n-grams (a
# character has none), a small dimension and one thread with a fixed seed, so runs repeat exactly.
# bucket: ~130k distinct character bi/trigrams in the training files; fastText's default of 2M
# would only make the .bin ten times bigger (400 MB) with the same predictions.
TRAIN_ARGS = dict(
    lr=0.5, dim=50, epoch=25, wordNgrams=3, minCount=1, minn=0, maxn=0,
    bucket=200_000, loss="softmax", thread=1, seed=1, verbose=0,
)
QUANTIZE_ARGS = dict(cutoff=100_000, retrain=True, qnorm=True, thread=1, verbose=0)
REPS = 200
WARMUP_PASSES = 2

TOKEN = re.compile(r"[a-z]+|[0-9]+|\S")


def say(msg):
    print(f"bench-fasttext: {msg}", file=sys.stderr, flush=True)


def tokens(text, prev=None):
    toks = TOKEN.findall(unicodedata.normalize("NFKC", text).lower())
    if prev:
        toks.append(f"prev:{prev}")
    return " ".join(toks)


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as e:
                    sys.exit(f"{path}:{n}: {e}")


def training_lines():
    """(tokens, label) for every training line, read as Kefu's build step reads it alone."""
    files = sorted(CORPUS.glob("train-*.jsonl"))
    if not files:
        sys.exit(f"no {CORPUS}/train-*.jsonl")
    out = []
    for path in files:
        for d in read_jsonl(path):
            if d.get("agent") is not None:
                out.append((tokens(d["text"]), d["alone"]))
            elif d.get("prev") is not None:
                out.append((tokens(d["text"], d["prev"]), d["intent"]))
                out.append((tokens(d["text"]), "other"))
            else:
                out.append((tokens(d["text"]), d["intent"]))
    return files, out


def eval_set(path):
    """(tokens, gold intent) per turn, read alone (with `prev` where the set gives it)."""
    return [(tokens(d["text"], d.get("prev")), d["intent"]) for d in read_jsonl(path)]


def scores(model, turns):
    """Accuracy and macro-F1 (mean over gold intents of per-intent F1, as `kefu eval`)."""
    gold = [g for _, g in turns]
    pred = [model.predict(t)[0][0].removeprefix("__label__") for t, _ in turns]
    accuracy = sum(g == p for g, p in zip(gold, pred)) / len(gold)
    f1s = []
    for intent in sorted(set(gold)):
        tp = sum(g == p == intent for g, p in zip(gold, pred))
        support, predicted = gold.count(intent), pred.count(intent)
        precision = tp / predicted if predicted else 0.0
        recall = tp / support if support else 0.0
        f1s.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return accuracy, sum(f1s) / len(f1s)


def median_us(model, texts):
    """Median over turns of the time of one predict call (each turn timed over REPS calls)."""
    predict = model.predict
    for _ in range(WARMUP_PASSES):
        for t in texts:
            predict(t)
    per_turn = []
    for t in texts:
        start = time.perf_counter_ns()
        for _ in range(REPS):
            predict(t)
        per_turn.append((time.perf_counter_ns() - start) / REPS / 1000)
    return statistics.median(per_turn)


def kefu_row(have_real):
    """Kefu's figures from its own binary and `cargo bench` output; None where not measured."""
    row = {"dev": None, "real": None, "real_f1": None, "bytes": None, "us": None}
    build = subprocess.run(["cargo", "build", "--release", "-q", "--bin", "kefu"], cwd=ROOT)
    if build.returncode != 0:
        if not KEFU.exists():
            say("cargo build --release --bin kefu failed; Kefu's row is not measured")
            return row
        say("cargo build --release --bin kefu failed; using the existing target/release/kefu")

    def run(*args):
        out = subprocess.run([str(KEFU), *args], cwd=ROOT, capture_output=True, text=True)
        if out.returncode != 0:
            say(f"kefu {' '.join(args)} failed: {out.stderr.strip()}")
            return None
        return json.loads(out.stdout)

    dev = run("eval", str(DEV), "--json")
    if dev:
        row["dev"] = dev["accuracy"]
    if have_real:
        real = run("eval", str(REAL), "--json")
        if real:
            row["real"], row["real_f1"] = real["accuracy"], real["macro_f1"]
    model = run("model")
    if model:
        row["bytes"] = model["bytes"]
    if NATIVE.exists():
        m = re.search(r"^BENCH native_classify median_us=([0-9.]+)", NATIVE.read_text(), re.M)
        if m:
            row["us"] = float(m.group(1))
    return row


def table(rows, have_real, n_dev, n_real):
    pct = lambda x: "n/a" if x is None else f"{x * 100:.1f} %"
    f1 = lambda x: "n/a" if x is None else f"{x:.3f}"
    kb = lambda x: "n/a" if x is None else f"{x / 1024:,.0f}" if x >= 100 * 1024 else f"{x / 1024:,.1f}"
    us = lambda x: "n/a (run make bench)" if x is None else f"{x:.2f}"
    real_note = f"real Taobao dev ({n_real} turns)" if have_real else "real Taobao dev (absent)"
    lines = [
        f"| model | accuracy, our dev ({n_dev} turns) | accuracy, {real_note} | macro-F1, real | model size (KB) | µs per turn (median) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, r in rows:
        real = (lambda f, x: f(x)) if have_real else (lambda f, x: "n/a")
        lines.append(f"| {name} | {pct(r['dev'])} | {real(pct, r['real'])} | {real(f1, r['real_f1'])} | {kb(r['bytes'])} | {us(r['us'])} |")
    return "\n".join(lines)


def main():
    t0 = time.monotonic()
    WORK.mkdir(parents=True, exist_ok=True)
    files, train = training_lines()
    train_txt = WORK / "train.txt"
    with open(train_txt, "w", encoding="utf-8") as f:
        for toks, label in train:
            f.write(f"__label__{label} {toks}\n")
    say(f"{len(train)} training lines from {len(files)} files -> {train_txt.relative_to(ROOT)}")

    have_real = REAL.exists()
    if not have_real:
        say(f"{REAL} is not here (it comes with the shared folder beside this checkout): real-set columns n/a")
    dev = eval_set(DEV)
    real = eval_set(REAL) if have_real else []
    dev_texts = [t for t, _ in dev]

    def measure(model, path):
        dev_acc, _ = scores(model, dev)
        real_acc, real_f1 = scores(model, real) if have_real else (None, None)
        return {"dev": dev_acc, "real": real_acc, "real_f1": real_f1,
                "bytes": path.stat().st_size, "us": median_us(model, dev_texts)}

    t = time.monotonic()
    model = fasttext.train_supervised(input=str(train_txt), **TRAIN_ARGS)
    bin_path = WORK / "model.bin"
    model.save_model(str(bin_path))
    say(f"fastText trained in {time.monotonic() - t:.1f} s ({len(model.words)} tokens, {len(model.labels)} labels)")
    ft = measure(model, bin_path)

    t = time.monotonic()
    model.quantize(input=str(train_txt), **QUANTIZE_ARGS)
    ftz_path = WORK / "model.ftz"
    model.save_model(str(ftz_path))
    say(f"fastText quantised in {time.monotonic() - t:.1f} s")
    ftq = measure(model, ftz_path)

    kefu = kefu_row(have_real)
    rows = [("Kefu (linear, ours)", kefu), ("fastText", ft), ("fastText quantized", ftq)]
    md = table(rows, have_real, len(dev), len(real))
    settings = ", ".join(f"{k}={v}" for k, v in TRAIN_ARGS.items() if k != "verbose")
    qsettings = ", ".join(f"{k}={v}" for k, v in QUANTIZE_ARGS.items() if k != "verbose")
    notes = (
        f"\nfastText {getattr(fasttext, '__version__', '0.9.2')} (fasttext-wheel), {settings}; quantized: {qsettings}. "
        "Each turn read alone (with `prev` where the dev set gives one). Size: Kefu's embedded model "
        "(intent, buyer-type and sentiment heads), fastText's .bin / .ftz file. µs: median over the dev "
        f"turns of one call, each turn timed over {REPS} calls (fastText: `model.predict` from Python on "
        "pre-split text, binding overhead included; Kefu: `cargo bench --bench classify`, raw text).\n"
    )
    print(md)
    print(notes, end="")
    (OUT / "fasttext.md").write_text(md + "\n" + notes, encoding="utf-8")
    say(f"table written to target/bench/fasttext.md ({time.monotonic() - t0:.0f} s in all)")


if __name__ == "__main__":
    main()
