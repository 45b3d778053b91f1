//! `kefu advise --shop DIR`: one conversation as JSON lines on stdin
//! (`{"from":"buyer"|"agent","text":…,"at":unix_ms}`), and for every buyer line the advice the
//! panel would show, as one JSON object per line.

use crate::Failure;
use kefu::assistant::{Advice, Assistant, MessageEvent, Sender};
use kefu::reply::{Guides, Pack};
use kefu::shop::Shop;
use kefu::text::{extract, Entity};
use serde::{Deserialize, Serialize};
use std::io::{self, BufRead, BufWriter, Write};
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    from: Sender,
    text: String,
    at: i64,
}

#[derive(Serialize)]
struct Output<'a> {
    /// The input line (1-based) this advice answers.
    line: usize,
    #[serde(flatten)]
    advice: &'a Advice,
    entities: Vec<Entity>,
}

fn read(dir: &Path, name: &str) -> Result<String, Failure> {
    let path = dir.join(name);
    std::fs::read_to_string(&path).map_err(|e| Failure::Input(format!("{}: {e}", path.display())))
}

pub fn run(dir: &str) -> Result<(), Failure> {
    let dir = Path::new(dir);
    let shop = Shop::from_json(&read(dir, "catalog.json")?, &read(dir, "promotions.json")?, &read(dir, "settings.json")?)
        .map_err(|e| Failure::Input(format!("{}: {e}", dir.display())))?;
    let pack = Pack::builtin(&shop.settings.language);
    let mut assistant = Assistant::new(shop, pack, Guides::builtin()).map_err(Failure::Input)?;
    let mut out = BufWriter::new(io::stdout().lock());
    for (n, line) in io::stdin().lock().lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let parsed: Line = serde_json::from_str(&line).map_err(|e| Failure::Input(format!("line {}: {e}", n + 1)))?;
        let event = MessageEvent {
            conversation: "cli".into(),
            buyer: "buyer".into(),
            from: parsed.from,
            text: parsed.text,
            at: parsed.at,
            id: Some(format!("line-{}", n + 1)),
        };
        if let Some(advice) = assistant.on_message(&event, None) {
            let output = Output { line: n + 1, advice: &advice, entities: extract(&event.text) };
            writeln!(out, "{}", serde_json::to_string(&output).map_err(io::Error::other)?)?;
        }
    }
    out.flush()?;
    Ok(())
}
