//! The options page's notes manager: how long notes are kept, every buyer's entry found by a
//! search, one field or a whole entry deleted, and "delete all notes" (two clicks). Buyer keys
//! and note texts come from chat pages: they only ever enter the page as text or attributes.

use crate::web::dom::{append, attr, clear, el, still_armed, text};
use crate::web::storage::WebStore;
use crate::i18n::{self, ui, Lang, Ui};
use crate::notes::{BuyerNotes, NoteField, Notebook, NotesError};
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlInputElement};

/// At most this many buyers are listed at once (a search narrows them).
const LISTED: usize = 50;

pub struct NotesManager {
    doc: Document,
    lang: Lang,
    retention: HtmlInputElement,
    search: HtmlInputElement,
    list: Element,
    delete_all: Element,
    /// When "delete all" was clicked once, waiting for the confirming click.
    confirming_all: Option<f64>,
    /// A buyer whose delete button was clicked once, and when.
    confirming_buyer: Option<(String, f64)>,
}

impl NotesManager {
    pub fn build(doc: &Document, parent: &Element, lang: Lang) -> NotesManager {
        let keep = el(doc, "div", "opt-retention");
        append(&keep, &text(doc, "span", "", ui(lang, Ui::RetentionLabel)));
        let retention: HtmlInputElement = el(doc, "input", "opt-retention-days").dyn_into().expect("an input");
        retention.set_type("number");
        retention.set_min("1");
        retention.set_max(&crate::notes::MAX_RETENTION_DAYS.to_string());
        attr(&retention, "data-action", "retention-days");
        append(&keep, &retention);
        append(&keep, &text(doc, "span", "", ui(lang, Ui::RetentionDays)));
        let save = text(doc, "button", "opt-button", ui(lang, Ui::Save));
        attr(&save, "type", "button");
        attr(&save, "data-action", "save-retention");
        append(&keep, &save);
        append(parent, &keep);
        append(parent, &text(doc, "p", "opt-help", ui(lang, Ui::RetentionHelp)));

        let find = el(doc, "div", "opt-find");
        let search: HtmlInputElement = el(doc, "input", "opt-search").dyn_into().expect("an input");
        search.set_type("search");
        search.set_placeholder(ui(lang, Ui::FindBuyer));
        attr(&search, "data-action", "search-buyers");
        append(&find, &search);
        let go = text(doc, "button", "opt-button", ui(lang, Ui::Find));
        attr(&go, "type", "button");
        attr(&go, "data-action", "find-buyers");
        append(&find, &go);
        append(parent, &find);
        let list = el(doc, "ul", "opt-buyers");
        append(parent, &list);

        let delete_all = text(doc, "button", "opt-button opt-danger", ui(lang, Ui::DeleteAllNotes));
        attr(&delete_all, "type", "button");
        attr(&delete_all, "data-action", "delete-all-notes");
        append(parent, &delete_all);
        NotesManager { doc: doc.clone(), lang, retention, search, list, delete_all, confirming_all: None, confirming_buyer: None }
    }

    /// Draws the retention setting and the buyers matching the search.
    pub fn refresh(&self, book: &Notebook<WebStore>) {
        if self.doc.active_element().as_ref() != Some(self.retention.unchecked_ref()) {
            self.retention.set_value(&book.retention_days().to_string());
        }
        clear(&self.list);
        let query = self.search.value().trim().to_lowercase();
        let buyers = book.buyers().unwrap_or_default();
        let matching: Vec<&String> = buyers.iter().filter(|b| query.is_empty() || b.to_lowercase().contains(&query)).collect();
        for buyer in matching.iter().take(LISTED) {
            append(&self.list, &self.row(buyer, book.load(buyer)));
        }
        if matching.len() > LISTED {
            let more = ui(self.lang, Ui::MoreBuyers).replace("{n}", &(matching.len() - LISTED).to_string());
            append(&self.list, &text(&self.doc, "li", "opt-more", &more));
        }
    }

    /// One buyer: their key, what their notes hold (each with a ×), and a delete button.
    fn row(&self, buyer: &str, notes: Result<BuyerNotes, NotesError>) -> Element {
        let li = el(&self.doc, "li", "opt-buyer");
        attr(&li, "data-buyer", buyer);
        append(&li, &text(&self.doc, "span", "opt-buyer-key", buyer));
        match notes {
            Ok(notes) => {
                if notes.pinned {
                    append(&li, &text(&self.doc, "span", "opt-pinned", ui(self.lang, Ui::Pin)));
                }
                for (field, index, label, what) in held(self.lang, &notes) {
                    let chip = text(&self.doc, "span", "opt-field", &label);
                    let x = text(&self.doc, "button", "opt-forget", "×");
                    attr(&x, "type", "button");
                    attr(&x, "data-action", "forget-field");
                    attr(&x, "data-buyer", buyer);
                    attr(&x, "data-field", field);
                    if let Some(i) = index {
                        attr(&x, "data-index", &i.to_string());
                    }
                    if let Some(what) = what {
                        attr(&x, "data-what", what);
                    }
                    attr(&x, "aria-label", ui(self.lang, Ui::Forget));
                    append(&chip, &x);
                    append(&li, &chip);
                }
            }
            Err(e) => append(&li, &text(&self.doc, "span", "opt-broken", &e.to_string())),
        }
        let waiting = self.confirming_buyer.as_ref().is_some_and(|(b, at)| b == buyer && still_armed(*at));
        let label = if waiting { Ui::DeleteNotesConfirm } else { Ui::DeleteNotes };
        let delete = text(&self.doc, "button", "opt-button opt-danger", ui(self.lang, label));
        attr(&delete, "type", "button");
        attr(&delete, "data-action", "delete-buyer");
        attr(&delete, "data-buyer", buyer);
        append(&li, &delete);
        li
    }

