//! The panel page's one opaque `Assistant` handle (camelCase methods, errors as JS errors only
//! here): it draws the panel, routes its clicks and keys, and takes the page's messages.

use super::{Chat, Panel, Refusal};
use crate::web::{js_error, set_panic_hook, shop_files, storage};
use crate::assistant::{Assistant, MessageEvent};
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct InsertResult {
    ok: bool,
    #[serde(default)]
    reason: Option<String>,
}

/// The panel: classify → advise → draw, with the buyer's notes.
#[wasm_bindgen(js_name = Assistant)]
pub struct AssistantHandle {
    panel: Rc<RefCell<Panel>>,
    /// Clicks anywhere in the panel, typing in the notes box, the quick-phrase search box
    /// (typing searches, Enter inserts the first found), the arrow keys between replies and
    /// phrases: each unregisters when the handle is dropped.
    _listeners: [gloo_events::EventListener; 5],
}

#[wasm_bindgen(js_class = Assistant)]
impl AssistantHandle {
    /// Draws the panel into `root`, in the interface language of the BCP 47 tag `lang`, for the
    /// shop in `files` (the texts of `catalog.json`, `promotions.json`, `settings.json` and the
    /// reply packs `zh-Hans.json`, `zh-Hant.json`, keyed by those names, and `guides`: an object
    /// of guide file names to their texts), and opens the notes
    /// storage (localStorage, else storage.local). A shop imported on the options page takes the
    /// place of the packaged one. A bad file is an error naming it.
    pub async fn create(root: Element, lang: String, files: JsValue) -> Result<AssistantHandle, JsValue> {
        set_panic_hook();
        let doc = root.owner_document().ok_or_else(|| js_error("root is not in a document"))?;
        let lang = Lang::from_tag(&lang);
        let opened = storage::open_default().await;
        let (shop, pack, guides) = shop_files::load(&shop_files::Packaged(&files), &opened.store).map_err(js_error)?;
        let mut core = Assistant::new(shop, pack, guides).map_err(js_error)?;
        core.set_lang(lang);
        let panel = Rc::new(RefCell::new(Panel::new(&doc, &root, lang, core, opened.store, opened.problem)));
        watch_store(&panel);

        // Active listeners: their handlers may prevent the default (gloo's are passive otherwise).
        let active = gloo_events::EventListenerOptions::enable_prevent_default();
        let clicks = gloo_events::EventListener::new_with_options(&root, "click", active, click_handler(Rc::downgrade(&panel)));
        let notes = panel.borrow().view().notes.text.clone();
        let typed_notes = gloo_events::EventListener::new(&notes, "input", input_handler(Rc::downgrade(&panel)));
        let search = panel.borrow().view().phrase_search.clone();
        let weak = Rc::downgrade(&panel);
        let typed = gloo_events::EventListener::new(&search, "input", move |event| {
            let query = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).map(|i| i.value()).unwrap_or_default();
            if let Some(panel) = weak.upgrade() {
                panel.borrow_mut().search_phrases(&query);
            }
        });
        let weak = Rc::downgrade(&panel);
        let entered = gloo_events::EventListener::new_with_options(&search, "keydown", active, move |event| {
            let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() else { return };
            if key.key() != "Enter" || key.is_composing() {
                return;
            }
            event.prevent_default();
            insert_phrase(&weak, 0);
        });
        let arrows = gloo_events::EventListener::new_with_options(&root, "keydown", active, super::keys::arrows);
        Ok(AssistantHandle { panel, _listeners: [clicks, typed_notes, typed, entered, arrows] })
    }

    /// A browser shortcut the agent pressed (the manifest's commands): `focus-panel`,
    /// `open-phrases`, `insert-suggestion-1`…`-3`, `next-suggestion`, `previous-suggestion`.
    pub fn command(&self, name: String) {
        super::keys::command(&Rc::downgrade(&self.panel), &name);
    }

    /// `callback(conversation, text, buyer, replace)` is called when the agent inserts a reply
    /// (a click, Enter, a shortcut). `replace`, when given, is `{expected}`: the next or
    /// previous suggestion takes the place of that text (the one inserted before it) if the box
    /// still holds it.
    #[wasm_bindgen(js_name = onInsert)]
    pub fn on_insert(&self, callback: js_sys::Function) {
        self.panel.borrow_mut().set_insert_handler(callback);
    }

    /// `callback({conversation, buyer, text, start, end, expected})` is called when the agent
    /// takes a draft finding's rewrite: `text` goes in place of the draft's UTF-16 span
    /// `start..end`, which must still read `expected`.
    #[wasm_bindgen(js_name = onRewrite)]
    pub fn on_rewrite(&self, callback: js_sys::Function) {
        self.panel.borrow_mut().set_rewrite_handler(callback);
    }

    /// The agent's draft in the open chat's reply box changed: `{conversation, buyer, text}`.
    /// It is checked at once and the findings shown (none: the check is hidden).
    #[wasm_bindgen(js_name = checkDraft)]
    pub fn check_draft(&self, draft: JsValue) {
        #[derive(Deserialize, Default)]
        #[serde(default)]
        struct Draft {
            conversation: String,
            buyer: String,
            text: String,
        }
        let d: Draft = serde_wasm_bindgen::from_value(draft).unwrap_or_default();
        self.panel.borrow_mut().check_draft(d.conversation, d.buyer, d.text);
    }

    /// The chat site, so notes are kept per site.
    #[wasm_bindgen(js_name = setSite)]
    pub fn set_site(&self, site: String) {
        self.panel.borrow_mut().set_site(&site);
    }

    /// The page's open chat changed.
    #[wasm_bindgen(js_name = setActive)]
    pub fn set_active(&self, conversation: String, buyer: String) {
        self.panel.borrow_mut().set_active(Chat { conversation, buyer });
    }

    /// A chat message: `{conversation, buyer, from: "buyer"|"agent", text, at, id}`.
    /// A message the page got wrong (a field missing, of the wrong type, out of bounds) is
    /// dropped and counted in the panel's health line; it never stops the panel.
    #[wasm_bindgen(js_name = onMessage)]
    pub fn on_message(&self, event: JsValue) {
        let event = match event_from_js(event) {
            Ok(event) => event,
            Err(why) => return self.panel.borrow_mut().drop_message(&why),
        };
        let write = self.panel.borrow_mut().on_message(&event);
        settle_later(&Rc::downgrade(&self.panel), write);
    }

    /// The page's answer to an insert: `{ok, reason}`, the reason one of "switched",
    /// "no_input", "hidden", "covered", "folded" (refused), or "copied", "copied_check",
    /// "not_copied" (no insertion path worked; the panel's glue tried the clipboard).
    #[wasm_bindgen(js_name = onInsertResult)]
    pub fn on_insert_result(&self, result: JsValue) -> Result<(), JsValue> {
        let r: InsertResult = serde_wasm_bindgen::from_value(result).map_err(|e| js_error(format!("bad insert result: {e}")))?;
        let refusal = r.reason.as_deref().map(Refusal::from_reason);
        self.panel.borrow_mut().insert_result(r.ok, refusal);
        Ok(())
    }

    /// What the page does to the panel frame (`ok` false with "hidden" or "covered"), or that
    /// this panel is not linked to any chat page ("unpaired").
    #[wasm_bindgen(js_name = pageState)]
    pub fn page_state(&self, ok: bool, reason: String) {
        self.panel.borrow_mut().page_state(ok, &reason);
    }

    /// Whether the page is understood, from the content script: `{chat, messages, lastAt,
    /// list, replyBox, dropped, why}` (any field missing or odd reads as "not found" / 0).
    #[wasm_bindgen(js_name = pageHealth)]
    pub fn page_health(&self, health: JsValue) {
        let health: super::PageHealth = serde_wasm_bindgen::from_value(health).unwrap_or_default();
        self.panel.borrow_mut().page_health(health.bounded());
    }

    /// Raises the follow-ups due now and drops notes past their retention (the page calls this
    /// on a timer).
    pub fn tick(&self, now_ms: f64) {
        let write = self.panel.borrow_mut().tick(now_ms as i64);
        settle_later(&Rc::downgrade(&self.panel), write);
    }

    /// Where notes are kept: "localStorage", "storage.local" or "memory".
    #[wasm_bindgen(js_name = storageKind)]
    pub fn storage_kind(&self) -> String {
        self.panel.borrow().storage_kind().name().to_string()
    }
}

