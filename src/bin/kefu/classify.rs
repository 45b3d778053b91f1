//! `kefu classify`: one buyer turn per line on stdin, one JSON object per line on stdout.

use kefu::intent::{classify, Classification};
use kefu::text::{extract, Entity};
use serde::Serialize;
use std::io::{self, BufRead, BufWriter, Write};

#[derive(Serialize)]
struct ClassifyLine<'a> {
    text: &'a str,
    #[serde(flatten)]
    classification: Classification,
    entities: Vec<Entity>,
}

pub fn run() -> io::Result<()> {
    let mut stdin = io::stdin().lock();
    let mut out = BufWriter::new(io::stdout().lock());
    let mut buf = Vec::new();
    // Bytes, not `lines()`: a line of invalid UTF-8 is classified (lossily), not fatal.
    while stdin.read_until(b'\n', &mut buf)? > 0 {
        let line = String::from_utf8_lossy(&buf).into_owned();
        buf.clear();
        let text = line.trim_end_matches(['\n', '\r']);
        let line = ClassifyLine { text, classification: classify(text), entities: extract(text) };
        writeln!(out, "{}", serde_json::to_string(&line).map_err(io::Error::other)?)?;
    }
    out.flush()
}