    /// The retention the agent typed, saved.
    pub fn save_retention(&self, book: &mut Notebook<WebStore>) -> Result<(), String> {
        let days: u32 = self.retention.value().trim().parse().map_err(|_| ui(self.lang, Ui::RetentionBad).to_string())?;
        book.set_retention_days(days).map_err(|_| ui(self.lang, Ui::RetentionBad).to_string())
    }

    /// Deletes one field of one buyer's notes (a promise or follow-up found again by `what`).
    pub fn forget(&self, book: &mut Notebook<WebStore>, buyer: &str, field: NoteField, what: Option<&str>) -> Result<(), NotesError> {
        let mut notes = book.load(buyer)?;
        let Some(field) = notes.locate(field, what) else { return Ok(()) };
        if notes.forget(field) {
            notes.updated_at = js_sys::Date::now() as i64;
            book.save(buyer, &notes)?;
        }
        Ok(())
    }

    /// Deletes a buyer's entry on the second click; `Ok(false)` after the first.
    pub fn delete_buyer(&mut self, book: &mut Notebook<WebStore>, buyer: &str) -> Result<bool, NotesError> {
        if !self.confirming_buyer.as_ref().is_some_and(|(b, at)| b == buyer && still_armed(*at)) {
            self.confirming_buyer = Some((buyer.to_string(), js_sys::Date::now()));
            return Ok(false);
        }
        self.confirming_buyer = None;
        book.remove(buyer)?;
        Ok(true)
    }

    /// Deletes every buyer's notes on the second click: `Ok(None)` after the first.
    pub fn delete_all(&mut self, book: &mut Notebook<WebStore>) -> Result<Option<usize>, NotesError> {
        if !self.confirming_all.is_some_and(still_armed) {
            self.confirming_all = Some(js_sys::Date::now());
            self.delete_all.set_text_content(Some(ui(self.lang, Ui::DeleteAllNotesConfirm)));
            attr(&self.delete_all, "data-confirm", "");
            return Ok(None);
        }
        self.confirming_all = None;
        self.delete_all.set_text_content(Some(ui(self.lang, Ui::DeleteAllNotes)));
        let _ = self.delete_all.remove_attribute("data-confirm");
        book.remove_all().map(Some)
    }
}

/// What a buyer's notes hold, as (field id, index, label, the item's own text) for the ×
/// buttons.
fn held(lang: Lang, n: &BuyerNotes) -> Vec<(&'static str, Option<usize>, String, Option<&str>)> {
    let mut out = Vec::new();
    if !n.text.is_empty() {
        out.push(("text", None, n.text.chars().take(40).collect(), None));
    }
    if !n.tags.is_empty() {
        out.push(("tags", None, n.tags.join(" "), None));
    }
    let f = &n.facts;
    let facts = [
        f.height_cm.map(crate::notes::Fact::Height),
        f.weight_kg.map(crate::notes::Fact::Weight),
        f.size.clone().map(crate::notes::Fact::Size),
        f.phone.clone().map(crate::notes::Fact::Phone),
        f.address.clone().map(crate::notes::Fact::Address),
    ];
    for fact in facts.into_iter().flatten() {
        out.push((fact.field().id(), None, format!("{} {}", i18n::fact(lang, fact.field()), fact.display()), None));
    }
    if !f.preferences.is_empty() {
        out.push(("preferences", None, f.preferences.join(" "), None));
    }
    for (i, p) in n.promises.iter().enumerate() {
        out.push(("promise", Some(i), format!("{}: {}", ui(lang, Ui::Promises), p.what), Some(p.what.as_str())));
    }
    for (i, p) in n.follow_ups.iter().enumerate() {
        out.push(("follow_up", Some(i), format!("{}: {}", ui(lang, Ui::FollowUps), p.what), Some(p.what.as_str())));
    }
    if !n.history.is_empty() {
        out.push(("history", None, ui(lang, Ui::HistoryCount).replace("{n}", &n.history.len().to_string()), None));
    }
    out
}
