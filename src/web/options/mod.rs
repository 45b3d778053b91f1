//! The options page: the shop's data (import the three shop files, or go back to the demo
//! shop), the buyers' notes (export all, import all), the quick phrases and the shop's own words
//! for the draft check. Every outcome is shown; a bad file changes nothing and the message names
//! the file, the line and the reason.

mod clicks;
mod notes;
mod phrase_list;
mod phrases;
mod words;

use super::dom::{append, attr, el, text};
use clicks::{click_handler, report};
use notes::NotesManager;
use phrases::PhrasesSection;
use words::WordsSection;
use super::js_error;
use super::shop_files::{self, Packaged, IMPORTED, KEY_PREFIX};
use super::storage::{self, WebStore};
use crate::i18n::{ui, Lang, Ui};
use crate::notes::{export_all_at, import_all, Notebook, NotesStore};
use crate::shop::Shop;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlInputElement};

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
        // Active listeners: their handlers may prevent the default (gloo's are passive otherwise).
        let active = gloo_events::EventListenerOptions::enable_prevent_default();
        let clicks = gloo_events::EventListener::new_with_options(&root, "click", active, click_handler(Rc::downgrade(&page)));
        // The managers' fields sit in forms so that Enter clicks their submit button (handled as
        // a click above); the form itself never submits.
        let submits = gloo_events::EventListener::new_with_options(&root, "submit", active, |event| event.prevent_default());
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

pub(super) fn button(doc: &Document, parent: &Element, label: &str, action: &str) {
    let b = text(doc, "button", "opt-button", label);
    attr(&b, "type", "button");
    attr(&b, "data-action", action);
    append(parent, &b);
}

pub(super) fn status(doc: &Document, parent: &Element) -> Element {
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
        let words = WordsSection::build(doc, &page, lang, file_input);
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

/// A change: refused (already reported), or accepted with a write that may still be under way.
type Outcome = Result<Option<js_sys::Promise>, ()>;

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
