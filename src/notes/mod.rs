//! Per-buyer notes: the schema (versioned, migrated on read) and the notebook that keeps one
//! storage entry per buyer behind the `NotesStore` trait.

mod store;

pub use store::{MemoryStore, NotesStore, StoreError};

use crate::intent::Intent;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The schema version written by this build.
pub const SCHEMA_VERSION: u32 = 1;
/// How many past intents a buyer's history keeps.
pub const HISTORY_CAP: usize = 50;
/// Free text longer than this is refused rather than silently cut.
pub const MAX_TEXT_CHARS: usize = 4000;

const KEY_PREFIX: &str = "kefu.notes/";

/// What the shop remembers about one buyer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BuyerNotes {
    #[serde(default)]
    pub version: u32,
    /// The agent's free text.
    #[serde(default)]
    pub text: String,
    /// Tags such as 老客户, VIP.
    #[serde(default)]
    pub tags: Vec<String>,
    /// What the buyer asked about, newest last, capped at `HISTORY_CAP`.
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
    /// Unix milliseconds of the last change.
    #[serde(default)]
    pub updated_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub intent: Intent,
    pub at: i64,
}

impl BuyerNotes {
    pub fn new() -> Self {
        BuyerNotes { version: SCHEMA_VERSION, ..Default::default() }
    }

    /// Records an intent the buyer raised, keeping the history bounded.
    pub fn record(&mut self, intent: Intent, at: i64) {
        self.history.push(HistoryEntry { intent, at });
        if self.history.len() > HISTORY_CAP {
            let extra = self.history.len() - HISTORY_CAP;
            self.history.drain(..extra);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty() && self.tags.is_empty() && self.history.is_empty()
    }

    /// Reads a stored entry of any known version.
    pub fn from_stored(raw: &str) -> Result<BuyerNotes, String> {
        let value: serde_json::Value = serde_json::from_str(raw).map_err(|e| e.to_string())?;
        let version = match &value {
            // Version 0 (the earliest builds) stored the free text as a bare JSON string.
            serde_json::Value::String(text) => {
                return Ok(BuyerNotes { version: SCHEMA_VERSION, text: text.clone(), ..Default::default() })
            }
            serde_json::Value::Object(map) => map.get("version").and_then(|v| v.as_u64()).unwrap_or(0),
            _ => return Err("notes entry is neither an object nor a string".into()),
        };
        if version > SCHEMA_VERSION as u64 {
            return Err(format!("notes schema version {version} is newer than this build ({SCHEMA_VERSION})"));
        }
        let mut notes: BuyerNotes = serde_json::from_value(value).map_err(|e| e.to_string())?;
        notes.version = SCHEMA_VERSION;
        Ok(notes)
    }
}

/// Why notes could not be read or written.
#[derive(Debug, Clone, PartialEq)]
pub enum NotesError {
    Store(StoreError),
    /// A stored entry that cannot be read; it is left untouched.
    Corrupt { buyer: String, reason: String },
    /// The free text is longer than `MAX_TEXT_CHARS`.
    TooLong { chars: usize },
}

impl fmt::Display for NotesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotesError::Store(e) => e.fmt(f),
            NotesError::Corrupt { buyer, reason } => write!(f, "notes of {buyer} cannot be read: {reason}"),
            NotesError::TooLong { chars } => {
                write!(f, "notes are {chars} characters long; the limit is {MAX_TEXT_CHARS}")
            }
        }
    }
}

impl std::error::Error for NotesError {}

impl From<StoreError> for NotesError {
    fn from(e: StoreError) -> Self {
        NotesError::Store(e)
    }
}

/// Notes of all buyers, one store entry each, so thousands of buyers stay fast.
pub struct Notebook<S: NotesStore> {
    store: S,
}

impl<S: NotesStore> Notebook<S> {
    pub fn new(store: S) -> Self {
        Notebook { store }
    }

    pub fn store(&self) -> &S {
        &self.store
    }

    fn key(buyer: &str) -> String {
        format!("{KEY_PREFIX}{buyer}")
    }

    /// The buyer's notes, or empty notes for a buyer never seen.
    pub fn load(&self, buyer: &str) -> Result<BuyerNotes, NotesError> {
        match self.store.get(&Self::key(buyer))? {
            None => Ok(BuyerNotes::new()),
            Some(raw) => BuyerNotes::from_stored(&raw)
                .map_err(|reason| NotesError::Corrupt { buyer: buyer.to_string(), reason }),
        }
    }

