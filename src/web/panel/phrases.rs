//! Quick phrases in the panel: search as the agent types (text, full pinyin, initials, /code),
//! Enter or a click inserts through the same path as a suggestion (slots such as {shop} filled),
//! and each use is counted.

use super::Panel;
use crate::notes::NotesStore;
use crate::phrases::{self, Phrase};
use crate::reply::slots;
use js_sys::{Function, Promise};

/// Results shown at most.
const SHOWN: usize = 6;

/// The library as last read, with each phrase's pinyin: read and spelled again only when the
/// stored entry changed (an import, a use counted), not on every key the agent types.
#[derive(Default)]
pub struct PhraseCache {
    stored: Option<String>,
    phrases: Vec<Phrase>,
    spelled: Vec<(String, String)>,
}

impl Panel {
    /// The library, current with storage.
    fn library(&mut self) -> Result<&PhraseCache, String> {
        let stored = self.notebook.store().get(phrases::KEY).map_err(|e| e.to_string())?;
        if self.phrase_cache.stored != stored {
            let list = phrases::parse_stored(stored.as_deref())?;
            self.phrase_cache = PhraseCache { stored, spelled: phrases::spellings(&list), phrases: list };
        }
        Ok(&self.phrase_cache)
    }

    /// The phrases matching what the agent typed in the search box.
    pub fn search_phrases(&mut self, query: &str) {
        let found = self.library().map(|lib| {
            let hits = phrases::search_spelled(&lib.phrases, &lib.spelled, query, SHOWN);
            let shown: Vec<Phrase> = hits.iter().map(|h| lib.phrases[h.index].clone()).collect();
            (hits.iter().map(|h| h.index).collect::<Vec<_>>(), shown)
        });
        match found {
            Ok((hits, shown)) => {
                self.phrase_hits = hits;
                self.view.phrases(&shown, None);
                self.check_suggestions();
            }
            Err(e) => self.view.phrases(&[], Some(&e)),
        }
    }

    /// The insert request for result `index` (the first for Enter), its slots filled.
    pub fn phrase_request(&self, index: usize) -> Option<(Function, String, String, String, usize)> {
        let at = *self.phrase_hits.get(index)?;
        let phrase = self.phrase_cache.phrases.get(at)?;
        let values = slots::from_settings(&self.core.shop().settings);
        let text = slots::fill(&phrase.text, &values).unwrap_or_else(|| phrase.text.clone());
        // The open chat's buyer: a phrase may be the first thing said, before any advice.
        let conversation = self.viewing.clone()?;
        let buyer = self.chat(Some(&conversation)).map(|c| c.buyer.clone()).or_else(|| self.core.buyer_of(&conversation).map(String::from))?;
        Some((self.insert.clone()?, conversation, text, buyer, at))
    }

    /// Counts a use of the library's phrase `at`.
    pub fn count_phrase_use(&mut self, at: usize) -> Option<Promise> {
        let mut library = self.library().ok()?.phrases.clone();
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
