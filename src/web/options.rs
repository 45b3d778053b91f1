//! The options page: the shop's data (import the three shop files, or go back to the demo
//! shop), the buyers' notes (export all, import all), the quick phrases and the shop's own words
//! for the draft check. Every outcome is shown; a bad file changes nothing and the message names
//! the file, the line and the reason.

use super::dom::{append, attr, el, text};
use super::options_notes::NotesManager;
use super::options_phrases::PhrasesSection;
use super::options_words::WordsSection;
use super::js_error;
use super::shop_files::{self, Packaged, IMPORTED, KEY_PREFIX};
use super::storage::{self, settle, WebStore};
use crate::i18n::{ui, Lang, Ui};
use crate::notes::{export_all_at, import_all, NoteField, Notebook, NotesStore};
use crate::shop::Shop;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, Element, Event, HtmlInputElement};

struct Options {
    lang: Lang,
    doc: Document,
    packaged: JsValue,
    book: Notebook<WebStore>,
    shop_summary: Element,
    shop_status: Element,
    shop_inputs: Vec<HtmlInputElement>,
    notes_summary: Element,
    notes_status: Element,
    notes_input: HtmlInputElement,
    manager: NotesManager,
    phrases: PhrasesSection,
    words: WordsSection,
}

#[wasm_bindgen(js_name = OptionsPage)]
pub struct OptionsHandle {
    _page: Rc<RefCell<Options>>,
    /// Clicks and form submits anywhere on the page: unregistered when the handle is dropped.
    _listeners: [gloo_events::EventListener; 2],
}

#[wasm_bindgen(js_class = OptionsPage)]
impl OptionsHandle {
    /// Draws the options page into `root`; `files` are the packaged shop files (as for the panel).
    pub async fn create(root: Element, lang: String, files: JsValue) -> Result<OptionsHandle, JsValue> {
        super::set_panic_hook();
        let doc = root.owner_document().ok_or_else(|| js_error("root is not in a document"))?;
        let lang = Lang::from_tag(&lang);
        let opened = storage::open_default().await;
        let book = Notebook::new(opened.store);
        let page = Rc::new(RefCell::new(Options::build(&doc, &root, lang, files, book)));
        // Notes past their retention go when the options page opens too.
        let swept = {
            let mut p = page.borrow_mut();
            p.book.sweep(js_sys::Date::now() as i64).map(|_| p.book.store().take_pending())
        };
        page.borrow().refresh();
        match swept {
            Ok(Some(write)) => report(&Rc::downgrade(&page), Ok(Some(write)), true).await,
            Ok(None) => {}
            Err(e) => {
                let p = page.borrow();
                p.failed(&p.notes_status, &e.to_string());
            }
        }
        if let Some(problem) = opened.problem {
            let p = page.borrow();
            p.failed(&p.notes_status, &problem);
        }
        watch_store(&page);
        let options = gloo_events::EventListenerOptions::enable_prevent_default();
        let clicks = gloo_events::EventListener::new_with_options(&root, "click", options, click_handler(Rc::downgrade(&page)));
        // The managers' fields sit in forms so that Enter clicks their submit button (handled as
        // a click above); the form itself never submits.
        let submits = gloo_events::EventListener::new_with_options(&root, "submit", options, |event| event.prevent_default());
        Ok(OptionsHandle { _page: page, _listeners: [clicks, submits] })
    }
}

fn file_input(doc: &Document, parent: &Element, label: &str, name: &str) -> HtmlInputElement {
    let l = el(doc, "label", "opt-file");
    append(&l, &text(doc, "span", "", label));
    let input: HtmlInputElement = el(doc, "input", "").dyn_into().expect("an input");
    input.set_type("file");
    input.set_accept(".json,application/json");
    attr(&input, "data-file", name);
    attr(&input, "data-action", "choose-file");
    append(&l, &input);
    append(parent, &l);
    input
}

fn button(doc: &Document, parent: &Element, label: &str, action: &str) {
    let b = text(doc, "button", "opt-button", label);
    attr(&b, "type", "button");
    attr(&b, "data-action", action);
    append(parent, &b);
}

fn status(doc: &Document, parent: &Element) -> Element {
    let s = el(doc, "p", "opt-status");
    attr(&s, "role", "status");
    append(parent, &s);
    s
}

