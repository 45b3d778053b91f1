//! The panel's notes actions: the free text saved as it is typed, tags toggled, facts from the
//! chat saved with a click (personal ones with a second, confirming click), the buyer's intents
//! recorded in their history. Every save reports its outcome; nothing fails silently.

use super::{Chat, Panel};
use crate::i18n::{ui, Ui};
use crate::intent::Intent;
use super::super::dom::still_armed;
use super::super::storage::{Changes, WebStore};
use crate::notes::{accept, BuyerNotes, NoteField, Notebook, NotesError, StoreError};
use crate::shop::time::add_minutes;
use js_sys::Promise;

impl Panel {
    /// Loads, changes and saves the notes of `key`; returns a write still under way (extension
    /// storage finishes later) for the caller to await and report.
    fn change_notes(&mut self, key: &str, change: impl FnOnce(&mut BuyerNotes) -> Result<(), NotesError>) -> Option<Promise> {
        let result = self.notebook.load(key).and_then(|mut notes| {
            change(&mut notes)?;
            notes.updated_at = js_sys::Date::now() as i64;
            self.notebook.save(key, &notes)
        });
        match result {
            Ok(()) => {
                let pending = self.notebook.store().take_pending();
                if pending.is_none() {
                    self.saved(Ok(()));
                }
                pending
            }
            Err(e) => {
                self.notes_error(&e);
                None
            }
        }
    }

    /// Saves the text box into the viewed buyer's notes.
    pub fn save_notes(&mut self) -> Option<Promise> {
        let key = self.notes_for.clone()?;
        let text = self.view.notes.text.value();
        self.shown_text = text.clone();
        self.change_notes(&key, |n| {
            n.text = text;
            Ok(())
        })
    }

    /// Another page of the extension changed stored entries (or a merge could not be saved):
    /// the viewed buyer's notes are drawn again; the text box follows unless the agent is
    /// typing in it (their next keystroke saves what they see).
    pub fn notes_changed(&mut self, changes: &Changes) {
        let stored = self.notes_for.as_deref().map(Notebook::<WebStore>::storage_key);
        let ours = stored.is_some_and(|k| changes.keys.is_empty() || changes.keys.contains(&k));
        if ours {
            let typing = self.view.notes.text.value() != self.shown_text;
            let viewed = self.chat(self.viewing.as_deref()).cloned();
            self.draw_notes(viewed.as_ref(), !typing);
        }
        // After the redraw, which clears the status line.
        if let Some(error) = &changes.error {
            self.notes_error(&NotesError::Store(error.clone()));
        }
    }

    /// Sets or clears a tag of the viewed buyer.
    pub fn toggle_tag(&mut self, tag: &str) -> Option<Promise> {
        let key = self.notes_for.clone()?;
        let write = self.change_notes(&key, |n| {
            match n.tags.iter().position(|t| t == tag) {
                Some(i) => {
                    n.tags.remove(i);
                }
                None => n.tag(tag),
            }
            Ok(())
        });
        self.render();
        write
    }

    /// Records what the agent typed in the promise box: a promise, or a follow-up due tomorrow.
    pub fn record_promise(&mut self, follow_up: bool) -> Option<Promise> {
        let key = self.notes_for.clone()?;
        let what = self.view.notes.promise_input.value().trim().to_string();
        if what.is_empty() {
            return None;
        }
        let now = js_sys::Date::now() as i64;
        let write = self.change_notes(&key, |n| {
            if follow_up {
                n.follow_up(&what, add_minutes(now, 24 * 60));
            } else {
                n.promise(&what, now);
            }
            Ok(())
        });
        self.view.notes.promise_input.set_value("");
        self.render();
        write
    }

    /// Marks a promise kept or a follow-up done.
    pub fn mark_done(&mut self, kind: &str, index: usize) -> Option<Promise> {
        let key = self.notes_for.clone()?;
        let write = self.change_notes(&key, |n| {
            match kind {
                "promise" => n.promises.get_mut(index).map(|p| p.kept = true),
                _ => n.follow_ups.get_mut(index).map(|f| f.done = true),
            };
            Ok(())
        });
        self.render();
        write
    }

    /// Deletes one field of the viewed buyer's notes (the × next to it); a promise or follow-up
    /// is found again by its text `what` (another page may have changed the list since).
    pub fn forget(&mut self, field: NoteField, what: Option<&str>) -> Option<Promise> {
        let key = self.notes_for.clone()?;
        let write = self.change_notes(&key, |n| {
            if let Some(field) = n.locate(field, what) {
                n.forget(field);
            }
            Ok(())
        });
        if field == NoteField::Text {
            self.view.notes.text.set_value("");
            self.shown_text.clear();
        }
        self.render();
        write
    }