/// Classifies one buyer turn on its own (for tools and benchmarks):
/// `{intent, confidence, confident, sentiment, buyer_type}`.
#[wasm_bindgen(js_name = classifyTurn)]
pub fn classify_turn(text: &str) -> Result<JsValue, JsValue> {
    let c = crate::intent::classify(text);
    c.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(js_error)
}

/// Checks one draft on its own (for tools and benchmarks): its findings, as `kefu check` prints
/// them. The checker is built on the first call.
#[wasm_bindgen(js_name = checkDraftText)]
pub fn check_draft_text(text: &str) -> Result<JsValue, JsValue> {
    thread_local! {
        static CHECKER: crate::check::Checker = crate::check::Checker::builtin();
    }
    let findings = CHECKER.with(|c| c.check(text));
    findings.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(js_error)
}

/// Inserts quick-phrase result `index` through the suggestions' path and counts its use.
fn insert_phrase(weak: &Weak<RefCell<Panel>>, index: usize) {
    let Some(panel) = weak.upgrade() else { return };
    let request = panel.borrow().phrase_request(index);
    let Some((callback, conversation, text, buyer, at)) = request else { return };
    let write = panel.borrow_mut().count_phrase_use(at);
    settle_later(weak, write);
    // Called with the panel released: the callback may come straight back.
    let _ = callback.call3(&JsValue::NULL, &conversation.into(), &text.into(), &buyer.into());
}

