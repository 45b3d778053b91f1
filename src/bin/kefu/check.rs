//! `kefu check`: drafts on stdin, one per line; for each, one JSON line: the list of its findings
//! (category, severity, UTF-16 span, rule id, source, rewrite, evasion), `[]` when clean.

use kefu::check::Checker;
use std::io::{self, BufRead, Write};

pub fn run() -> io::Result<()> {
    let checker = Checker::builtin();
    let stdin = io::stdin();
    let mut out = io::BufWriter::new(io::stdout().lock());
    for line in stdin.lock().lines() {
        let findings = checker.check(&line?);
        writeln!(out, "{}", serde_json::to_string(&findings).map_err(io::Error::other)?)?;
    }
    out.flush()
}
