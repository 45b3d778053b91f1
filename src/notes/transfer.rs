//! Export and import of ALL notes as one pretty JSON document:
//!
//! ```json
//! {
//!   "kefu_notes": 2,
//!   "exported_at": 1718000000000,
//!   "buyers": {
//!     "demo/小鹿": { "version": 2, "text": "…", … }
//!   }
//! }
//! ```
//!
//! Import checks EVERYTHING first (syntax, envelope, every buyer's notes and limits) and writes
//! nothing when anything is wrong, saying the line, column and reason. Then each buyer's entry is
//! replaced by the imported one; a store failure midway puts back what was already written.

use super::check::{check_buyer_key, key, Problem};
use super::jsonpos::{self, Duplicate, Pos, Seg};
use super::{migrate, stored_json, BuyerNotes, NotesError, NotesStore, Notebook, StoreError, SCHEMA_VERSION};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;

const ENVELOPE_FIELDS: &[&str] = &["kefu_notes", "exported_at", "buyers"];

#[derive(Serialize)]
struct Export<'a> {
    kefu_notes: u32,
    exported_at: i64,
    buyers: &'a BTreeMap<String, BuyerNotes>,
}

/// An export: the document, and the entries that could not go in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    pub json: String,
    /// Entries an import would refuse (unreadable, from a newer version, over a limit), left
    /// out of `json` and reported so the agent knows the backup is not whole.
    pub skipped: Vec<Skipped>,
}

/// An entry left out of an export, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub buyer: String,
    pub reason: String,
}

/// All notes as a pretty JSON document, buyers sorted by key. `exported_at` is the newest
/// `updated_at` among them, so the same notes always export to the same text (see
/// `export_all_at` to stamp the clock instead). Each entry passes the very check an import
/// makes (`buyer_notes`), so whatever is exported imports back; what would not is skipped and
/// named. Only a store failure fails the export.
pub fn export_all<S: NotesStore>(book: &Notebook<S>) -> Result<Exported, NotesError> {
    let (buyers, skipped) = exportable(book)?;
    let newest = buyers.values().map(|n| n.updated_at).max().unwrap_or(0);
    Ok(Exported { json: render(&buyers, newest), skipped })
}

/// Like `export_all`, with `exported_at` = `now_ms`.
pub fn export_all_at<S: NotesStore>(book: &Notebook<S>, now_ms: i64) -> Result<Exported, NotesError> {
    let (buyers, skipped) = exportable(book)?;
    Ok(Exported { json: render(&buyers, now_ms), skipped })
}

fn exportable<S: NotesStore>(book: &Notebook<S>) -> Result<(BTreeMap<String, BuyerNotes>, Vec<Skipped>), NotesError> {
    let mut buyers = BTreeMap::new();
    let mut skipped = Vec::new();
    for buyer in book.buyers()? {
        let Some(raw) = book.store.get(&Notebook::<S>::key(&buyer))? else { continue };
        let checked = serde_json::from_str::<Value>(&raw)
            .map_err(|e| format!("the stored entry is not JSON ({e})"))
            .and_then(|value| buyer_notes(&buyer, &value).map_err(|p| match p.field() {
                f if f.is_empty() => p.reason,
                f => format!("{f}: {}", p.reason),
            }));
        match checked {
            Ok(notes) => {
                buyers.insert(buyer, notes);
            }
            Err(reason) => skipped.push(Skipped { buyer, reason }),
        }
    }
    Ok((buyers, skipped))
}

fn render(buyers: &BTreeMap<String, BuyerNotes>, exported_at: i64) -> String {
    let doc = Export { kefu_notes: SCHEMA_VERSION, exported_at, buyers };
    serde_json::to_string_pretty(&doc).expect("notes serialise")
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    /// Buyers who had no notes.
    pub added: usize,
    /// Buyers whose notes were replaced by the imported ones.
    pub replaced: usize,
    /// Buyers whose notes were already exactly the imported ones (not rewritten).
    pub unchanged: usize,
    /// Open follow-ups in the imported notes that are due at the time of the import.
    pub due_follow_ups: usize,
}

