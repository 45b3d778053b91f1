//! Benchmark (not a test: it asserts nothing): native time of `kefu::intent::classify` per buyer
//! turn over every `text` of `data/corpus/dev.jsonl`.
//!
//!     cargo bench --bench classify        (bench profile = release: opt-level "z", LTO)
//!
//! Each turn is classified REPS times in one timed batch; its time per call is batch / REPS.
//! Reported: median and p90 over turns, and the throughput of the whole timed run.

// Not in the wasm: the standard sorts are fine here (clippy.toml).
#![allow(clippy::disallowed_methods)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use kefu::intent::{classify, classify_in, Context, Intent};

const REPS: u32 = 200;
const WARMUP_PASSES: usize = 3;

fn dev_texts() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/corpus/dev.jsonl");
    let raw = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    raw.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{path}: {e}: {l}"));
            v["text"].as_str().unwrap_or_else(|| panic!("{path}: no \"text\": {l}")).to_string()
        })
        .collect()
}

struct Stats {
    median_us: f64,
    p90_us: f64,
    min_us: f64,
    max_us: f64,
    calls: u64,
    total: Duration,
}

/// Nearest-rank percentile of sorted values.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn run(texts: &[String], f: impl Fn(&str)) -> Stats {
    for _ in 0..WARMUP_PASSES {
        for t in texts {
            f(black_box(t.as_str()));
        }
    }
    let mut per_turn = Vec::with_capacity(texts.len());
    let mut total = Duration::ZERO;
    for t in texts {
        let t = t.as_str();
        let start = Instant::now();
        for _ in 0..REPS {
            f(black_box(t));
        }
        let elapsed = start.elapsed();
        total += elapsed;
        per_turn.push(elapsed.as_secs_f64() * 1e6 / REPS as f64);
    }
    per_turn.sort_by(|a, b| a.total_cmp(b));
    Stats {
        median_us: percentile(&per_turn, 50.0),
        p90_us: percentile(&per_turn, 90.0),
        min_us: per_turn[0],
        max_us: per_turn[per_turn.len() - 1],
        calls: texts.len() as u64 * REPS as u64,
        total,
    }
}

fn report(name: &str, s: &Stats) {
    let secs = s.total.as_secs_f64();
    println!(
        "{name:<34} median {:>8.2} µs   p90 {:>8.2} µs   min {:>7.2}   max {:>8.2}   {:>9.0} turns/s ({} calls in {:.3} s)",
        s.median_us,
        s.p90_us,
        s.min_us,
        s.max_us,
        s.calls as f64 / secs,
        s.calls,
        secs
    );
}

fn main() {
    // `cargo bench` passes `--bench`; other libtest flags (filters, --list) are ignored, except
    // that `--list` must print nothing so tools that enumerate benches do not run this one.
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let texts = dev_texts();
    let chars: usize = texts.iter().map(|t| t.chars().count()).sum();
    println!(
        "kefu native classify benchmark: {} dev turns (mean {:.1} chars), {REPS} reps per turn per batch, {WARMUP_PASSES} warm-up passes{}",
        texts.len(),
        chars as f64 / texts.len() as f64,
        if cfg!(debug_assertions) { "  [WARNING: debug assertions on, not an optimised build]" } else { "" },
    );

    let plain = run(&texts, |t| {
        black_box(classify(t));
    });
    report("classify(text)", &plain);

    let context = Context { prev_intent: Some(Intent::Bargain), buyer_type: None, agent_message: None };
    let with_context = run(&texts, |t| {
        black_box(classify_in(t, black_box(&context)));
    });
    report("classify_in(text, prev=bargain)", &with_context);

    // One line for scripts (the Makefile's summary reads it).
    println!(
        "BENCH native_classify median_us={:.3} p90_us={:.3} turns_per_s={:.0}",
        plain.median_us,
        plain.p90_us,
        plain.calls as f64 / plain.total.as_secs_f64()
    );
}
