//! `kefu overlap DEV.jsonl TRAIN.jsonl…`: training turns that repeat a dev turn, or most of one.

use kefu::intent::overlap::{overlaps, MAX_SHARED, MIN_CHARS, MIN_SHARED};
use std::io;

/// The `text` of every non-blank line of a JSONL file.
fn texts(file: &str) -> io::Result<Vec<(usize, String)>> {
    let body = std::fs::read_to_string(file).map_err(|e| io::Error::new(e.kind(), format!("{file}: {e}")))?;
    body.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| {
            let v: serde_json::Value = serde_json::from_str(l).map_err(|e| io::Error::other(format!("{file}:{}: {e}", n + 1)))?;
            match v.get("text").and_then(|t| t.as_str()) {
                Some(t) => Ok((n + 1, t.to_string())),
                None => Err(io::Error::other(format!("{file}:{}: no \"text\"", n + 1))),
            }
        })
        .collect()
}

/// Lists each training turn too close to a dev turn; an error when there is any.
pub fn run(dev: &str, train: &[String]) -> io::Result<()> {
    let dev_turns = texts(dev)?;
    let dev_texts: Vec<&str> = dev_turns.iter().map(|(_, t)| t.as_str()).collect();
    let mut found = 0;
    for file in train {
        let turns = texts(file)?;
        let train_texts: Vec<&str> = turns.iter().map(|(_, t)| t.as_str()).collect();
        for o in overlaps(&dev_texts, &train_texts) {
            found += 1;
            println!("{file}:{}: {:.0}% of it is in {dev}:{}\n    train: {}\n    dev:   {}", turns[o.train].0, o.shared * 100.0, dev_turns[o.dev].0, turns[o.train].1, dev_turns[o.dev].1);
        }
    }
    if found > 0 {
        return Err(io::Error::other(format!(
            "{found} training turn(s) repeat a dev turn (equal, or ≥ {MIN_SHARED} shared trigrams making ≥ {:.0}% of either; turns of ≥ {MIN_CHARS} letters): write them anew in your own words",
            MAX_SHARED * 100.0
        )));
    }
    println!("overlap: no training turn repeats a turn of {dev}");
    Ok(())
}