/// Keeps the panel current with other pages' writes; when another page moved the notes out of
/// localStorage (it refused a write there), the panel opens the store again, where they are now.
fn watch_store(panel: &Rc<RefCell<Panel>>) {
    let weak = Rc::downgrade(panel);
    panel.borrow_mut().watch_store(Rc::new(move |changes: &storage::Changes| {
        // Later, with no borrow of the panel held by whoever wrote.
        let (weak, changes) = (weak.clone(), changes.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let Some(panel) = weak.upgrade() else { return };
            let moved = changes.moved_away_from(panel.borrow().storage_kind());
            if moved {
                let opened = storage::open_default().await;
                panel.borrow_mut().replace_store(opened);
                watch_store(&panel);
            } else {
                panel.borrow_mut().notes_changed(&changes);
            }
        });
    }));
}

/// A message event as the page sent it: `at` may be any number (1.5, 1e20), read as a whole
/// number of milliseconds or refused; the bounds are checked after (`MessageEvent::check`).
fn event_from_js(event: JsValue) -> Result<MessageEvent, String> {
    #[derive(Deserialize)]
    struct Loose {
        conversation: String,
        buyer: String,
        from: crate::assistant::Sender,
        text: String,
        at: f64,
        #[serde(default)]
        id: Option<String>,
    }
    let loose: Loose = serde_wasm_bindgen::from_value(event).map_err(|e| e.to_string())?;
    let at = loose.at;
    if !(at.is_finite() && at.fract() == 0.0 && (0.0..=crate::shop::time::LATEST_MS as f64).contains(&at)) {
        return Err(format!("at: {at} is not a time in whole milliseconds from 1970 to 9999"));
    }
    Ok(MessageEvent { conversation: loose.conversation, buyer: loose.buyer, from: loose.from, text: loose.text, at: at as i64, id: loose.id })
}

