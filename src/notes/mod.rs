//! Per-buyer notes: the schema (version 2, older entries migrated on read) and the notebook that
//! keeps one storage entry per buyer behind the `NotesStore` trait.
//!
//! - `check`: the limits every saved or imported entry must meet, with the path of a problem.
//! - `migrate`: reads an entry of any known version (bare string, v1, v2) into the current schema.
//! - `facts`: facts found in a buyer's message, offered for one-click saving (never saved silently).
//! - `transfer`: export and import of all notes as one JSON document.
//! - `merge`: two writers of one buyer's entry, merged field by field.
//! - `retention`: forgetting a field, an entry or everything; untouched entries dropped.

mod check;
mod facts;
mod jsonpos;
mod merge;
mod migrate;
mod retention;
mod store;
mod transfer;

pub use check::{MAX_BUYER_KEY_CHARS, MAX_ITEMS, MAX_ITEM_CHARS, MAX_PHONE_CHARS, MAX_SIZE_CHARS};
pub use check::{HEIGHT_CM, WEIGHT_KG};
pub use facts::{accept, suggestions, Fact, FactField, NoteSuggestion};
pub use merge::{merge, merge_stored};
pub use retention::{NoteField, DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS};
pub use store::{MemoryStore, NotesStore, StoreError};
pub use transfer::{export_all, export_all_at, import_all, Exported, ImportError, ImportSummary, Skipped};

use crate::intent::Intent;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The schema version written by this build.
pub const SCHEMA_VERSION: u32 = 2;
/// How many past intents a buyer's history keeps.
pub const HISTORY_CAP: usize = 50;
/// Free text longer than this is refused rather than silently cut.
pub const MAX_TEXT_CHARS: usize = 4000;

const KEY_PREFIX: &str = "kefu.notes/";

/// What the shop remembers about one buyer. Serialises as schema version 2; deserialising
/// accepts every older version too (see `migrate`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BuyerNotes {
    pub version: u32,
    /// The agent's free text.
    pub text: String,
    /// Tags such as 老客户, VIP, 难缠.
    pub tags: Vec<String>,
    /// Structured facts: body measures, size, preferences and (personal) contact data.
    #[serde(skip_serializing_if = "Facts::is_empty")]
    pub facts: Facts,
    /// What the shop promised the buyer, oldest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub promises: Vec<Promise>,
    /// Things to do for the buyer later.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub follow_ups: Vec<FollowUp>,
    /// What the buyer asked about, newest last, capped at `HISTORY_CAP`.
    pub history: Vec<HistoryEntry>,
    /// Kept whatever the retention (written only when set, so unpinned entries read the same in
    /// older builds).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub pinned: bool,
    /// Unix milliseconds of the last change.
    pub updated_at: i64,
}

/// Structured facts about a buyer. `phone` and `address` are personal data: only the agent's own
/// edit or a confirmed `accept` ever writes them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Facts {
    /// Body height in centimetres.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub height_cm: Option<f64>,
    /// Body weight in kilograms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight_kg: Option<f64>,
    /// A clothes size (XL, 38码) or a product variant that fits them (坑距400), as text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<String>,
    /// Short free preferences: 喜欢白色, 怕吵.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub preferences: Vec<String>,
    /// Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

impl Facts {
    pub fn is_empty(&self) -> bool {
        *self == Facts::default()
    }
}

/// Something the shop promised (退差价 30, 送角阀).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Promise {
    pub what: String,
    /// Unix milliseconds when it was promised.
    pub made_at: i64,
    pub kept: bool,
}

/// Something to do for the buyer by a given time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowUp {
    pub what: String,
    /// Unix milliseconds.
    pub due_at: i64,
    pub done: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub intent: Intent,
    pub at: i64,
}

impl Default for BuyerNotes {
    fn default() -> Self {
        BuyerNotes {
            version: SCHEMA_VERSION,
            text: String::new(),
            tags: Vec::new(),
            facts: Facts::default(),
            promises: Vec::new(),
            follow_ups: Vec::new(),
            history: Vec::new(),
            pinned: false,
            updated_at: 0,
        }
    }
}

impl BuyerNotes {
    pub fn new() -> Self {
        Self::default()
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
        self.text.is_empty()
            && self.tags.is_empty()
            && self.facts.is_empty()
            && self.promises.is_empty()
            && self.follow_ups.is_empty()
            && self.history.is_empty()
    }

    /// Adds a tag unless the buyer already has it.
    pub fn tag(&mut self, tag: &str) {
        if !self.tags.iter().any(|t| t == tag) {
            self.tags.push(tag.to_string());
        }
    }

    /// Notes a promise made at `at`, not yet kept.
    pub fn promise(&mut self, what: &str, at: i64) {
        self.promises.push(Promise { what: what.to_string(), made_at: at, kept: false });
    }

    /// Notes something to do by `due_at`.
    pub fn follow_up(&mut self, what: &str, due_at: i64) {
        self.follow_ups.push(FollowUp { what: what.to_string(), due_at, done: false });
    }

