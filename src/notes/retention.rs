//! How long notes are kept, and forgetting on request: one field of a buyer's notes, a whole
//! entry, every entry; entries untouched for the retention period go (pinned ones stay).

use super::{BuyerNotes, Notebook, NotesError, NotesStore};

/// Entries untouched for this many days are dropped unless pinned.
pub const DEFAULT_RETENTION_DAYS: u32 = 180;
/// The longest retention the setting takes (ten years).
pub const MAX_RETENTION_DAYS: u32 = 3650;
const RETENTION_KEY: &str = "kefu.settings/retention_days";
const DAY_MS: i64 = 86_400_000;

/// One part of a buyer's notes the agent can delete.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteField {
    Text,
    Tags,
    Height,
    Weight,
    Size,
    Preferences,
    Phone,
    Address,
    Promise(usize),
    FollowUp(usize),
    History,
}

impl NoteField {
    /// From the panel's and options page's `data-field` (and `data-index` for one promise or
    /// follow-up).
    pub fn parse(id: &str, index: Option<usize>) -> Option<NoteField> {
        Some(match (id, index) {
            ("text", _) => NoteField::Text,
            ("tags", _) => NoteField::Tags,
            ("height" | "height_cm", _) => NoteField::Height,
            ("weight" | "weight_kg", _) => NoteField::Weight,
            ("size", _) => NoteField::Size,
            ("preferences", _) => NoteField::Preferences,
            ("phone", _) => NoteField::Phone,
            ("address", _) => NoteField::Address,
            ("promise", Some(i)) => NoteField::Promise(i),
            ("follow_up", Some(i)) => NoteField::FollowUp(i),
            ("history", _) => NoteField::History,
            _ => return None,
        })
    }
}

impl BuyerNotes {
    /// The promise or follow-up the agent clicked, found again by its text: `field`'s index was
    /// drawn from an older copy if another page changed the list since (then the item with that
    /// text, or none). Other fields as they are.
    pub fn locate(&self, field: NoteField, what: Option<&str>) -> Option<NoteField> {
        let Some(what) = what else { return Some(field) };
        let find = |texts: Vec<&str>, i: usize| -> Option<usize> {
            if texts.get(i) == Some(&what) {
                Some(i)
            } else {
                texts.iter().position(|t| *t == what)
            }
        };
        match field {
            NoteField::Promise(i) => find(self.promises.iter().map(|p| p.what.as_str()).collect(), i).map(NoteField::Promise),
            NoteField::FollowUp(i) => find(self.follow_ups.iter().map(|f| f.what.as_str()).collect(), i).map(NoteField::FollowUp),
            other => Some(other),
        }
    }

    /// Deletes one field; false when there was nothing there.
    pub fn forget(&mut self, field: NoteField) -> bool {
        fn take<T>(slot: &mut Option<T>) -> bool {
            slot.take().is_some()
        }
        fn clear<T>(list: &mut Vec<T>) -> bool {
            let had = !list.is_empty();
            list.clear();
            had
        }
        fn remove<T>(list: &mut Vec<T>, i: usize) -> bool {
            (i < list.len()).then(|| list.remove(i)).is_some()
        }
        let f = &mut self.facts;
        match field {
            NoteField::Text => !std::mem::take(&mut self.text).is_empty(),
            NoteField::Tags => clear(&mut self.tags),
            NoteField::Height => take(&mut f.height_cm),
            NoteField::Weight => take(&mut f.weight_kg),
            NoteField::Size => take(&mut f.size),
            NoteField::Preferences => clear(&mut f.preferences),
            NoteField::Phone => take(&mut f.phone),
            NoteField::Address => take(&mut f.address),
            NoteField::Promise(i) => remove(&mut self.promises, i),
            NoteField::FollowUp(i) => remove(&mut self.follow_ups, i),
            NoteField::History => clear(&mut self.history),
        }
    }
}

impl<S: NotesStore> Notebook<S> {
    /// Days an untouched entry is kept: the agent's setting, else `DEFAULT_RETENTION_DAYS`.
    pub fn retention_days(&self) -> u32 {
        self.store
            .get(RETENTION_KEY)
            .ok()
            .flatten()
            .and_then(|s| s.parse().ok())
            .filter(|d| (1..=MAX_RETENTION_DAYS).contains(d))
            .unwrap_or(DEFAULT_RETENTION_DAYS)
    }

    pub fn set_retention_days(&mut self, days: u32) -> Result<(), NotesError> {
        if !(1..=MAX_RETENTION_DAYS).contains(&days) {
            return Err(NotesError::Invalid {
                field: "retention_days".into(),
                reason: format!("keep notes for 1 to {MAX_RETENTION_DAYS} days"),
            });
        }
        Ok(self.store.set(RETENTION_KEY, &days.to_string())?)
    }

