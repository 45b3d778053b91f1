//! `kefu check [--words FILE]`: drafts on stdin, one per line; for each, one JSON line: the list
//! of its findings (category, severity, UTF-16 span, rule id, source, rewrite, evasion), `[]` when
//! clean. `--words` adds a shop's own words, in the format the options page stores them
//! (`{"kefu_words": 1, "words": [{word, category, severity, replacement}]}`).

use crate::Failure;
use kefu::check::{words, Checker};
use std::io::{self, BufRead, Write};

pub fn run(words_file: Option<&str>) -> Result<(), Failure> {
    let own = match words_file {
        None => Vec::new(),
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| Failure::Input(format!("{path}: {e}")))?;
            words::parse(Some(&text)).map_err(|e| Failure::Input(format!("{path}: {e}")))?
        }
    };
    let checker = Checker::with_words(&own);
    let stdin = io::stdin();
    let mut out = io::BufWriter::new(io::stdout().lock());
    for line in stdin.lock().lines() {
        let findings = checker.check(&line?);
        writeln!(out, "{}", serde_json::to_string(&findings).map_err(io::Error::other)?)?;
    }
    Ok(out.flush()?)
}