    /// Follow-ups not done whose due time is at or before `now`.
    pub fn due_follow_ups(&self, now: i64) -> impl Iterator<Item = &FollowUp> {
        self.follow_ups.iter().filter(move |f| !f.done && f.due_at <= now)
    }

    /// Promises not kept yet.
    pub fn open_promises(&self) -> impl Iterator<Item = &Promise> {
        self.promises.iter().filter(|p| !p.kept)
    }

    /// Reads a stored entry of any known version (see `migrate`).
    pub fn from_stored(raw: &str) -> Result<BuyerNotes, String> {
        let value: serde_json::Value = serde_json::from_str(raw).map_err(|e| e.to_string())?;
        migrate::decode(&value).map_err(|p| p.to_string())
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
    /// Another limit of the schema is not met (`field` as `facts.height_cm`, `tags[2]`).
    Invalid { field: String, reason: String },
    /// Saving a personal fact (phone, address) needs the agent's confirmation.
    NeedsConfirmation { field: FactField },
}

impl fmt::Display for NotesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotesError::Store(e) => e.fmt(f),
            NotesError::Corrupt { buyer, reason } => write!(f, "notes of {buyer} cannot be read: {reason}"),
            NotesError::TooLong { chars } => {
                write!(f, "notes are {chars} characters long; the limit is {MAX_TEXT_CHARS}")
            }
            NotesError::Invalid { reason, .. } => f.write_str(reason),
            NotesError::NeedsConfirmation { field } => {
                write!(f, "the buyer's {} is personal data; saving it needs the agent's confirmation", field.id())
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

    /// The store itself, for entries that are not notes (the shop's imported files).
    pub fn store_mut(&mut self) -> &mut S {
        &mut self.store
    }

    fn key(buyer: &str) -> String {
        Self::storage_key(buyer)
    }

    /// The store key of a buyer's entry (to match a store's change events).
    pub fn storage_key(buyer: &str) -> String {
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

    /// Writes the buyer's notes as the current schema version, after checking every limit.
    pub fn save(&mut self, buyer: &str, notes: &BuyerNotes) -> Result<(), NotesError> {
        check::check_buyer_key(buyer).map_err(|reason| NotesError::Invalid { field: "buyer".into(), reason })?;
        notes.check()?;
        self.store.set(&Self::key(buyer), &stored_json(notes))?;
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

/// The stored form of checked notes: compact JSON, always stamped with `SCHEMA_VERSION`.
fn stored_json(notes: &BuyerNotes) -> String {
    if notes.version == SCHEMA_VERSION {
        serde_json::to_string(notes).expect("notes serialise")
    } else {
        serde_json::to_string(&BuyerNotes { version: SCHEMA_VERSION, ..notes.clone() }).expect("notes serialise")
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

    #[test]
    fn saves_are_stamped_with_the_current_version_and_checked() {
        let mut book = Notebook::new(MemoryStore::new());
        let mut notes = BuyerNotes { version: 1, ..BuyerNotes::new() };
        notes.facts.size = Some("XL".into());
        book.save("demo/a", &notes).unwrap();
        let raw = book.store().get("kefu.notes/demo/a").unwrap().unwrap();
        assert_eq!(raw, r#"{"version":2,"text":"","tags":[],"facts":{"size":"XL"},"history":[],"updated_at":0}"#);
        notes.facts.weight_kg = Some(f64::NAN);
        let err = book.save("demo/a", &notes).unwrap_err();
        assert!(matches!(&err, NotesError::Invalid { field, .. } if field == "facts.weight_kg"), "{err:?}");
        notes.facts.weight_kg = None;
        notes.tags = vec!["".into()];
        assert_eq!(book.save("demo/a", &notes).unwrap_err().to_string(), "a tag must not be empty");
        notes.tags = vec![];
        notes.promise(&"x".repeat(MAX_ITEM_CHARS + 1), 1);
        let err = book.save("demo/a", &notes).unwrap_err();
        assert!(matches!(&err, NotesError::Invalid { field, .. } if field == "promises[0].what"), "{err:?}");
        assert_eq!(book.load("demo/a").unwrap().facts.size.as_deref(), Some("XL"), "refused saves change nothing");
    }

    #[test]
    fn tags_promises_and_follow_ups() {
        let mut notes = BuyerNotes::new();
        assert!(notes.is_empty());
        notes.tag("VIP");
        notes.tag("VIP");
        assert_eq!(notes.tags, ["VIP"]);
        let mut notes = BuyerNotes::new();
        notes.facts.preferences.push("怕吵".into());
        assert!(!notes.is_empty());
        notes.promise("退差价 30", 1);
        notes.promise("送角阀", 2);
        notes.promises[0].kept = true;
        assert_eq!(notes.open_promises().map(|p| p.what.as_str()).collect::<Vec<_>>(), ["送角阀"]);
        notes.follow_up("回访", 100);
        notes.follow_up("催发货", 50);
        notes.follow_ups[1].done = true;
        assert_eq!(notes.due_follow_ups(99).count(), 0);
        assert_eq!(notes.due_follow_ups(100).map(|f| f.what.as_str()).collect::<Vec<_>>(), ["回访"]);
        assert_eq!(BuyerNotes::default(), BuyerNotes::new());
    }
}
