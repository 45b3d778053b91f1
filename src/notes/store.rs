//! Where notes live: a string key-value store, one entry per buyer. The web backends
//! (`localStorage`, `chrome.storage.local`) implement it in `src/web/`; tests use `MemoryStore`.

use std::collections::BTreeMap;
use std::fmt;

/// Why a storage operation failed. Never swallowed: the panel shows it to the agent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The storage quota is used up; the entry was not written.
    Full,
    /// The browser refuses access to this storage (privacy settings, blocked third-party storage).
    Denied(String),
    /// Anything else the backend reported.
    Backend(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Full => f.write_str("storage is full"),
            StoreError::Denied(why) => write!(f, "storage access denied: {why}"),
            StoreError::Backend(why) => write!(f, "storage failed: {why}"),
        }
    }
}

impl std::error::Error for StoreError {}

/// A string key-value store.
pub trait NotesStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&mut self, key: &str) -> Result<(), StoreError>;
    /// All keys starting with `prefix`.
    fn keys(&self, prefix: &str) -> Result<Vec<String>, StoreError>;
}

/// An in-memory store with an optional byte quota, for tests and as a last resort.
#[derive(Debug, Default, Clone)]
pub struct MemoryStore {
    entries: BTreeMap<String, String>,
    quota_bytes: Option<usize>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// A store that reports `Full` once keys and values would exceed `bytes`.
    pub fn with_quota(bytes: usize) -> Self {
        MemoryStore { entries: BTreeMap::new(), quota_bytes: Some(bytes) }
    }

    fn used_without(&self, key: &str) -> usize {
        self.entries.iter().filter(|(k, _)| k.as_str() != key).map(|(k, v)| k.len() + v.len()).sum()
    }
}

impl NotesStore for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.entries.get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        if let Some(quota) = self.quota_bytes {
            if self.used_without(key) + key.len() + value.len() > quota {
                return Err(StoreError::Full);
            }
        }
        self.entries.insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.entries.remove(key);
        Ok(())
    }

    fn keys(&self, prefix: &str) -> Result<Vec<String>, StoreError> {
        Ok(self.entries.range(prefix.to_string()..).map(|(k, _)| k).take_while(|k| k.starts_with(prefix)).cloned().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_store_round_trips_and_lists_by_prefix() {
        let mut s = MemoryStore::new();
        s.set("notes/a", "1").unwrap();
        s.set("notes/b", "2").unwrap();
        s.set("other", "3").unwrap();
        assert_eq!(s.get("notes/a").unwrap().as_deref(), Some("1"));
        assert_eq!(s.keys("notes/").unwrap(), vec!["notes/a", "notes/b"]);
        s.remove("notes/a").unwrap();
        assert_eq!(s.get("notes/a").unwrap(), None);
    }

    #[test]
    fn a_full_store_refuses_and_keeps_what_it_had() {
        let mut s = MemoryStore::with_quota(20);
        s.set("k", "small").unwrap();
        assert_eq!(s.set("k2", &"x".repeat(50)), Err(StoreError::Full));
        assert_eq!(s.get("k").unwrap().as_deref(), Some("small"));
        assert_eq!(s.get("k2").unwrap(), None);
        // Overwriting an entry counts its new size, not old + new.
        s.set("k", "0123456789abcdefghi").unwrap();
    }
}