    pub fn save(&mut self, buyer: &str, notes: &BuyerNotes) -> Result<(), NotesError> {
        let chars = notes.text.chars().count();
        if chars > MAX_TEXT_CHARS {
            return Err(NotesError::TooLong { chars });
        }
        let json = serde_json::to_string(notes).expect("notes serialise");
        self.store.set(&Self::key(buyer), &json)?;
        Ok(())
    }

    pub fn remove(&mut self, buyer: &str) -> Result<(), NotesError> {
        Ok(self.store.remove(&Self::key(buyer))?)
    }

    /// Every buyer with notes.
    pub fn buyers(&self) -> Result<Vec<String>, NotesError> {
        Ok(self.store.keys(KEY_PREFIX)?.into_iter().map(|k| k[KEY_PREFIX.len()..].to_string()).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_round_trip_per_buyer() {
        let mut book = Notebook::new(MemoryStore::new());
        assert!(book.load("demo/小鹿").unwrap().is_empty());
        let mut notes = BuyerNotes::new();
        notes.text = "坑距400, 喜欢白色".into();
        notes.record(Intent::SizeAdvice, 1);
        book.save("demo/小鹿", &notes).unwrap();
        assert_eq!(book.load("demo/小鹿").unwrap(), notes);
        assert!(book.load("demo/阿杰").unwrap().is_empty());
        assert_eq!(book.buyers().unwrap(), vec!["demo/小鹿"]);
        book.remove("demo/小鹿").unwrap();
        assert!(book.buyers().unwrap().is_empty());
    }

    #[test]
    fn one_entry_per_buyer() {
        let mut book = Notebook::new(MemoryStore::new());
        for i in 0..100 {
            let mut n = BuyerNotes::new();
            n.text = format!("buyer {i}");
            book.save(&format!("demo/{i}"), &n).unwrap();
        }
        assert_eq!(book.store().keys("").unwrap().len(), 100);
        assert_eq!(book.load("demo/42").unwrap().text, "buyer 42");
    }

    #[test]
    fn history_is_capped() {
        let mut notes = BuyerNotes::new();
        for at in 0..(HISTORY_CAP as i64 + 10) {
            notes.record(Intent::Logistics, at);
        }
        assert_eq!(notes.history.len(), HISTORY_CAP);
        assert_eq!(notes.history[0].at, 10);
    }

    #[test]
    fn version_zero_entries_migrate() {
        let mut store = MemoryStore::new();
        store.set("kefu.notes/demo/老王", "\"怕吵, 要静音款\"").unwrap();
        store.set("kefu.notes/demo/阿杰", r#"{"text":"VIP"}"#).unwrap();
        let book = Notebook::new(store);
        let notes = book.load("demo/老王").unwrap();
        assert_eq!(notes.text, "怕吵, 要静音款");
        assert_eq!(notes.version, SCHEMA_VERSION);
        assert_eq!(book.load("demo/阿杰").unwrap().text, "VIP");
    }

    #[test]
    fn corrupt_or_future_entries_are_reported_not_replaced() {
        let mut store = MemoryStore::new();
        store.set("kefu.notes/demo/x", "{not json").unwrap();
        store.set("kefu.notes/demo/y", r#"{"version":99,"text":"from the future"}"#).unwrap();
        let book = Notebook::new(store);
        assert!(matches!(book.load("demo/x"), Err(NotesError::Corrupt { .. })));
        let err = book.load("demo/y").unwrap_err().to_string();
        assert!(err.contains("newer"), "{err}");
        assert_eq!(book.store().get("kefu.notes/demo/x").unwrap().as_deref(), Some("{not json"));
    }

    #[test]
    fn a_full_store_is_reported_and_the_old_notes_stay() {
        let mut book = Notebook::new(MemoryStore::with_quota(200));
        let mut notes = BuyerNotes::new();
        notes.text = "short".into();
        book.save("demo/a", &notes).unwrap();
        notes.text = "长".repeat(300);
        assert_eq!(book.save("demo/a", &notes), Err(NotesError::Store(StoreError::Full)));
        assert_eq!(book.load("demo/a").unwrap().text, "short");
    }

    #[test]
    fn overlong_text_is_refused() {
        let mut book = Notebook::new(MemoryStore::new());
        let mut notes = BuyerNotes::new();
        notes.text = "x".repeat(MAX_TEXT_CHARS + 1);
        assert!(matches!(book.save("demo/a", &notes), Err(NotesError::TooLong { .. })));
    }
}
