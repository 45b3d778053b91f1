//! The panel's state: which chats it has seen, which one is open in the page, which one the
//! agent is looking at, and the buyer's notes. Every change redraws through `View`.

use super::storage::{StorageKind, WebStore};
use super::view::{Chip, View};
use crate::assistant::{Assistant, MessageEvent};
use crate::i18n::{ui, Lang, Ui};
use crate::notes::{BuyerNotes, NotesError, Notebook, StoreError};
use js_sys::{Function, Promise};
use wasm_bindgen::JsValue;
use web_sys::{Document, Element};

#[derive(Debug, Clone, PartialEq)]
pub struct Chat {
    pub conversation: String,
    pub buyer: String,
}

/// Why the page refused an insert, as the content script reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Switched,
    NoInput,
}

pub struct Panel {
    lang: Lang,
    view: View,
    core: Assistant,
    notebook: Notebook<WebStore>,
    site: String,
    chats: Vec<Chat>,
    active: Option<String>,
    viewing: Option<String>,
    /// Whose notes the text box holds (a buyer key), so typing is never overwritten by a redraw.
    notes_for: Option<String>,
    insert: Option<Function>,
}

impl Panel {
    pub fn new(doc: &Document, root: &Element, lang: Lang, core: Assistant, store: WebStore) -> Panel {
        let view = View::build(doc, root, lang);
        let kind = store.kind();
        let label = match kind {
            StorageKind::LocalStorage => Ui::StorageLocal,
            StorageKind::ExtensionStorage => Ui::StorageExtension,
            StorageKind::Memory => Ui::StorageMemory,
        };
        view.storage(ui(lang, label), kind.name());
        let mut panel = Panel {
            lang,
            view,
            core,
            notebook: Notebook::new(store),
            site: "web".into(),
            chats: Vec::new(),
            active: None,
            viewing: None,
            notes_for: None,
            insert: None,
        };
        panel.render();
        panel
    }

    pub fn view(&self) -> &View {
        &self.view
    }

    pub fn storage_kind(&self) -> StorageKind {
        self.notebook.store().kind()
    }

    pub fn set_insert_handler(&mut self, f: Function) {
        self.insert = Some(f);
    }

    /// Notes are kept per site, so the same nickname on two platforms are two buyers.
    pub fn set_site(&mut self, site: &str) {
        self.site = site.to_string();
        self.notes_for = None;
        self.render();
    }

    fn buyer_key(&self, buyer: &str) -> String {
        format!("{}/{}", self.site, buyer)
    }

    fn remember(&mut self, chat: Chat) {
        match self.chats.iter_mut().find(|c| c.conversation == chat.conversation) {
            Some(c) => c.buyer = chat.buyer,
            None => self.chats.push(chat),
        }
    }

    fn chat(&self, conversation: Option<&str>) -> Option<&Chat> {
        let conversation = conversation?;
        self.chats.iter().find(|c| c.conversation == conversation)
    }

    /// The page switched to another chat: the panel follows it.
    pub fn set_active(&mut self, chat: Chat) {
        self.active = Some(chat.conversation.clone());
        self.viewing = Some(chat.conversation.clone());
        self.remember(chat);
        self.view.notice(None, "");
        self.render();
    }

    pub fn on_message(&mut self, event: &MessageEvent) {
        self.remember(Chat { conversation: event.conversation.clone(), buyer: event.buyer.clone() });
        let notes = self.notebook.load(&self.buyer_key(&event.buyer)).ok();
        if self.core.on_message(event, notes.as_ref()).is_some() && self.viewing.is_none() {
            self.viewing = Some(event.conversation.clone());
        }
        self.render();
    }

    /// The agent picked a chip: show that conversation's advice (it may not be the open chat).
    pub fn view_conversation(&mut self, conversation: &str) {
        if self.chat(Some(conversation)).is_some() {
            self.viewing = Some(conversation.to_string());
            self.view.notice(None, "");
            self.render();
        }
    }