/// One click listener for the whole panel: `[data-action]` says what a click means.
fn click_handler(weak: Weak<RefCell<Panel>>) -> impl FnMut(&Event) {
    move |event: &Event| {
        let Some(panel) = weak.upgrade() else { return };
        let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
        let Some(action) = target.closest("[data-action]").ok().flatten() else { return };
        match action.get_attribute("data-action").as_deref() {
            Some("insert") => {
                let index = action.get_attribute("data-index").and_then(|i| i.parse().ok());
                let source = action.get_attribute("data-source").unwrap_or_default();
                let request = index.and_then(|i| panel.borrow().insert_request(&source, i));
                // Which suggestion it was (before a redraw replaces the buttons), for the
                // keyboard's next and previous.
                if let Some((_, conversation, text, _)) = &request {
                    panel.borrow_mut().used_suggestion(&action, conversation, text);
                }
                // The pick is learnt (the reply's place may change on the next draw).
                if let (Some(i), Some(_)) = (index, &request) {
                    let write = panel.borrow_mut().record_pick(&source, i);
                    settle_later(&weak, write);
                }
                // Called with the panel released: the callback may come straight back.
                if let Some((callback, conversation, text, buyer)) = request {
                    let _ = callback.call3(&JsValue::NULL, &conversation.into(), &text.into(), &buyer.into());
                }
            }
            Some("insert-phrase") => {
                if let Some(i) = action.get_attribute("data-index").and_then(|i| i.parse().ok()) {
                    insert_phrase(&weak, i);
                }
            }
            Some(which @ ("pin-reply" | "hide-reply")) => {
                let Some(id) = action.get_attribute("data-reply-id") else { return };
                let write = if which == "pin-reply" { panel.borrow_mut().toggle_pin_reply(&id) } else { panel.borrow_mut().toggle_hide_reply(&id) };
                settle_later(&weak, write);
            }
            Some("reset-learning") => {
                let write = panel.borrow_mut().reset_learning();
                settle_later(&weak, write);
            }
            Some("take-rewrite") => {
                let request = action.get_attribute("data-index").and_then(|i| i.parse().ok()).and_then(|i| panel.borrow().rewrite_request(i));
                if let Some((callback, request)) = request {
                    if let Ok(value) = serde_wasm_bindgen::to_value(&request) {
                        let _ = callback.call1(&JsValue::NULL, &value);
                    }
                }
            }
            Some("view") => {
                if let Some(conversation) = action.get_attribute("data-conversation") {
                    panel.borrow_mut().view_conversation(&conversation);
                }
            }
            Some("guide") => {
                if let Some(option) = action.get_attribute("data-option").and_then(|i| i.parse().ok()) {
                    panel.borrow_mut().guide_choose(option);
                }
            }
            Some("start-guide") => {
                if let Some(guess) = action.get_attribute("data-guess").and_then(|i| i.parse().ok()) {
                    panel.borrow_mut().guide_start(guess);
                }
            }
            Some("tag") => {
                if let Some(tag) = action.get_attribute("data-tag") {
                    let write = panel.borrow_mut().toggle_tag(&tag);
                    settle_later(&weak, write);
                }
            }
            Some(kind @ ("promise" | "remind")) => {
                let write = panel.borrow_mut().record_promise(kind == "remind");
                settle_later(&weak, write);
            }
            Some("done") => {
                let kind = action.get_attribute("data-kind").unwrap_or_default();
                if let Some(index) = action.get_attribute("data-index").and_then(|i| i.parse().ok()) {
                    let write = panel.borrow_mut().mark_done(&kind, index);
                    settle_later(&weak, write);
                }
            }
            Some("forget") => {
                let index = action.get_attribute("data-index").and_then(|i| i.parse().ok());
                let field = action.get_attribute("data-field").and_then(|f| crate::notes::NoteField::parse(&f, index));
                if let Some(field) = field {
                    let what = action.get_attribute("data-what");
                    let write = panel.borrow_mut().forget(field, what.as_deref());
                    settle_later(&weak, write);
                }
            }
            Some("pin") => {
                let write = panel.borrow_mut().toggle_pin();
                settle_later(&weak, write);
            }
            Some("delete-notes") => {
                let write = panel.borrow_mut().delete_notes();
                settle_later(&weak, write);
            }
            Some("save-fact") => {
                if let Some(index) = action.get_attribute("data-index").and_then(|i| i.parse().ok()) {
                    let write = panel.borrow_mut().save_fact(index);
                    settle_later(&weak, write);
                }
            }
            _ => {}
        }
    }
}

/// Typing in the notes box saves at once.
fn input_handler(weak: Weak<RefCell<Panel>>) -> impl FnMut(&Event) {
    move |_event: &Event| {
        let Some(panel) = weak.upgrade() else { return };
        let write = panel.borrow_mut().save_notes();
        settle_later(&weak, write);
    }
}

/// A write that finishes later (extension storage) is awaited and its outcome reported.
fn settle_later(weak: &Weak<RefCell<Panel>>, write: Option<js_sys::Promise>) {
    let Some(write) = write else { return };
    let weak = weak.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let result = storage::settle(write).await;
        if let Some(panel) = weak.upgrade() {
            panel.borrow_mut().saved(result);
        }
    });
}
