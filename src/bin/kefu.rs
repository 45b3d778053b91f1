//! Developer command line: `kefu classify` reads one buyer turn per line on stdin and prints one
//! JSON object per line.

use kefu::intent::{classify, Classification};
use serde::Serialize;
use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: kefu classify   < turns.txt   (one buyer turn per line; prints JSON lines)";

#[derive(Serialize)]
struct ClassifyLine<'a> {
    text: &'a str,
    #[serde(flatten)]
    classification: Classification,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("classify") => run_classify(),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kefu: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run_classify() -> io::Result<()> {
    let mut stdin = io::stdin().lock();
    let mut out = BufWriter::new(io::stdout().lock());
    let mut buf = Vec::new();
    // Bytes, not `lines()`: a line of invalid UTF-8 is classified (lossily), not fatal.
    while stdin.read_until(b'\n', &mut buf)? > 0 {
        let line = String::from_utf8_lossy(&buf).into_owned();
        buf.clear();
        let text = line.trim_end_matches(['\n', '\r']);
        let json = serde_json::to_string(&ClassifyLine { text, classification: classify(text) })
            .map_err(io::Error::other)?;
        writeln!(out, "{json}")?;
    }
    out.flush()
}