impl Options {
    fn build(doc: &Document, root: &Element, lang: Lang, packaged: JsValue, book: Notebook<WebStore>) -> Options {
        super::dom::clear(root);
        let page = el(doc, "main", "kefu-options");
        attr(&page, "lang", lang.tag());
        append(&page, &text(doc, "h1", "", ui(lang, Ui::OptionsTitle)));

        let shop = el(doc, "section", "opt-shop");
        append(&shop, &text(doc, "h2", "", ui(lang, Ui::ShopData)));
        let shop_summary = el(doc, "p", "opt-summary");
        append(&shop, &shop_summary);
        append(&shop, &text(doc, "p", "opt-help", ui(lang, Ui::ShopHelp)));
        let shop_inputs = IMPORTED.iter().map(|name| file_input(doc, &shop, name, name)).collect();
        button(doc, &shop, ui(lang, Ui::ShopImport), "import-shop");
        button(doc, &shop, ui(lang, Ui::ShopReset), "reset-shop");
        let shop_status = status(doc, &shop);
        append(&page, &shop);

        let notes = el(doc, "section", "opt-notes");
        append(&notes, &text(doc, "h2", "", ui(lang, Ui::Notes)));
        let notes_summary = el(doc, "p", "opt-summary");
        append(&notes, &notes_summary);
        append(&notes, &text(doc, "p", "opt-warning", ui(lang, Ui::NotesPersonalWarning)));
        button(doc, &notes, ui(lang, Ui::NotesExport), "export-notes");
        let notes_input = file_input(doc, &notes, ui(lang, Ui::NotesImport), "notes");
        button(doc, &notes, ui(lang, Ui::NotesImport), "import-notes");
        let notes_status = status(doc, &notes);
        let manager = NotesManager::build(doc, &notes, lang);
        append(&page, &notes);
        let phrases = PhrasesSection::build(doc, &page, lang, file_input);
        let words = WordsSection::build(doc, &page, lang);
        append(root, &page);
        Options { lang, doc: doc.clone(), packaged, book, shop_summary, shop_status, shop_inputs, notes_summary, notes_status, notes_input, manager, phrases, words }
    }

    /// Redraws the summaries from what is stored now.
    fn refresh(&self) {
        let lang = self.lang;
        let summary = match shop_files::load(&Packaged(&self.packaged), self.book.store()) {
            Ok((shop, _, _)) => {
                let source = if shop_files::imported(self.book.store()) { ui(lang, Ui::ShopImported) } else { ui(lang, Ui::ShopDemo) };
                let active = shop.active_promotions(js_sys::Date::now() as i64, None).count();
                ui(lang, Ui::ShopSummary)
                    .replace("{shop}", &shop.settings.shop)
                    .replace("{source}", source)
                    .replace("{items}", &shop.catalog.items.len().to_string())
                    .replace("{active}", &active.to_string())
            }
            Err(e) => e,
        };
        self.shop_summary.set_text_content(Some(&summary));
        let buyers = self.book.buyers().map(|b| b.len()).unwrap_or(0);
        self.notes_summary.set_text_content(Some(&ui(lang, Ui::NotesSummary).replace("{n}", &buyers.to_string())));
        self.manager.refresh(&self.book);
        self.phrases.refresh(lang, self.book.store());
        self.words.refresh(self.book.store());
    }

    fn say(&self, target: &Element, message: &str, ok: bool) {
        target.set_text_content(Some(message));
        attr(target, "data-ok", if ok { "true" } else { "false" });
    }

    fn failed(&self, target: &Element, why: &str) {
        self.say(target, &format!("{}: {why}", ui(self.lang, Ui::Failed)), false);
    }

    /// Saves the three shop files if, together, they make a valid shop.
    fn import_shop(&mut self, texts: Vec<String>) -> Outcome {
        if let Err(e) = Shop::from_json(&texts[0], &texts[1], &texts[2]) {
            self.failed(&self.shop_status, &e);
            return Err(());
        }
        let store = self.book.store_mut();
        for (name, text) in IMPORTED.iter().zip(&texts) {
            if let Err(e) = store.set(&format!("{KEY_PREFIX}{name}"), text) {
                self.failed(&self.shop_status, &e.to_string());
                return Err(());
            }
        }
        Ok(self.book.store().take_pending())
    }

