//! Benchmark (not a test: it asserts nothing): how long a notes import takes to refuse a large
//! file in which every entry is bad, the worst case for the error locator (it must stay linear).
//!
//!     cargo bench --bench import

use kefu::notes::{import_all, MemoryStore, Notebook};
use std::time::Instant;

/// A notes export of `buyers` entries, each with a height outside the accepted range.
fn all_bad(buyers: usize) -> String {
    let entries: Vec<String> =
        (0..buyers).map(|i| format!("    \"demo/买家{i}\": {{\"version\": 2, \"text\": \"\", \"tags\": [], \"facts\": {{\"height_cm\": 999}}, \"history\": [], \"updated_at\": 0}}")).collect();
    format!("{{\n  \"kefu_notes\": 2,\n  \"exported_at\": 0,\n  \"buyers\": {{\n{}\n  }}\n}}", entries.join(",\n"))
}

fn main() {
    println!("notes import, every entry bad (refused with the first line):");
    for buyers in [5_000, 10_000, 20_000, 40_000] {
        let doc = all_bad(buyers);
        let mut book = Notebook::new(MemoryStore::new());
        let start = Instant::now();
        let err = import_all(&mut book, &doc, 0).expect_err("every entry is bad");
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        let kb = doc.len() as f64 / 1024.0;
        println!("  {buyers:>6} buyers  {kb:>7.0} KB  {ms:>8.1} ms   ({})", err.to_string().chars().take(60).collect::<String>());
    }
}
