//! The panel's state: which chats it has seen, which one is open in the page, which one the
//! agent is looking at, and the buyer's notes. Every change redraws through `View`.

mod draft;
mod draft_view;
mod guide_view;
mod handle;
pub mod keys;
mod learning;
mod notes;
mod notes_view;
mod page_report;
mod phrases;
mod view;

pub use handle::{check_draft_text, classify_turn, AssistantHandle};
pub use page_report::{PageHealth, Refusal};

use super::storage::{OnChange, Opened, StorageKind, WebStore};
use view::{Chip, View};
use crate::assistant::{Assistant, BadEvent, MessageEvent, Sender};
use crate::i18n::{ui, Lang, Ui};
use crate::notes::Notebook;
use js_sys::Function;
use web_sys::{Document, Element};

#[derive(Debug, Clone, PartialEq)]
pub struct Chat {
    pub conversation: String,
    pub buyer: String,
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
    /// A personal fact (index into the viewed advice's suggestions) clicked once, waiting for
    /// the confirming click.
    confirming: Option<usize>,
    insert: Option<Function>,
    /// What the page is doing to the panel frame (hiding or covering it), shown until it stops.
    page_warning: Option<Ui>,
    /// The notes text as last drawn or saved: the box differs from it while the agent types.
    shown_text: String,
    /// Messages from the page dropped as out of bounds here, values the content script refused,
    /// and the last reason.
    dropped: u32,
    page_rejected: u32,
    dropped_why: String,
    /// What went wrong opening the notes storage (a move that failed), kept in view.
    storage_problem: Option<String>,
    /// What the content script last said about the page.
    page: Option<PageHealth>,
    /// When the delete button was clicked once; a next click soon after deletes the viewed
    /// buyer's notes.
    confirming_delete: Option<f64>,
    /// When notes past their retention were last dropped (ms).
    last_sweep: i64,
    /// The live check of the agent's draft.
    draft: draft::DraftCheck,
    /// What the panel learnt of this agent's picks (reply order).
    learned: crate::reply::learn::Learned,
    /// The quick phrases found for the search box (indices into the library).
    phrase_hits: Vec<usize>,
    phrase_cache: phrases::PhraseCache,
    /// The suggestion used last (the keyboard's next and previous step from it).
    keys: keys::Cycle,
}

/// How often the panel drops notes past their retention.
const SWEEP_EVERY_MS: i64 = 3_600_000;

