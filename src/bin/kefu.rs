//! Developer command line: `kefu classify` reads one buyer turn per line on stdin and prints one
//! JSON object per line.

use kefu::intent::eval::{evaluate, parse, Report};
use kefu::intent::{classify, Classification};
use kefu::text::{extract, Entity};
use serde::Serialize;
use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

const USAGE: &str = "usage:
  kefu classify < turns.txt          one buyer turn per line in, one JSON object per line out
                                     (intent, confidence, confident, sentiment, buyer_type, entities)
  kefu eval FILE.jsonl [--json]      score the classifier on labelled turns";

#[derive(Serialize)]
struct ClassifyLine<'a> {
    text: &'a str,
    #[serde(flatten)]
    classification: Classification,
    entities: Vec<Entity>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("classify") => run_classify(),
        Some("eval") => match args.get(1) {
            Some(file) => run_eval(file, args.iter().any(|a| a == "--json")),
            None => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        },
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
        let line = ClassifyLine { text, classification: classify(text), entities: extract(text) };
        let json = serde_json::to_string(&line)
            .map_err(io::Error::other)?;
        writeln!(out, "{json}")?;
    }
    out.flush()
}

fn run_eval(file: &str, json: bool) -> io::Result<()> {
    let text = std::fs::read_to_string(file).map_err(|e| io::Error::new(e.kind(), format!("{file}: {e}")))?;
    let turns = parse(&text).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("{file}: {e}")))?;
    let report = evaluate(&turns);
    let mut out = io::stdout().lock();
    if json {
        writeln!(out, "{}", serde_json::to_string(&report).map_err(io::Error::other)?)
    } else {
        write!(out, "{}", human(&report))
    }
}

fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

fn human(r: &Report) -> String {
    let mut s = format!("turns            {}\naccuracy         {}\nmacro-F1         {:.3}\n", r.n, pct(r.accuracy), r.macro_f1);
    s += &format!("  Simplified     {} of {}\n  Traditional    {} of {}\n", pct(r.simplified.accuracy), r.simplified.n, pct(r.traditional.accuracy), r.traditional.n);
    let opt = |x: Option<f64>| x.map(pct).unwrap_or_else(|| "n/a".into());
    s += &format!("buyer type       {}\nsentiment        {}\n", opt(r.buyer_type_accuracy), opt(r.sentiment_accuracy));
    s += &format!("confident        precision {} at coverage {}\n\n", pct(r.confident_precision), pct(r.confident_coverage));
    s += &format!("{:<18} {:>9} {:>7} {:>6} {:>8}\n", "intent", "precision", "recall", "F1", "support");
    for (intent, m) in &r.per_intent {
        s += &format!("{:<18} {:>9.3} {:>7.3} {:>6.3} {:>8}\n", intent, m.precision, m.recall, m.f1, m.support);
    }
    s += "\nmost confused (gold -> predicted)\n";
    for (gold, predicted, n) in r.confusions.iter().take(12) {
        s += &format!("  {n:>3}  {gold} -> {predicted}\n");
    }
    s
}