    /// Drops every entry untouched (`updated_at`) for longer than the retention, except pinned
    /// ones and entries that cannot be read (those are shown as errors, never deleted unseen).
    /// Returns the buyers dropped.
    pub fn sweep(&mut self, now_ms: i64) -> Result<Vec<String>, NotesError> {
        let cutoff = now_ms.saturating_sub(i64::from(self.retention_days()).saturating_mul(DAY_MS));
        let mut dropped = Vec::new();
        for buyer in self.buyers()? {
            let Ok(notes) = self.load(&buyer) else { continue };
            // An entry of unknown age (written before times were kept, or imported without
            // them) is never dropped for it.
            let touched = last_touched(&notes);
            if !notes.pinned && touched > 0 && touched < cutoff {
                self.remove(&buyer)?;
                dropped.push(buyer);
            }
        }
        Ok(dropped)
    }

    /// Deletes every buyer's notes; returns how many.
    pub fn remove_all(&mut self) -> Result<usize, NotesError> {
        let buyers = self.buyers()?;
        for buyer in &buyers {
            self.remove(buyer)?;
        }
        Ok(buyers.len())
    }
}

/// The newest time an entry shows: its last change, its history, its promises and follow-ups
/// (0: none known).
fn last_touched(n: &BuyerNotes) -> i64 {
    let times = n.history.iter().map(|h| h.at).chain(n.promises.iter().map(|p| p.made_at)).chain(n.follow_ups.iter().map(|f| f.due_at));
    times.fold(n.updated_at, i64::max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intent::Intent;
    use crate::notes::MemoryStore;

    const NOW: i64 = 1_795_320_000_000;

    fn at(days_ago: i64, pinned: bool) -> BuyerNotes {
        BuyerNotes { text: "x".into(), updated_at: NOW - days_ago * DAY_MS, pinned, ..BuyerNotes::new() }
    }

    #[test]
    fn untouched_entries_go_after_the_retention_and_pinned_ones_stay() {
        let mut book = Notebook::new(MemoryStore::new());
        book.save("demo/old", &at(181, false)).unwrap();
        book.save("demo/old-pinned", &at(400, true)).unwrap();
        book.save("demo/recent", &at(179, false)).unwrap();
        book.store_mut().set("kefu.notes/demo/broken", "{not json").unwrap();
        // The earliest builds kept no times: such entries are of unknown age, never too old.
        book.store_mut().set("kefu.notes/demo/ancient", "\"怕吵\"").unwrap();
        // An old entry with a follow-up still ahead is still in use.
        let mut planned = at(400, false);
        planned.follow_up("回访", NOW + DAY_MS);
        book.save("demo/planned", &planned).unwrap();
        assert_eq!(book.retention_days(), DEFAULT_RETENTION_DAYS);
        assert_eq!(book.sweep(NOW).unwrap(), ["demo/old"]);
        assert_eq!(book.buyers().unwrap(), ["demo/ancient", "demo/broken", "demo/old-pinned", "demo/planned", "demo/recent"]);
        // A shorter retention set by the agent.
        book.set_retention_days(30).unwrap();
        assert_eq!(book.sweep(NOW).unwrap(), ["demo/recent"]);
        assert!(book.set_retention_days(0).is_err());
        assert_eq!(book.retention_days(), 30);
        assert_eq!(book.remove_all().unwrap(), 4);
        assert!(book.buyers().unwrap().is_empty());
    }

    #[test]
    fn one_field_is_forgotten_and_the_rest_kept() {
        let mut n = BuyerNotes::new();
        n.text = "VIP".into();
        n.facts.phone = Some("13812345678".into());
        n.facts.address = Some("上海".into());
        n.promise("送角阀", 1);
        n.promise("退差价", 2);
        n.record(Intent::Stock, 3);
        assert!(n.forget(NoteField::Phone));
        assert!(!n.forget(NoteField::Phone), "nothing left to forget");
        assert!(n.forget(NoteField::parse("promise", Some(0)).unwrap()));
        assert_eq!(n.promises.len(), 1);
        assert_eq!(n.promises[0].what, "退差价");
        assert!(!n.forget(NoteField::Promise(5)));
        assert_eq!(n.facts.address.as_deref(), Some("上海"));
        assert_eq!(n.text, "VIP");
        // Drawn from an older copy: index 0 was 送角阀, since removed elsewhere.
        assert_eq!(n.locate(NoteField::Promise(1), Some("退差价")), Some(NoteField::Promise(0)));
        assert_eq!(n.locate(NoteField::Promise(0), Some("送角阀")), None, "already gone: nothing deleted");
        assert_eq!(n.locate(NoteField::Phone, Some("x")), Some(NoteField::Phone));
        assert_eq!(NoteField::parse("promise", None), None);
        assert_eq!(NoteField::parse("nonsense", None), None);
    }
}