    fn reset_shop(&mut self) -> Outcome {
        let store = self.book.store_mut();
        for name in IMPORTED {
            if let Err(e) = store.remove(&format!("{KEY_PREFIX}{name}")) {
                self.failed(&self.shop_status, &e.to_string());
                return Err(());
            }
        }
        Ok(self.book.store().take_pending())
    }

    /// Downloads every note that an import would take back; any entry left out is named in
    /// the status line (`Ok(false)`), so the agent knows this backup is not whole.
    fn export_notes(&self) -> Result<bool, String> {
        let exported = export_all_at(&self.book, js_sys::Date::now() as i64).map_err(|e| e.to_string())?;
        if !exported.skipped.is_empty() {
            let list: Vec<String> = exported.skipped.iter().take(5).map(|s| format!("{:?} ({})", s.buyer.chars().take(40).collect::<String>(), s.reason)).collect();
            let message = ui(self.lang, Ui::NotesExportSkipped)
                .replace("{n}", &exported.skipped.len().to_string())
                .replace("{list}", &list.join("; "));
            self.say(&self.notes_status, &message, false);
        }
        let day = js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default();
        super::dom::download(&self.doc, &format!("kefu-notes-{}.json", &day[..day.len().min(10)]), "application/json", &exported.json)?;
        Ok(exported.skipped.is_empty())
    }

    fn import_notes(&mut self, text: &str) -> Outcome {
        match import_all(&mut self.book, text, js_sys::Date::now() as i64) {
            Ok(summary) => {
                let message = ui(self.lang, Ui::NotesImported)
                    .replace("{added}", &summary.added.to_string())
                    .replace("{replaced}", &summary.replaced.to_string())
                    .replace("{unchanged}", &summary.unchanged.to_string());
                self.say(&self.notes_status, &message, true);
                Ok(self.book.store().take_pending())
            }
            Err(e) => {
                self.failed(&self.notes_status, &e.to_string());
                Err(())
            }
        }
    }
}

/// The text of the file chosen in `input`, if any.
async fn chosen_text(input: &HtmlInputElement) -> Result<Option<String>, String> {
    let Some(file) = input.files().and_then(|f| f.item(0)) else { return Ok(None) };
    let text = JsFuture::from(file.text()).await.map_err(|e| format!("{}: {e:?}", file.name()))?;
    Ok(text.as_string())
}

/// A change: refused (already reported), or accepted with a write that may still be under way.
type Outcome = Result<Option<js_sys::Promise>, ()>;

/// Awaits an accepted change's write and reports it in the notes' or the shop's status line.
async fn report(page: &Weak<RefCell<Options>>, outcome: Outcome, notes: bool) {
    let result = match outcome {
        Err(()) => return,
        Ok(Some(write)) => settle(write).await,
        Ok(None) => Ok(()),
    };
    let Some(page) = page.upgrade() else { return };
    let page = page.borrow();
    let target = if notes { &page.notes_status } else { &page.shop_status };
    match result {
        Ok(()) if notes => {}
        Ok(()) => page.say(target, &format!("{} · {}", ui(page.lang, Ui::ShopSaved), ui(page.lang, Ui::ShopReload)), true),
        Err(e) => page.failed(target, &e.to_string()),
    }
    page.refresh();
}

/// Other pages' writes (a panel recording a message) show here as they happen; when another
/// page moved the notes out of localStorage, this page opens the store again where they are.
fn watch_store(page: &Rc<RefCell<Options>>) {
    let weak = Rc::downgrade(page);
    page.borrow_mut().book.store_mut().watch(Rc::new(move |changes: &storage::Changes| {
        let (weak, changes) = (weak.clone(), changes.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let Some(page) = weak.upgrade() else { return };
            let moved = changes.moved_away_from(page.borrow().book.store().kind());
            if moved {
                let opened = storage::open_default().await;
                page.borrow_mut().book = Notebook::new(opened.store);
                watch_store(&page);
                if let Some(problem) = opened.problem {
                    let p = page.borrow();
                    p.failed(&p.notes_status, &problem);
                }
            }
            let p = page.borrow();
            p.refresh();
            if let Some(e) = changes.error {
                p.failed(&p.notes_status, &e.to_string());
            }
        });
    }));
}

