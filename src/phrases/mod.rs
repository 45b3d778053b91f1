//! Quick phrases (快捷短语): the agent's own library of replies, grouped, each with an optional
//! short code (`/fh`), searched as they type by text, full pinyin, initials (`tkdz` finds
//! 退款到账…) and code; imported and exported as CSV (group, code, text: the shape the
//! workbenches export) or JSON, an import taken whole or not at all, each error with its line.

mod edit;
mod search;
mod transfer;

pub use edit::{add, grouped, locate, move_down, move_up, remove, rename_group, typed, update};
pub use search::{search, search_spelled, spellings, Hit};
pub use transfer::{export_csv, export_json, import_csv, import_json, ImportError};

use serde::{Deserialize, Serialize};

/// Limits that keep a library quick to search and safe to store.
pub const MAX_PHRASES: usize = 5000;
pub const MAX_TEXT_CHARS: usize = 500;
pub const MAX_GROUP_CHARS: usize = 30;
pub const MAX_CODE_CHARS: usize = 20;

/// One phrase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phrase {
    #[serde(default)]
    pub group: String,
    /// A short code the agent types after `/` (letters and digits), or empty.
    #[serde(default)]
    pub code: String,
    pub text: String,
    /// Times inserted (shown; ranks ties).
    #[serde(default)]
    pub uses: u32,
}

/// Why one phrase cannot be kept. @returns the reason, or None when it can.
pub fn problem(p: &Phrase) -> Option<String> {
    let text_chars = p.text.chars().count();
    if p.text.trim().is_empty() {
        return Some("the phrase is empty".into());
    }
    if text_chars > MAX_TEXT_CHARS {
        return Some(format!("the phrase has {text_chars} characters; at most {MAX_TEXT_CHARS}"));
    }
    if p.group.chars().count() > MAX_GROUP_CHARS {
        return Some(format!("the group name is longer than {MAX_GROUP_CHARS} characters"));
    }
    if p.code.chars().count() > MAX_CODE_CHARS || !p.code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        return Some(format!("the code {:?} must be up to {MAX_CODE_CHARS} letters, digits, _ or -", p.code));
    }
    None
}

/// Where the library is kept (beside the notes, on this machine only).
pub const KEY: &str = "kefu.phrases";

/// The stored library; an entry that cannot be read is an error to show, never dropped silently.
pub fn load(store: &impl crate::notes::NotesStore) -> Result<Vec<Phrase>, String> {
    parse_stored(store.get(KEY).map_err(|e| e.to_string())?.as_deref())
}

/// The library a stored entry holds (none: an empty library).
pub fn parse_stored(stored: Option<&str>) -> Result<Vec<Phrase>, String> {
    match stored {
        None => Ok(Vec::new()),
        Some(json) => import_json(json).map_err(|e| format!("the saved quick phrases cannot be read ({e})")),
    }
}

/// Keeps the library.
pub fn save(store: &mut impl crate::notes::NotesStore, phrases: &[Phrase]) -> Result<(), crate::notes::StoreError> {
    store.set(KEY, &export_json(phrases))
}

/// An import added to the library: a phrase with the code of one already there takes its place;
/// one whose text is already there is not added twice.
pub fn merge(existing: &[Phrase], imported: Vec<Phrase>) -> Vec<Phrase> {
    let mut out: Vec<Phrase> = existing.to_vec();
    for p in imported {
        if let Some(same) = out.iter_mut().find(|e| !p.code.is_empty() && e.code.eq_ignore_ascii_case(&p.code)) {
            *same = Phrase { uses: same.uses, ..p };
        } else if !out.iter().any(|e| e.text == p.text) {
            out.push(p);
        }
    }
    out.truncate(MAX_PHRASES);
    out
}

#[cfg(test)]
mod store_tests {
    use super::*;
    use crate::notes::{MemoryStore, NotesStore};

    #[test]
    fn saved_loaded_merged() {
        let mut store = MemoryStore::new();
        assert_eq!(load(&store).unwrap(), Vec::new());
        let a = import_csv("售后,tk,退款到账\n发货,fh,明天发\n").unwrap();
        save(&mut store, &a).unwrap();
        assert_eq!(load(&store).unwrap(), a);
        let b = import_csv("售后,tk,退款到账一般1-3天\n问候,,您好\n发货,,明天发\n").unwrap();
        let merged = merge(&a, b);
        assert_eq!(merged.iter().map(|p| p.text.as_str()).collect::<Vec<_>>(), vec!["退款到账一般1-3天", "明天发", "您好"]);
        store.set(KEY, "{broken").unwrap();
        assert!(load(&store).is_err(), "an unreadable library is said, not emptied");
    }
}