    /// The insert request for the viewed conversation's reply `index`: the callback to call with
    /// (conversation, text). The caller calls it after releasing the panel.
    /// `source` names the list the reply is in: the advice's replies or the follow-up's.
    pub fn insert_request(&self, source: &str, index: usize) -> Option<(Function, String, String)> {
        let conversation = self.viewing.clone()?;
        let advice = self.core.advice(&conversation)?;
        let list = match source {
            "follow_up" => &advice.follow_up.as_ref()?.replies,
            _ => &advice.replies,
        };
        Some((self.insert.clone()?, conversation, list.get(index)?.text.clone()))
    }

    /// Raises follow-ups that are due; redraws if any were.
    pub fn tick(&mut self, now_ms: i64) {
        if !self.core.due_follow_ups(now_ms).is_empty() {
            self.render();
        }
    }

    pub fn insert_result(&mut self, ok: bool, refusal: Option<Refusal>) {
        let (message, kind) = match (ok, refusal) {
            (true, _) => (ui(self.lang, Ui::Inserted), "ok"),
            (false, Some(Refusal::NoInput)) => (ui(self.lang, Ui::NotInsertedNoInput), "refused"),
            (false, _) => (ui(self.lang, Ui::NotInsertedSwitched), "refused"),
        };
        self.view.notice(Some(message), kind);
    }

    /// Saves the text box into the viewed buyer's notes. Returns a write still under way, if
    /// the backend finishes later, for the caller to await and report.
    pub fn save_notes(&mut self) -> Option<Promise> {
        let key = self.notes_for.clone()?;
        let text = self.view.notes_text.value();
        let result = self.notebook.load(&key).and_then(|mut notes: BuyerNotes| {
            notes.text = text;
            notes.updated_at = js_sys::Date::now() as i64;
            self.notebook.save(&key, &notes)
        });
        match result {
            Ok(()) => match self.notebook.store().take_pending() {
                Some(write) => Some(write),
                None => {
                    self.saved(Ok(()));
                    None
                }
            },
            Err(e) => {
                self.notes_error(&e);
                None
            }
        }
    }

    /// A background write finished.
    pub fn saved(&mut self, result: Result<(), StoreError>) {
        match result {
            Ok(()) => self.view.notes_status(Some(ui(self.lang, Ui::NotesSaved)), true),
            Err(e) => self.notes_error(&NotesError::Store(e)),
        }
    }

    fn notes_error(&self, e: &NotesError) {
        let message = format!("{}: {e}", ui(self.lang, Ui::NotesNotSaved));
        self.view.notes_status(Some(&message), false);
    }

    fn render(&mut self) {
        let chips: Vec<Chip> = self
            .chats
            .iter()
            .map(|c| Chip {
                conversation: &c.conversation,
                buyer: &c.buyer,
                active: self.active.as_deref() == Some(c.conversation.as_str()),
                viewing: self.viewing.as_deref() == Some(c.conversation.as_str()),
                follow_up_due: self
                    .core
                    .advice(&c.conversation)
                    .and_then(|a| a.follow_up.as_ref())
                    .is_some_and(|f| !f.replies.is_empty()),
            })
            .collect();
        self.view.chats(&chips);
        let viewed = self.chat(self.viewing.as_deref()).cloned();
        let is_open = viewed.is_some() && self.viewing == self.active;
        self.view.buyer(viewed.as_ref().map(|c| c.buyer.as_str()), is_open);
        self.view.advice(viewed.as_ref().and_then(|c| self.core.advice(&c.conversation)));

        let key = viewed.as_ref().map(|c| self.buyer_key(&c.buyer));
        if key != self.notes_for {
            self.notes_for = key.clone();
            match key.map(|k| self.notebook.load(&k)) {
                None => self.view.notes(None),
                Some(Ok(notes)) => self.view.notes(Some(&notes.text)),
                Some(Err(e)) => {
                    // Unreadable notes are shown as an error and never overwritten.
                    self.view.notes(Some(""));
                    self.notes_error(&e);
                    self.notes_for = None;
                }
            }
        }
    }
}

/// An error for the JS side.
pub fn js_error(message: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&message.to_string()).into()
}
