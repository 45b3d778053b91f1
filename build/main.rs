//! Trains the classifier from `data/corpus/train-*.jsonl` (never the dev set) and writes the
//! quantised model to `$OUT_DIR/model.bin`, which `src/intent/mod.rs` embeds. The feature code and
//! the model format are the crate's own files, compiled here too, so training and classifying
//! cannot drift apart.

// Runs on the developer's machine, not in the wasm: the standard sorts are fine here.
#![allow(clippy::disallowed_methods)]

// The crate's module tree, mirrored (build/text.rs, build/intent.rs) so the shared files'
// `crate::…` and `super::…` paths resolve here as they do in the crate.
mod intent;
mod pinyin_table;
mod text;
mod train;

use std::{env, fs, path::Path};

fn main() {
    let corpus = Path::new("data/corpus");
    for watched in ["data/corpus", "data/lexicon.txt", "build", "src/intent/features.rs", "src/intent/lexicon.rs", "src/intent/model.rs", "src/intent/taxonomy.rs", "src/text/normalize.rs"] {
        println!("cargo:rerun-if-changed={watched}");
    }
    let mut files: Vec<_> = fs::read_dir(corpus)
        .expect("data/corpus exists")
        .map(|e| e.expect("readable directory").path())
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("train-") && n.ends_with(".jsonl")))
        .collect();
    files.sort();
    let mut samples = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).expect("readable corpus file");
        for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let mut sample: train::Sample = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{}:{}: {e}", file.display(), n + 1));
            assert!(sample.agent.is_some() == sample.alone.is_some(), "{}:{}: `alone` goes with `agent`, and `agent` needs `alone`", file.display(), n + 1);
            sample.real_style = file.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("train-real-"));
            samples.push(sample);
        }
    }
    assert!(samples.len() > 1000, "the training corpus is missing or tiny ({} lines)", samples.len());
    println!("cargo:rerun-if-env-changed=KEFU_TRAIN");
    let config = match env::var("KEFU_TRAIN") {
        Ok(spec) => train::CONFIG.with(&spec).unwrap_or_else(|e| panic!("KEFU_TRAIN: {e}")),
        Err(_) => train::CONFIG,
    };
    let (model, report) = train::train(&samples, &config);
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    pinyin_table::write(Path::new(&out_dir));
    let out = Path::new(&out_dir);
    let bytes = model.to_bytes();
    fs::write(out.join("model.bin"), &bytes).expect("writable OUT_DIR");
    fs::write(out.join("train-report.txt"), report_text(&report, &model, bytes.len())).expect("writable OUT_DIR");
}

/// The build log's summary of a training run.
fn report_text(report: &train::Report, model: &intent::model::Model, bytes: usize) -> String {
    let [intent, buyer_type, sentiment] = report.heldout;
    format!(
        "lines {}\nrows {}\n\
         held-out accuracy intent {:.4} buyer_type {:.4} sentiment {:.4} (intent before quantising {:.4})\n\
         held-out confident coverage {:.4} precision {:.4}\n\
         features {} bytes {}\nweights intent {} buyer_type {} sentiment {}\ntemperature intent {} threshold {}\n",
        report.lines, report.rows,
        intent, buyer_type, sentiment, report.heldout_float_intent,
        report.heldout_confident.0, report.heldout_confident.1,
        report.features, bytes, report.weights[0], report.weights[1], report.weights[2],
        model.intent.temperature, model.intent.threshold,
    )
}