/// Reports a change made in the quick-phrase manager or the shop's words, in that section's own
/// status line: refused (with the reason), or saved once its write settled (a failed write is
/// said, never swallowed); `Ok(None)`: only drawn again.
async fn changed(weak: &Weak<RefCell<Options>>, words: bool, outcome: Result<Option<(String, Option<js_sys::Promise>)>, String>) {
    let result = match outcome {
        Ok(Some((said, Some(write)))) => settle(write).await.map(|()| Some(said)).map_err(|e| e.to_string()),
        other => other.map(|done| done.map(|(said, _)| said)),
    };
    let Some(page) = weak.upgrade() else { return };
    let p = page.borrow();
    let target = if words { &p.words.status } else { &p.phrases.status };
    match result {
        Ok(Some(said)) => p.say(target, &said, true),
        Ok(None) => {}
        Err(why) => p.failed(target, &why),
    }
    p.refresh();
}

/// An attribute of the clicked control.
fn target_attr(target: &Element, name: &str) -> Option<String> {
    target.get_attribute(name)
}

/// Reports a notes change made from the list: refused (shown), or saved with its write awaited.
async fn finish(weak: &Weak<RefCell<Options>>, page: &Rc<RefCell<Options>>, outcome: Result<Option<js_sys::Promise>, crate::notes::NotesError>) {
    match outcome {
        Ok(write) => report(weak, Ok(write), true).await,
        Err(e) => {
            let p = page.borrow();
            p.failed(&p.notes_status, &e.to_string());
            p.refresh();
        }
    }
}

