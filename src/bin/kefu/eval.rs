//! `kefu eval FILE.jsonl [--context] [--json | --mistakes] [--floor ACC]`: the classifier scored on labelled
//! turns, each read alone or, with `--context`, after the agent's message before it.

use kefu::intent::eval::{evaluate, parse, Reading, Report};
use std::io::{self, Write};

/// Scores the classifier on `file`. With `floor`, an accuracy below it is an error (for CI: a
/// change that makes the classifier worse on a dev set fails the build).
pub fn run(file: &str, reading: Reading, json: bool, mistakes: bool, floor: Option<f64>) -> io::Result<()> {
    let text = std::fs::read_to_string(file).map_err(|e| io::Error::new(e.kind(), format!("{file}: {e}")))?;
    let turns = parse(&text).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("{file}: {e}")))?;
    let report = evaluate(&turns, reading);
    if report.n == 0 {
        return Err(io::Error::new(io::ErrorKind::InvalidData, format!("{file}: no labelled turn to score")));
    }
    {
        let mut out = io::stdout().lock();
        if mistakes {
            for m in &report.mistakes {
                let agent = m.agent.as_deref().map(|a| format!("  [agent: {}]", a.chars().take(40).collect::<String>())).unwrap_or_default();
                writeln!(out, "{:>16} <- {:<16} {:.2}{} {}{agent}", m.gold.id(), m.predicted.id(), m.confidence, if m.confident { "*" } else { " " }, m.text)?;
            }
        } else if json {
            writeln!(out, "{}", serde_json::to_string(&report).map_err(io::Error::other)?)?;
        } else {
            write!(out, "{}", human(&report))?;
        }
    }
    match floor {
        Some(floor) if report.accuracy < floor => Err(io::Error::other(format!(
            "{file}{}: accuracy {} is below the floor {}",
            if reading == Reading::InContext { " (in context)" } else { "" },
            pct(report.accuracy),
            pct(floor)
        ))),
        _ => Ok(()),
    }
}

fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

fn human(r: &Report) -> String {
    let mut s = format!("turns            {}\naccuracy         {}\nmacro-F1         {:.3}\n", r.n, pct(r.accuracy), r.macro_f1);
    s += &format!("  Simplified     {} of {}\n  Traditional    {} of {}\n", pct(r.simplified.accuracy), r.simplified.n, pct(r.traditional.accuracy), r.traditional.n);
    let p = &r.rendered;
    s += &format!("  the same {} Simplified turns rendered in Traditional (Taiwan): {} (as written {})\n", p.n, pct(p.traditional), pct(p.simplified));
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