impl Panel {
    /// `problem`: what went wrong opening the notes storage, shown until the page reloads.
    pub fn new(doc: &Document, root: &Element, lang: Lang, core: Assistant, store: WebStore, problem: Option<String>) -> Panel {
        let view = View::build(doc, root, lang);
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
            confirming: None,
            insert: None,
            page_warning: None,
            shown_text: String::new(),
            dropped: 0,
            page_rejected: 0,
            dropped_why: String::new(),
            storage_problem: None,
            page: None,
            confirming_delete: None,
            last_sweep: 0,
            draft: draft::DraftCheck::new(),
            learned: Default::default(),
            phrase_hits: Vec::new(),
            phrase_cache: Default::default(),
            keys: Default::default(),
        };
        panel.load_learned();
        panel.show_storage_kind();
        panel.render();
        panel.storage_problem = problem;
        panel.show_health();
        panel
    }

    /// The store opened again (the notes moved to another backend): drawn from it from now on.
    pub fn replace_store(&mut self, opened: Opened) {
        self.notebook = Notebook::new(opened.store);
        self.show_storage_kind();
        self.notes_for = None;
        self.render();
        self.storage_problem = opened.problem;
        self.show_health();
    }

    fn show_storage_kind(&self) {
        let kind = self.notebook.store().kind();
        let label = match kind {
            StorageKind::LocalStorage => Ui::StorageLocal,
            StorageKind::ExtensionStorage => Ui::StorageExtension,
            StorageKind::Memory => Ui::StorageMemory,
        };
        self.view.storage(ui(self.lang, label), kind.name());
    }

    /// Calls `f` when another page of the extension changes stored notes.
    pub fn watch_store(&mut self, f: OnChange) {
        self.notebook.store_mut().watch(f);
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

    pub fn set_rewrite_handler(&mut self, f: Function) {
        self.draft.set_handler(f);
    }

    /// Checks the agent's draft in the open chat (with the shop's own words as stored now) and
    /// shows what is wrong with it.
    pub fn check_draft(&mut self, conversation: String, buyer: String, text: String) {
        let words = self.shop_words();
        self.draft.check(conversation, buyer, text, words);
        self.view.draft.draw(self.lang, self.draft.text(), self.draft.findings(), self.draft.problem());
    }

    /// The shop's own words for the check, as storage holds them now.
    fn shop_words(&self) -> Result<Option<String>, String> {
        crate::notes::NotesStore::get(self.notebook.store(), crate::check::words::KEY).map_err(|e| e.to_string())
    }

    /// Every suggestion shown (replies, quick phrases found) checked before it is inserted:
    /// one that would cost the shop is marked with what and why.
    fn check_suggestions(&mut self) {
        let buttons = self.view.suggestions_and_phrases();
        if buttons.is_empty() {
            return;
        }
        let words = self.shop_words();
        let texts: Vec<String> = buttons.iter().map(|b| b.text_content().unwrap_or_default()).collect();
        for (b, t) in buttons.iter().zip(&texts) {
            let findings = self.draft.check_suggestion(t, words.clone());
            draft_view::mark_suggestion(self.lang, b, t, &findings);
        }
    }

    /// The rewrite of the draft's finding `index`, to send to the page.
    pub fn rewrite_request(&self, index: usize) -> Option<(Function, draft::Rewrite)> {
        self.draft.rewrite(index)
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
        // The same chat announced again (the page re-rendered it) keeps the last insert's notice.
        let changed = self.active.as_deref() != Some(chat.conversation.as_str());
        self.active = Some(chat.conversation.clone());
        self.viewing = Some(chat.conversation.clone());
        self.remember(chat);
        if changed {
            self.show_page_warning();
        }
        self.render();
    }

    /// Takes a chat message; returns a notes write still under way (the buyer's history), for
    /// the caller to await and report.
    pub fn on_message(&mut self, event: &MessageEvent) -> Option<js_sys::Promise> {
        if let Err(bad) = event.check().and_then(|()| not_in_future(event.at)) {
            self.drop_message(&bad.to_string());
            return None;
        }
        self.remember(Chat { conversation: event.conversation.clone(), buyer: event.buyer.clone() });
        let key = self.buyer_key(&event.buyer);
        let notes = self.notebook.load(&key).ok();
        let mut write = None;
        if let Some(advice) = self.core.on_message(event, notes.as_ref()) {
            if self.viewing.is_none() {
                self.viewing = Some(event.conversation.clone());
            }
            if event.from == Sender::Buyer {
                write = self.record(&key, notes.as_ref(), advice.classification.intent, event.at);
            }
        }
        self.render();
        write
    }

    /// The agent answered the guide's question (or did its step).
    pub fn guide_choose(&mut self, option: usize) {
        let Some(conversation) = self.viewing.clone() else { return };
        if let Err(e) = self.core.guide_choose(&conversation, option) {
            self.view.notice(Some(&e), "refused");
        }
        self.render();
    }

    /// The agent started the guide an unsure turn's guess offers.
    pub fn guide_start(&mut self, guess: usize) {
        let Some(conversation) = self.viewing.clone() else { return };
        if let Err(e) = self.core.guide_start(&conversation, guess) {
            self.view.notice(Some(&e), "refused");
        }
        self.render();
    }

    /// The agent picked a chip: show that conversation's advice (it may not be the open chat).
    pub fn view_conversation(&mut self, conversation: &str) {
        if self.chat(Some(conversation)).is_some() {
            self.viewing = Some(conversation.to_string());
            self.show_page_warning();
            self.render();
        }
    }

    /// The agent used suggestion `button` (a click, or a key that pressed it) for `text`.
    pub fn used_suggestion(&mut self, button: &Element, conversation: &str, text: &str) {
        let at = self.view.suggestions().iter().position(|b| AsRef::<Element>::as_ref(b) == button);
        self.keys.used(conversation, at, text);
        self.view.mark_suggestions(at);
    }

    /// The insert request for the viewed conversation's reply `index`: the callback to call with
    /// (conversation, text, buyer). The caller calls it after releasing the panel.
    /// `source` names the list the reply is in: the advice's replies or the follow-up's.
    pub fn insert_request(&self, source: &str, index: usize) -> Option<(Function, String, String, String)> {
        let conversation = self.viewing.clone()?;
        let advice = self.core.advice(&conversation)?;
        let text = match source {
            "follow_up" => advice.follow_up.as_ref()?.replies.get(index)?.text.clone(),
            "guide" => advice.guide.as_ref()?.view.reply.as_ref()?.text.clone(),
            guess if guess.starts_with("guess-") => {
                let g: usize = guess["guess-".len()..].parse().ok()?;
                advice.guesses.get(g)?.replies.get(index)?.text.clone()
            }
            _ => self.ordered(advice).get(index)?.text.clone(),
        };
        // The buyer whose messages the advice answers goes with it: the page refuses the insert
        // if its open chat is another buyer's, even under a reused conversation id.
        let buyer = self.core.buyer_of(&conversation)?.to_string();
        Some((self.insert.clone()?, conversation, text, buyer))
    }

    /// Raises follow-ups that are due; redraws if any were.
    /// Raises follow-ups due now; once an hour, drops notes past their retention (a write the
    /// caller awaits and reports).
    pub fn tick(&mut self, now_ms: i64) -> Option<js_sys::Promise> {
        if !self.core.due_follow_ups(now_ms).is_empty() {
            self.render();
        }
        if now_ms.saturating_sub(self.last_sweep) < SWEEP_EVERY_MS {
            return None;
        }
        self.last_sweep = now_ms;
        match self.notebook.sweep(now_ms) {
            Ok(dropped) if dropped.is_empty() => None,
            Ok(_) => {
                self.render();
                self.notebook.store().take_pending()
            }
            Err(e) => {
                self.notes_error(&e);
                None
            }
        }
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
        let shown = viewed.as_ref().and_then(|c| self.core.advice(&c.conversation)).map(|a| self.as_shown(a));
        self.view.advice(shown.as_ref());
        self.view.mark_suggestions(self.keys.current(self.viewing.as_deref()));
        self.view.mark_pinned(&self.learned.pinned);
        self.check_suggestions();
        self.view.learned(self.learned != Default::default());
        self.render_notes(viewed.as_ref());
    }
}

/// A message time more than a day ahead of this machine's clock is the page's mistake (or
/// malice): taken, it would stop that buyer's history until then.
fn not_in_future(at: i64) -> Result<(), BadEvent> {
    let now = js_sys::Date::now() as i64;
    if at > crate::shop::time::add_minutes(now, 24 * 60) {
        return Err(BadEvent { field: "at", reason: format!("time {at} is more than a day ahead of this computer's clock") });
    }
    Ok(())
}