fn click_handler(weak: Weak<RefCell<Options>>) -> impl FnMut(&Event) {
    move |event: &Event| {
        let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
        let Some(event_target) = target.closest("[data-action]").ok().flatten() else { return };
        let Some(action) = event_target.get_attribute("data-action") else { return };
        let weak = weak.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let Some(page) = weak.upgrade() else { return };
            match action.as_str() {
                "import-shop" => {
                    let inputs = page.borrow().shop_inputs.clone();
                    let mut texts = Vec::new();
                    for input in &inputs {
                        match chosen_text(input).await {
                            Ok(Some(t)) => texts.push(t),
                            Ok(None) => {
                                let p = page.borrow();
                                p.failed(&p.shop_status, ui(p.lang, Ui::ShopChooseAll));
                                return;
                            }
                            Err(e) => {
                                let p = page.borrow();
                                p.failed(&p.shop_status, &e);
                                return;
                            }
                        }
                    }
                    let write = page.borrow_mut().import_shop(texts);
                    report(&weak, write, false).await;
                }
                "reset-shop" => {
                    let write = page.borrow_mut().reset_shop();
                    report(&weak, write, false).await;
                }
                "save-retention" => {
                    let outcome = {
                        let mut p = page.borrow_mut();
                        let Options { manager, book, .. } = &mut *p;
                        manager.save_retention(book).map(|()| book.store().take_pending())
                    };
                    match outcome {
                        Ok(write) => {
                            {
                                let p = page.borrow();
                                p.say(&p.notes_status, ui(p.lang, Ui::RetentionSaved), true);
                            }
                            report(&weak, Ok(write), true).await;
                        }
                        Err(e) => {
                            let p = page.borrow();
                            p.failed(&p.notes_status, &e);
                        }
                    }
                }
                "find-buyers" => page.borrow().refresh(),
                "forget-field" => {
                    let index = target_attr(&event_target, "data-index").and_then(|i| i.parse().ok());
                    let field = target_attr(&event_target, "data-field").and_then(|f| NoteField::parse(&f, index));
                    let (Some(buyer), Some(field)) = (target_attr(&event_target, "data-buyer"), field) else { return };
                    let outcome = {
                        let mut p = page.borrow_mut();
                        let Options { manager, book, .. } = &mut *p;
                        manager.forget(book, &buyer, field, target_attr(&event_target, "data-what").as_deref()).map(|()| book.store().take_pending())
                    };
                    finish(&weak, &page, outcome).await;
                }
                "delete-buyer" => {
                    let Some(buyer) = target_attr(&event_target, "data-buyer") else { return };
                    let outcome = {
                        let mut p = page.borrow_mut();
                        let Options { manager, book, .. } = &mut *p;
                        manager.delete_buyer(book, &buyer).map(|done| if done { book.store().take_pending() } else { None })
                    };
                    finish(&weak, &page, outcome).await;
                }
                "delete-all-notes" => {
                    let outcome = {
                        let mut p = page.borrow_mut();
                        let Options { manager, book, .. } = &mut *p;
                        manager.delete_all(book).map(|n| (n, book.store().take_pending()))
                    };
                    match outcome {
                        Ok((Some(n), write)) => {
                            {
                                let p = page.borrow();
                                p.say(&p.notes_status, &ui(p.lang, Ui::NotesDeleted).replace("{n}", &n.to_string()), true);
                            }
                            report(&weak, Ok(write), true).await;
                        }
                        Ok((None, _)) => {}
                        Err(e) => {
                            let p = page.borrow();
                            p.failed(&p.notes_status, &e.to_string());
                        }
                    }
                }
                "export-notes" => {
                    // Storage as it is now, not as this page read it when it opened.
                    let reloader = page.borrow().book.store().reloader();
                    if let Some(reloader) = reloader {
                        if let Err(e) = reloader.run().await {
                            let p = page.borrow();
                            p.failed(&p.notes_status, &e.to_string());
                            return;
                        }
                    }
                    let p = page.borrow();
                    if let Err(e) = p.export_notes() {
                        p.failed(&p.notes_status, &e);
                    }
                }
                "import-phrases" => {
                    let input = page.borrow().phrases.input.clone();
                    match chosen_text(&input).await {
                        Ok(Some(text)) => {
                            let outcome = {
                                let mut p = page.borrow_mut();
                                let lang = p.lang;
                                let Options { phrases, book, .. } = &mut *p;
                                phrases.import(lang, book.store_mut(), &text).map(|n| (n, book.store().take_pending()))
                            };
                            match outcome {
                                Ok((n, write)) => {
                                    {
                                        let p = page.borrow();
                                        p.say(&p.phrases.status, &ui(p.lang, Ui::PhrasesImported).replace("{n}", &n.to_string()), true);
                                    }
                                    page.borrow().refresh();
                                    report(&weak, Ok(write), true).await;
                                }
                                Err(why) => {
                                    let p = page.borrow();
                                    p.say(&p.phrases.status, &why, false);
                                }
                            }
                        }
                        Ok(None) => {
                            let p = page.borrow();
                            p.failed(&p.phrases.status, ui(p.lang, Ui::ChooseFile));
                        }
                        Err(e) => {
                            let p = page.borrow();
                            p.failed(&p.phrases.status, &e);
                        }
                    }
                }
                which @ ("export-phrases" | "export-phrases-json") => {
                    let p = page.borrow();
                    if let Err(e) = p.phrases.export(&p.doc, p.book.store(), which == "export-phrases-json") {
                        p.failed(&p.phrases.status, &e);
                    }
                }
                "import-notes" => {
                    let input = page.borrow().notes_input.clone();
                    match chosen_text(&input).await {
                        Ok(Some(text)) => {
                            let write = page.borrow_mut().import_notes(&text);
                            page.borrow().refresh();
                            report(&weak, write, true).await;
                        }
                        Ok(None) => {
                            let p = page.borrow();
                            p.failed(&p.notes_status, ui(p.lang, Ui::ChooseFile));
                        }
                        Err(e) => {
                            let p = page.borrow();
                            p.failed(&p.notes_status, &e);
                        }
                    }
                }
                _ => {
                    let acted = {
                        let mut p = page.borrow_mut();
                        let Options { phrases, words, book, .. } = &mut *p;
                        let (words, outcome) = match phrases.list.act(&action, &event_target, book.store_mut()) {
                            Some(outcome) => (false, outcome),
                            None => match words.act(&action, &event_target, book.store_mut()) {
                                Some(outcome) => (true, outcome),
                                None => return,
                            },
                        };
                        (words, outcome.map(|said| said.map(|s| (s, book.store().take_pending()))))
                    };
                    changed(&weak, acted.0, acted.1).await;
                }
            }
        });
    }
}