    /// Keeps the viewed buyer's notes past the retention period, or stops keeping them.
    pub fn toggle_pin(&mut self) -> Option<Promise> {
        let key = self.notes_for.clone()?;
        let write = self.change_notes(&key, |n| {
            n.pinned = !n.pinned;
            Ok(())
        });
        self.render();
        write
    }

    /// Deletes the viewed buyer's whole entry: the first click asks, the second deletes.
    pub fn delete_notes(&mut self) -> Option<Promise> {
        let key = self.notes_for.clone()?;
        // The confirming click must follow soon: an old first click does not arm a delete.
        if !self.confirming_delete.is_some_and(still_armed) {
            self.confirming_delete = Some(js_sys::Date::now());
            self.view.notes.confirm_delete(true);
            return None;
        }
        self.confirming_delete = None;
        self.view.notes.confirm_delete(false);
        if let Err(e) = self.notebook.remove(&key) {
            self.notes_error(&e);
            return None;
        }
        self.view.notes.text.set_value("");
        self.shown_text.clear();
        let pending = self.notebook.store().take_pending();
        if pending.is_none() {
            self.saved(Ok(()));
        }
        self.render();
        pending
    }

    /// Saves the fact suggestion `index` of the viewed conversation. A personal fact (phone,
    /// address) takes two clicks: the first asks for confirmation, the second saves.
    pub fn save_fact(&mut self, index: usize) -> Option<Promise> {
        let key = self.notes_for.clone()?;
        let conversation = self.viewing.clone()?;
        let suggestion = self.core.advice(&conversation)?.note_suggestions.get(index)?.clone();
        if suggestion.personal && self.confirming != Some(index) {
            self.confirming = Some(index);
            self.render();
            return None;
        }
        self.confirming = None;
        let write = self.change_notes(&key, |n| accept(n, &suggestion, suggestion.personal));
        self.render();
        write
    }

    /// Adds the buyer's intent to their history, once per message even when the page sends
    /// the visible history again after a reload.
    pub(super) fn record(&mut self, key: &str, notes: Option<&BuyerNotes>, intent: Intent, at: i64) -> Option<Promise> {
        if notes?.history.last().is_some_and(|h| h.at >= at) {
            return None;
        }
        self.change_notes(key, |n| {
            n.record(intent, at);
            Ok(())
        })
    }

    /// A background write finished.
    pub fn saved(&mut self, result: Result<(), StoreError>) {
        match result {
            Ok(()) => self.view.notes.status(Some(ui(self.lang, Ui::NotesSaved)), true),
            Err(e) => self.notes_error(&NotesError::Store(e)),
        }
    }

    /// A failed save, with what the agent can do about it.
    pub(super) fn notes_error(&self, e: &NotesError) {
        let hint = match e {
            NotesError::Store(StoreError::Full) => Some(Ui::HintFull),
            NotesError::Store(StoreError::Denied(_)) => Some(Ui::HintDenied),
            NotesError::Corrupt { .. } => Some(Ui::HintCorrupt),
            _ => None,
        };
        let mut message = format!("{}: {e}", ui(self.lang, Ui::NotesNotSaved));
        if let Some(hint) = hint {
            message.push_str(" · ");
            message.push_str(ui(self.lang, hint));
        }
        self.view.notes.status(Some(&message), false);
    }

    /// Draws the viewed buyer's notes and the facts the chat mentioned that they lack.
    pub(super) fn render_notes(&mut self, viewed: Option<&Chat>) {
        self.draw_notes(viewed, false);
    }

    /// `refill`: put the stored text in the box even for the same buyer.
    fn draw_notes(&mut self, viewed: Option<&Chat>, refill: bool) {
        let key = viewed.map(|c| self.buyer_key(&c.buyer));
        let refill = refill || key != self.notes_for;
        if key != self.notes_for {
            self.confirming = None;
            self.confirming_delete = None;
            self.view.notes.confirm_delete(false);
        }
        self.notes_for = key.clone();
        let notes = match key.map(|k| self.notebook.load(&k)) {
            None => {
                self.view.notes.show(None, true);
                return;
            }
            Some(Ok(notes)) => notes,
            Some(Err(e)) => {
                // Unreadable notes are shown as an error and never overwritten.
                self.view.notes.show(Some(&BuyerNotes::new()), true);
                self.notes_error(&e);
                self.notes_for = None;
                return;
            }
        };
        self.view.notes.show(Some(&notes), refill);
        if refill {
            self.shown_text = notes.text.clone();
        }
        let advice = viewed.and_then(|c| self.core.advice(&c.conversation));
        let found: Vec<_> = advice
            .map(|a| a.note_suggestions.iter().enumerate().filter(|(_, s)| !s.is_held_by(&notes)).collect())
            .unwrap_or_default();
        self.view.notes.found(&found, self.confirming);
    }
}