/// Why an import wrote nothing (or, in the rare last case, what it could not undo).
#[derive(Debug, Clone, PartialEq)]
pub enum ImportError {
    /// The document is not a valid notes export; nothing was written.
    Invalid { line: usize, column: Option<usize>, buyer: Option<String>, reason: String },
    /// The store failed; everything written before was put back, so nothing was imported.
    Store(StoreError),
    /// The store failed and putting the old notes back failed too: these buyers may hold
    /// imported notes now.
    PartlyWritten { error: StoreError, restore_error: StoreError, buyers: Vec<String> },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Invalid { line, column, buyer, reason } => {
                write!(f, "line {line}")?;
                if let Some(c) = column {
                    write!(f, ", column {c}")?;
                }
                if let Some(b) = buyer {
                    write!(f, ": buyer {b:?}")?;
                }
                write!(f, ": {reason}")
            }
            ImportError::Store(e) => write!(f, "{e}; nothing was imported"),
            ImportError::PartlyWritten { error, restore_error, buyers } => write!(
                f,
                "{error}, and putting the old notes back failed ({restore_error}); check the notes of: {}",
                buyers.join(", ")
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// Imports a document made by `export_all` (or edited by hand): validates all of it, then
/// replaces the entry of each buyer in it; other buyers are left alone. `now_ms` is only used
/// to count due follow-ups.
pub fn import_all<S: NotesStore>(book: &mut Notebook<S>, json: &str, now_ms: i64) -> Result<ImportSummary, ImportError> {
    let text = json.strip_prefix('\u{FEFF}').unwrap_or(json);
    let buyers = parse(text)?;

    // Read every old entry before writing anything, so a failure can put them back.
    let mut summary = ImportSummary::default();
    let mut plan = Vec::new();
    for (buyer, notes) in &buyers {
        let key = Notebook::<S>::key(buyer);
        let old = book.store.get(&key).map_err(ImportError::Store)?;
        match &old {
            None => summary.added += 1,
            Some(raw) if BuyerNotes::from_stored(raw).as_ref() == Ok(notes) => {
                summary.unchanged += 1;
                continue;
            }
            Some(_) => summary.replaced += 1,
        }
        plan.push(Write { buyer, key, old, new: stored_json(notes) });
    }
    summary.due_follow_ups = buyers.values().map(|n| n.due_follow_ups(now_ms).count()).sum();

    for (i, w) in plan.iter().enumerate() {
        if let Err(error) = book.store.set(&w.key, &w.new) {
            // The failed write too, in case the backend wrote part of it.
            return Err(match restore(&mut book.store, &plan[..=i]) {
                Ok(()) => ImportError::Store(error),
                Err((restore_error, buyers)) => ImportError::PartlyWritten { error, restore_error, buyers },
            });
        }
    }
    Ok(summary)
}

struct Write<'a> {
    buyer: &'a str,
    key: String,
    old: Option<String>,
    new: String,
}

/// Puts the old entries back: new buyers removed first (frees space), then the entries that
/// shrink most, so a store near its quota never has to hold more than before the import.
/// Tries every entry; reports the first failure and the buyers it could not put back.
fn restore<S: NotesStore>(store: &mut S, written: &[Write]) -> Result<(), (StoreError, Vec<String>)> {
    let mut order: Vec<&Write> = written.iter().collect();
    let growth = |w: &Write| w.old.as_ref().map_or(i64::MAX, |o| w.new.len() as i64 - o.len() as i64);
    crate::sort::by_key(&mut order, |w| std::cmp::Reverse(growth(w)));
    let mut failed: Option<(StoreError, Vec<String>)> = None;
    for w in order {
        let result = match &w.old {
            None => store.remove(&w.key),
            Some(old) => store.set(&w.key, old),
        };
        if let Err(e) = result {
            failed.get_or_insert_with(|| (e, Vec::new())).1.push(w.buyer.to_string());
        }
    }
    failed.map_or(Ok(()), Err)
}

/// Parses and validates the whole document: the buyers' notes, or the first problem in it.
fn parse(text: &str) -> Result<BTreeMap<String, BuyerNotes>, ImportError> {
    if text.trim().is_empty() {
        return Err(ImportError::Invalid { line: 1, column: None, buyer: None, reason: "the file is empty".into() });
    }
    let root: Value = serde_json::from_str(text).map_err(|e| ImportError::Invalid {
        line: e.line(),
        column: Some(jsonpos::char_column(text, e.line(), e.column())),
        buyer: None,
        reason: syntax_reason(&e),
    })?;
    jsonpos::walk(text, &mut |_, _| {}).map_err(duplicate)?;
    validate(&root).map_err(|failures| first_located(text, failures))
}

/// A problem and the buyer it belongs to; the path is from the document's root.
struct Failure {
    buyer: Option<String>,
    problem: Problem,
}

fn envelope(path: &[&str], reason: impl Into<String>) -> Vec<Failure> {
    let path: Vec<Seg> = path.iter().map(|k| key(k)).collect();
    vec![Failure { buyer: None, problem: Problem::at(&path, reason) }]
}

fn validate(root: &Value) -> Result<BTreeMap<String, BuyerNotes>, Vec<Failure>> {
    let not_export = "this is not a Kefu Assist notes export (expected {\"kefu_notes\": 2, \"buyers\": {…}})";
    let Some(map) = root.as_object() else { return Err(envelope(&[], not_export)) };
    if let Some(k) = map.keys().find(|k| !ENVELOPE_FIELDS.contains(&k.as_str())) {
        return Err(envelope(&[k], format!("there is no field \"{k}\" in a notes export (fields are kefu_notes, exported_at, buyers)")));
    }
    let format = match map.get("kefu_notes") {
        None => return Err(envelope(&[], format!("\"kefu_notes\" is missing: {not_export}"))),
        Some(v) => v.as_u64().ok_or_else(|| envelope(&["kefu_notes"], "kefu_notes must be a whole number (the export format version)"))?,
    };
    if format > SCHEMA_VERSION as u64 {
        let reason = format!(
            "the export is format version {format}, newer than this build of Kefu Assist \
             (version {SCHEMA_VERSION}); update Kefu Assist first"
        );
        return Err(envelope(&["kefu_notes"], reason));
    }
    if format < 2 {
        return Err(envelope(&["kefu_notes"], format!("there is no export format version {format}; exports start at version 2")));
    }
    if map.get("exported_at").is_some_and(|v| v.as_i64().is_none()) {
        return Err(envelope(&["exported_at"], "exported_at must be a time in Unix milliseconds (a whole number)"));
    }
    let buyers = match map.get("buyers") {
        None => return Err(envelope(&[], "\"buyers\" is missing: there are no notes in this file")),
        Some(v) => v.as_object().ok_or_else(|| envelope(&["buyers"], "buyers must be an object: {\"<buyer>\": {…notes…}, …}"))?,
    };
    let mut out = BTreeMap::new();
    let mut failures = Vec::new();
    for (buyer, value) in buyers {
        match buyer_notes(buyer, value) {
            Ok(notes) => {
                out.insert(buyer.clone(), notes);
            }
            Err(mut problem) => {
                let mut path = vec![key("buyers"), key(buyer)];
                path.append(&mut problem.path);
                problem.path = path;
                failures.push(Failure { buyer: Some(buyer.clone()), problem });
            }
        }
    }
    if failures.is_empty() {
        Ok(out)
    } else {
        Err(failures)
    }
}

/// One buyer's entry: any known version, types and limits checked. Paths relative to the entry.
fn buyer_notes(buyer: &str, value: &Value) -> Result<BuyerNotes, Problem> {
    check_buyer_key(buyer).map_err(|reason| Problem::at(&[], reason))?;
    let notes = migrate::decode(value)?;
    notes.problems()?;
    Ok(notes)
}

/// The failure that comes first in the document, with its line and column.
fn first_located(text: &str, failures: Vec<Failure>) -> ImportError {
    let paths: Vec<Vec<Seg>> = failures.iter().map(|f| f.problem.path.clone()).collect();
    let found = jsonpos::locate(text, &paths);
    let (pos, failure) = failures
        .into_iter()
        .zip(found)
        .map(|(f, pos)| (pos.unwrap_or(Pos { line: 1, column: 1 }), f))
        .min_by_key(|(pos, _)| (pos.line, pos.column))
        .expect("at least one failure");
    ImportError::Invalid { line: pos.line, column: Some(pos.column), buyer: failure.buyer, reason: failure.problem.reason }
}

fn duplicate(d: Duplicate) -> ImportError {
    let Pos { line, column } = d.pos;
    let (buyer, reason) = match d.path.as_slice() {
        [Seg::Key(b)] if b == "buyers" => (Some(d.key.clone()), "this buyer appears twice in the file; keep one".to_string()),
        [Seg::Key(b), Seg::Key(buyer), ..] if b == "buyers" => (Some(buyer.clone()), format!("field \"{}\" appears twice", d.key)),
        _ => (None, format!("field \"{}\" appears twice", d.key)),
    };
    ImportError::Invalid { line, column: Some(column), buyer, reason }
}

/// serde_json's syntax message in plain words.
fn syntax_reason(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let msg = full.rsplit_once(" at line ").map_or(full.as_str(), |(m, _)| m);
    let plain = match msg {
        m if m.starts_with("EOF while parsing") => "the file ends too early; is it cut off?",
        "expected `,` or `}`" => "a comma or a closing } is missing here",
        "expected `,` or `]`" => "a comma or a closing ] is missing here",
        "expected `:`" => "a colon (:) is missing after the field name",
        "expected value" | "expected ident" => "this is not a valid value (text needs double quotes)",
        "key must be a string" | "expected `\"`" => "field names must be in double quotes",
        "trailing comma" => "there is a comma before a closing bracket; remove it",
        "trailing characters" => "there is more text after the end of the export",
        m if m.starts_with("control character") => "a line break or tab inside a text must be written as \\n or \\t",
        m if m.contains("escape") || m.contains("surrogate") || m.contains("code point") => {
            "an invalid backslash escape in a text"
        }
        "invalid number" | "number out of range" => "this number is not valid",
        "recursion limit exceeded" => "the file is nested too deeply",
        m => return format!("the file is not valid JSON ({m})"),
    };
    plain.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intent::Intent;
    use crate::notes::{MemoryStore, MAX_BUYER_KEY_CHARS, MAX_TEXT_CHARS};

    /// Every key and raw value of a store, to compare before and after.
    fn snapshot<S: NotesStore>(store: &S) -> Vec<(String, String)> {
        store.keys("").unwrap().into_iter().map(|k| (k.clone(), store.get(&k).unwrap().unwrap())).collect()
    }

    fn rich(text: &str, at: i64) -> BuyerNotes {
        let mut n = BuyerNotes::new();
        n.text = text.into();
        n.tag("老客户");
        n.tag("VIP");
        n.facts.height_cm = Some(168.5);
        n.facts.weight_kg = Some(57.5);
        n.facts.size = Some("坑距400".into());
        n.facts.preferences = vec!["喜欢白色".into(), "怕吵".into()];
        n.facts.phone = Some("13812345678".into());
        n.facts.address = Some("上海市浦东新区xx路1号".into());
        n.promise("退差价 30", at);
        n.promises[0].kept = true;
        n.promise("送角阀", at + 1);
        n.follow_up("回访安装情况", at + 86_400_000);
        n.record(Intent::SizeAdvice, at);
        n.record(Intent::PriceProtection, at + 2);
        n.updated_at = at + 2;
        n
    }

    fn book_with(buyers: &[(&str, BuyerNotes)]) -> Notebook<MemoryStore> {
        let mut book = Notebook::new(MemoryStore::new());
        for (b, n) in buyers {
            book.save(b, n).unwrap();
        }
        book
    }

    fn invalid(e: ImportError) -> (usize, Option<usize>, Option<String>, String) {
        match e {
            ImportError::Invalid { line, column, buyer, reason } => (line, column, buyer, reason),
            other => panic!("expected Invalid, got {other:?}"),
        }
    }

    #[test]
    fn export_then_import_round_trips_exactly() {
        let mut plain = BuyerNotes::new();
        plain.text = "只有文字 \"引号\"\n换行 😂".into();
        let buyers = [
            ("demo/小鹿", rich("坑距400, 喜欢白色", 1_718_000_000_000)),
            ("demo/阿杰", plain),
            ("taobao/老王", rich("难缠", 1_718_100_000_000)),
            ("demo/空", BuyerNotes::new()),
        ];
        let book = book_with(&buyers);
        let json = export_all(&book).unwrap().json;

        let mut fresh = Notebook::new(MemoryStore::new());
        let summary = import_all(&mut fresh, &json, 0).unwrap();
        assert_eq!(summary, ImportSummary { added: 4, replaced: 0, unchanged: 0, due_follow_ups: 0 });
        for (b, n) in &buyers {
            assert_eq!(&fresh.load(b).unwrap(), n, "{b}");
        }
        assert_eq!(export_all(&fresh).unwrap().json, json);
        assert_eq!(snapshot(fresh.store()), snapshot(book.store()));
        // Importing the same file again changes nothing.
        let again = import_all(&mut fresh, &json, 0).unwrap();
        assert_eq!((again.added, again.replaced, again.unchanged), (0, 0, 4));
    }

    #[test]
    fn the_export_is_one_pretty_document_with_one_buyer_per_entry() {
        let book = book_with(&[("demo/b", rich("x", 10)), ("demo/a", BuyerNotes::new())]);
        let json = export_all(&book).unwrap().json;
        let doc: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(doc["kefu_notes"], 2);
        assert_eq!(doc["exported_at"], 12, "the newest updated_at");
        assert_eq!(doc["buyers"]["demo/b"]["facts"]["size"], "坑距400");
        assert_eq!(doc["buyers"]["demo/b"]["version"], 2);
        let lines: Vec<&str> = json.lines().collect();
        assert_eq!(&lines[..4], ["{", "  \"kefu_notes\": 2,", "  \"exported_at\": 12,", "  \"buyers\": {"]);
        assert_eq!(lines[4], "    \"demo/a\": {");
        assert!(lines.contains(&"    \"demo/b\": {"));
        assert!(lines.contains(&"        \"height_cm\": 168.5,"));
        assert!(export_all_at(&book, 99).unwrap().json.contains("\"exported_at\": 99,"));
        assert_eq!(export_all(&Notebook::new(MemoryStore::new())).unwrap().json, "{\n  \"kefu_notes\": 2,\n  \"exported_at\": 0,\n  \"buyers\": {}\n}");
    }

    #[test]
    fn entries_an_import_would_refuse_are_left_out_of_the_export_and_named() {
        let mut store = MemoryStore::new();
        store.set("kefu.notes/demo/x", "{not json").unwrap();
        store.set("kefu.notes/demo/future", r#"{"version":99,"text":"from the future"}"#).unwrap();
        // An old version entry with a tag over the limit (older builds did not check it).
        let long_tag = "标".repeat(crate::notes::MAX_ITEM_CHARS + 1);
        store.set("kefu.notes/demo/old", &format!(r#"{{"version":1,"text":"t","tags":["{long_tag}"]}}"#)).unwrap();
        store.set(&format!("kefu.notes/{}", "k".repeat(MAX_BUYER_KEY_CHARS + 1)), r#"{"text":"long key"}"#).unwrap();
        store.set("kefu.notes/demo/ok", r#"{"text":"fine"}"#).unwrap();
        let exported = export_all(&Notebook::new(store)).unwrap();
        let skipped: Vec<&str> = exported.skipped.iter().map(|s| s.buyer.as_str()).collect();
        assert_eq!(skipped.len(), 4, "{:?}", exported.skipped);
        assert!(skipped.contains(&"demo/x") && skipped.contains(&"demo/future") && skipped.contains(&"demo/old"));
        let old = exported.skipped.iter().find(|s| s.buyer == "demo/old").unwrap();
        assert!(old.reason.starts_with("tags[0]: "), "{}", old.reason);
        let mut fresh = Notebook::new(MemoryStore::new());
        assert_eq!(import_all(&mut fresh, &exported.json, 0).unwrap().added, 1, "what was exported imports");
        assert_eq!(fresh.load("demo/ok").unwrap().text, "fine");
    }

    #[test]
    fn import_replaces_the_buyers_in_the_file_and_leaves_the_others() {
        let mut book = book_with(&[("demo/p", rich("p", 1)), ("demo/q", rich("q old", 1))]);
        let mut q = BuyerNotes::new();
        q.text = "q new".into();
        q.follow_up("due", 50);
        q.follow_up("later", 500);
        q.follow_up("done", 10);
        q.follow_ups[2].done = true;
        let mut r = BuyerNotes::new();
        r.text = "r".into();
        let json = export_all(&book_with(&[("demo/q", q.clone()), ("demo/r", r.clone())])).unwrap().json;
        let summary = import_all(&mut book, &json, 100).unwrap();
        assert_eq!(summary, ImportSummary { added: 1, replaced: 1, unchanged: 0, due_follow_ups: 1 });
        assert_eq!(book.load("demo/q").unwrap(), q, "replaced, not merged");
        assert_eq!(book.load("demo/r").unwrap(), r);
        assert_eq!(book.load("demo/p").unwrap(), rich("p", 1));
    }

    #[test]
    fn older_entries_and_a_bom_are_accepted() {
        let json = "\u{FEFF}{\"kefu_notes\": 2, \"buyers\": {\"demo/a\": \"怕吵\", \"demo/b\": {\"version\": 1, \"text\": \"VIP\"}}}";
        let mut book = Notebook::new(MemoryStore::new());
        assert_eq!(import_all(&mut book, json, 0).unwrap().added, 2);
        assert_eq!(book.load("demo/a").unwrap().text, "怕吵");
        assert_eq!(book.load("demo/b").unwrap().text, "VIP");
        assert!(book.store().get("kefu.notes/demo/a").unwrap().unwrap().starts_with("{\"version\":2,"));
    }

    /// A notebook with one buyer, and a check that a failed import left it exactly as it was.
    fn rejects(json: &str) -> (usize, Option<usize>, Option<String>, String) {
        let mut book = book_with(&[("demo/小鹿", rich("before", 1))]);
        let before = snapshot(book.store());
        let err = import_all(&mut book, json, 0).unwrap_err();
        assert_eq!(snapshot(book.store()), before, "nothing may be written: {err}");
        invalid(err)
    }

    const GOOD_BUYER: &str = r#"    "demo/阿杰": {
      "version": 2,
      "text": "VIP",
      "tags": ["VIP"],
      "history": [],
      "updated_at": 1718000000000
    },"#;

    fn doc(rest: &str) -> String {
        format!("{{\n  \"kefu_notes\": 2,\n  \"exported_at\": 1718000000000,\n  \"buyers\": {{\n{GOOD_BUYER}\n{rest}\n  }}\n}}\n")
    }

    #[test]
    fn a_syntax_error_is_reported_with_line_and_column() {
        // Line 14: the comma after "version": 2 is missing.
        let json = doc("    \"demo/小鹿\": {\n      \"version\": 2\n      \"text\": \"x\"\n    }");
        assert_eq!(json.lines().nth(13), Some("      \"text\": \"x\""));
        let (line, column, buyer, reason) = rejects(&json);
        assert_eq!((line, column, buyer), (14, Some(7), None));
        assert_eq!(reason, "a comma or a closing } is missing here");
        let e = import_all(&mut Notebook::new(MemoryStore::new()), &json, 0).unwrap_err();
        assert_eq!(e.to_string(), "line 14, column 7: a comma or a closing } is missing here");

        assert_eq!(rejects("{\n  \"kefu_notes\": 2,\n  \"buyers\": {\n"), (4, Some(1), None, "the file ends too early; is it cut off?".into()));
        assert_eq!(rejects("{\"kefu_notes\": 2, \"buyers\": {\"小鹿\": {\"text\": 'x'}}}").1, Some(45));
        assert_eq!(rejects("  \n").3, "the file is empty");
    }

    #[test]
    fn a_wrong_type_deep_inside_one_buyer_names_line_buyer_and_reason() {
        let json = doc(concat!(
            "    \"demo/小鹿\": {\n",
            "      \"version\": 2,\n",
            "      \"text\": \"\",\n",
            "      \"tags\": [],\n",
            "      \"facts\": {\n",
            "        \"size\": \"M\",\n",
            "        \"height_cm\": \"一米七\"\n",
            "      }\n",
            "    }"
        ));
        let (line, column, buyer, reason) = rejects(&json);
        assert_eq!((line, column, buyer.as_deref()), (18, Some(22), Some("demo/小鹿")));
        assert_eq!(reason, "height must be a number of centimetres");
        let e = import_all(&mut Notebook::new(MemoryStore::new()), &json, 0).unwrap_err();
        assert_eq!(e.to_string(), "line 18, column 22: buyer \"demo/小鹿\": height must be a number of centimetres");
    }

    #[test]
    fn other_wrong_buyers_are_refused_with_their_line() {
        let one = |body: &str| doc(&format!("    \"demo/小鹿\": {{\n{body}\n    }}"));
        let cases = [
            ("      \"version\": 3,\n      \"text\": \"x\"", 13, "notes are schema version 3, newer than this build of Kefu Assist (version 2); update Kefu Assist first"),
            ("      \"version\": 2,\n      \"promises\": [{\"what\": \"送角阀\", \"made_at\": 1, \"kept\": \"yes\"}]", 14, "a promise's \"kept\" must be true or false"),
            ("      \"version\": 2,\n      \"history\": [\n        {\"intent\": \"bargain\", \"at\": 1},\n        {\"intent\": \"砍价\", \"at\": 2}\n      ]", 16, "\"砍价\" is not an intent id (e.g. \"size_advice\")"),
            ("      \"version\": 2,\n      \"facts\": {\"height_cm\": 1700}", 14, "height 1700 cm is outside 40–250 cm"),
            ("      \"version\": 2,\n      \"tags\": [\"VIP\", \"  \"]", 14, "a tag must not be empty"),
            ("      \"version\": 2,\n      \"mood\": \"angry\"", 14, "there is no field \"mood\" in buyer notes"),
            ("      \"version\": 2,\n      \"text\": \"a\",\n      \"text\": \"b\"", 15, "field \"text\" appears twice"),
        ];
        for (body, want_line, want_reason) in cases {
            let (line, _, buyer, reason) = rejects(&one(body));
            assert_eq!((line, buyer.as_deref(), reason.as_str()), (want_line, Some("demo/小鹿"), want_reason), "{body}");
        }
    }

    #[test]
    fn overlong_text_is_refused_whole() {
        let long = "长".repeat(MAX_TEXT_CHARS + 1);
        let json = doc(&format!("    \"demo/小鹿\": {{\n      \"version\": 2,\n      \"text\": \"{long}\"\n    }}"));
        let (line, column, buyer, reason) = rejects(&json);
        assert_eq!((line, column, buyer.as_deref()), (14, Some(15), Some("demo/小鹿")));
        assert_eq!(reason, format!("text is {} characters long; the limit is {MAX_TEXT_CHARS}", MAX_TEXT_CHARS + 1));
    }

    #[test]
    fn the_first_problem_in_the_file_is_reported() {
        // "z" comes first in the file though "a" sorts first.
        let json = "{\"kefu_notes\": 2, \"buyers\": {\n\"z\": {\"version\": 2, \"tags\": 1},\n\"a\": {\"version\": 9}\n}}";
        let (line, _, buyer, reason) = rejects(json);
        assert_eq!((line, buyer.as_deref()), (2, Some("z")));
        assert!(reason.starts_with("tags must be a list"), "{reason}");
    }

    #[test]
    fn a_wrong_envelope_is_refused() {
        let cases = [
            ("[]", 1, "this is not a Kefu Assist notes export"),
            ("{\"buyers\": {}}", 1, "\"kefu_notes\" is missing"),
            ("{\n  \"kefu_notes\": 3,\n  \"buyers\": {}\n}", 2, "the export is format version 3, newer than this build of Kefu Assist (version 2)"),
            ("{\n  \"kefu_notes\": \"2\",\n  \"buyers\": {}\n}", 2, "kefu_notes must be a whole number"),
            ("{\n  \"kefu_notes\": 2,\n  \"exported_at\": \"today\",\n  \"buyers\": {}\n}", 3, "exported_at must be a time"),
            ("{\n  \"kefu_notes\": 2,\n  \"buyers\": []\n}", 3, "buyers must be an object"),
            ("{\n  \"kefu_notes\": 2\n}", 1, "\"buyers\" is missing"),
            ("{\n  \"kefu_notes\": 2,\n  \"buyer\": {}\n}", 3, "there is no field \"buyer\" in a notes export"),
            ("{\"kefu_notes\": 2, \"buyers\": {\n\"\": \"x\"}}", 2, "a buyer key must not be empty"),
        ];
        for (json, want_line, want) in cases {
            let (line, _, _, reason) = rejects(json);
            assert_eq!(line, want_line, "{json}");
            assert!(reason.starts_with(want), "{json}: {reason}");
        }
    }

    #[test]
    fn a_buyer_written_twice_is_refused() {
        let json = "{\"kefu_notes\": 2, \"buyers\": {\n\"demo/a\": \"x\",\n\"demo/a\": \"y\"\n}}";
        assert_eq!(rejects(json), (3, Some(1), Some("demo/a".into()), "this buyer appears twice in the file; keep one".into()));
    }

    /// A `MemoryStore` that counts writes and can refuse every write after the first `limit`.
    struct Spy {
        inner: MemoryStore,
        sets: usize,
        limit: usize,
    }

    impl NotesStore for Spy {
        fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
            self.inner.get(key)
        }
        fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
            self.sets += 1;
            if self.sets > self.limit {
                return Err(StoreError::Backend("disk on fire".into()));
            }
            self.inner.set(key, value)
        }
        fn remove(&mut self, key: &str) -> Result<(), StoreError> {
            self.inner.remove(key)
        }
        fn keys(&self, prefix: &str) -> Result<Vec<String>, StoreError> {
            self.inner.keys(prefix)
        }
    }

    #[test]
    fn a_full_store_during_import_leaves_the_notebook_exactly_as_before() {
        let mut store = MemoryStore::with_quota(2000);
        let mut book = Notebook::new(MemoryStore::new());
        book.save("demo/a", &rich("a old", 1)).unwrap();
        store.set("kefu.notes/demo/a", &book.store().get("kefu.notes/demo/a").unwrap().unwrap()).unwrap();
        store.set("kefu.notes/demo/zz", r#""corrupt entries are kept as they are"#).unwrap();
        store.set("other/app", "unrelated").unwrap();
        let mut book = Notebook::new(Spy { inner: store, sets: 0, limit: usize::MAX });
        let before = snapshot(book.store());

        let mut big = BuyerNotes::new();
        big.text = "长".repeat(1000);
        let json = export_all(&book_with(&[
            ("demo/a", rich(&"新".repeat(100), 2)),
            ("demo/b", rich("b", 3)),
            ("demo/c", big),
            ("demo/zz", BuyerNotes::new()),
        ]))
        .unwrap()
        .json;
        let err = import_all(&mut book, &json, 0).unwrap_err();
        assert_eq!(err, ImportError::Store(StoreError::Full));
        assert_eq!(err.to_string(), "storage is full; nothing was imported");
        assert_eq!(book.store().sets, 3 + 1, "a and b were written, c failed, then a was put back");
        assert_eq!(snapshot(book.store()), before);
    }

    #[test]
    fn putting_back_shrinks_before_it_grows() {
        // x shrinks and y grows in the import; z does not fit. Putting x back before y would
        // need room for both big versions at once, which the quota does not have.
        let mut book = Notebook::new(MemoryStore::new());
        let text = |s: &str| BuyerNotes { text: s.into(), ..BuyerNotes::new() };
        book.save("x", &text(&"x".repeat(1000))).unwrap();
        book.save("y", &text("y")).unwrap();
        let mut store = MemoryStore::with_quota(1600);
        for k in book.store().keys("").unwrap() {
            store.set(&k, &book.store().get(&k).unwrap().unwrap()).unwrap();
        }
        let mut book = Notebook::new(store);
        let before = snapshot(book.store());
        let json = export_all(&book_with(&[("x", text("x")), ("y", text(&"y".repeat(1000))), ("z", text(&"z".repeat(1000)))])).unwrap().json;
        assert_eq!(import_all(&mut book, &json, 0).unwrap_err(), ImportError::Store(StoreError::Full));
        assert_eq!(snapshot(book.store()), before);
    }

    #[test]
    fn a_failed_put_back_names_the_buyers_to_check() {
        let mut book = Notebook::new(Spy { inner: MemoryStore::new(), sets: 0, limit: 1 });
        book.save("demo/a", &BuyerNotes { text: "old".into(), ..BuyerNotes::new() }).unwrap();
        let json = export_all(&book_with(&[("demo/a", rich("new a", 1)), ("demo/b", rich("b", 1))])).unwrap().json;
        book.store.limit = 2;
        let err = import_all(&mut book, &json, 0).unwrap_err();
        let ImportError::PartlyWritten { buyers, .. } = &err else { panic!("{err:?}") };
        assert_eq!(buyers, &["demo/a"]);
        assert!(err.to_string().contains("check the notes of: demo/a"), "{err}");
    }

    #[test]
    fn a_store_that_cannot_be_read_fails_before_anything_is_written() {
        struct Denied;
        impl NotesStore for Denied {
            fn get(&self, _: &str) -> Result<Option<String>, StoreError> {
                Err(StoreError::Denied("blocked".into()))
            }
            fn set(&mut self, _: &str, _: &str) -> Result<(), StoreError> {
                panic!("nothing may be written")
            }
            fn remove(&mut self, _: &str) -> Result<(), StoreError> {
                panic!("nothing may be removed")
            }
            fn keys(&self, _: &str) -> Result<Vec<String>, StoreError> {
                Ok(vec![])
            }
        }
        let json = export_all(&book_with(&[("demo/a", rich("a", 1))])).unwrap().json;
        let err = import_all(&mut Notebook::new(Denied), &json, 0).unwrap_err();
        assert_eq!(err, ImportError::Store(StoreError::Denied("blocked".into())));
    }
}
