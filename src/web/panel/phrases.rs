//! Quick phrases in the panel: search as the agent types (text, full pinyin, initials, /code),
//! Enter or a click inserts through the same path as a suggestion (slots such as {shop} filled),
//! and each use is counted.

use super::Panel;
use crate::phrases::{self, Phrase};
use crate::reply::slots;
use js_sys::{Function, Promise};

/// Results shown at most.
const SHOWN: usize = 6;

impl Panel {
    /// The phrases matching what the agent typed in the search box.
    pub fn search_phrases(&mut self, query: &str) {
        let library = match phrases::load(self.notebook.store()) {
            Ok(list) => list,
            Err(e) => {
                self.view.phrases(&[], Some(&e));
                return;
            }
        };
        let hits = phrases::search(&library, query, SHOWN);
        let shown: Vec<Phrase> = hits.iter().map(|h| library[h.index].clone()).collect();
        self.phrase_hits = hits.iter().map(|h| h.index).collect();
        self.view.phrases(&shown, None);
    }

    /// The insert request for result `index` (the first for Enter), its slots filled.
    pub fn phrase_request(&self, index: usize) -> Option<(Function, String, String, String, usize)> {
        let at = *self.phrase_hits.get(index)?;
        let library = phrases::load(self.notebook.store()).ok()?;
        let phrase = library.get(at)?;
        let values = slots::from_settings(&self.core.shop().settings);
        let text = slots::fill(&phrase.text, &values).unwrap_or_else(|| phrase.text.clone());
        // The open chat's buyer: a phrase may be the first thing said, before any advice.
        let conversation = self.viewing.clone()?;
        let buyer = self.chat(Some(&conversation)).map(|c| c.buyer.clone()).or_else(|| self.core.buyer_of(&conversation).map(String::from))?;
        Some((self.insert.clone()?, conversation, text, buyer, at))
    }

    /// Counts a use of the library's phrase `at`.
    pub fn count_phrase_use(&mut self, at: usize) -> Option<Promise> {
        let mut library = phrases::load(self.notebook.store()).ok()?;
        let phrase = library.get_mut(at)?;
        phrase.uses = phrase.uses.saturating_add(1);
        match phrases::save(self.notebook.store_mut(), &library) {
            Ok(()) => self.notebook.store().take_pending(),
            Err(e) => {
                self.notes_error(&e.into());
                None
            }
        }
    }
}
