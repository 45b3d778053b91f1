//! The options page's section for the shop's own words in the draft check: each word with its
//! category, severity and replacement, added or deleted and saved at once (`check::words`); the
//! panel's check picks them up from storage. Words only ever enter the page as text or values.

use crate::web::dom::{append, attr, clear, el, text};
use super::phrase_list::Acted;
use crate::web::storage::WebStore;
use crate::check::words::{self, OwnWord, CATEGORIES};
use crate::check::Severity;
use crate::i18n::{self, ui, Lang, Ui};
use wasm_bindgen::JsValue;
use web_sys::{Document, Element, HtmlInputElement};

pub struct WordsSection {
    doc: Document,
    lang: Lang,
    summary: Element,
    form: Element,
    list: Element,
    /// The words file to import (our JSON, as exported).
    pub input: HtmlInputElement,
    pub status: Element,
}

const SEVERITIES: [(Severity, &str, Ui); 3] = [(Severity::Block, "block", Ui::SeverityBlock), (Severity::Warn, "warn", Ui::SeverityWarn), (Severity::Hint, "hint", Ui::SeverityHint)];

/// The stored name of a category (`off_platform`).
fn category_name(c: crate::check::Category) -> String {
    serde_json::to_value(c).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
}

fn value_of(e: &Element) -> String {
    js_sys::Reflect::get(e, &JsValue::from_str("value")).ok().and_then(|v| v.as_string()).unwrap_or_default()
}

fn set_value(e: &Element, value: &str) {
    let _ = js_sys::Reflect::set(e, &JsValue::from_str("value"), &JsValue::from_str(value));
}

fn labelled(doc: &Document, form: &Element, action: &str, tag: &str, label: &str) -> Element {
    let f = el(doc, tag, &format!("opt-input opt-f-{action}"));
    attr(&f, "data-action", action);
    attr(&f, "aria-label", label);
    if tag == "input" {
        attr(&f, "placeholder", label);
    }
    append(form, &f);
    f
}

fn option(doc: &Document, select: &Element, value: &str, label: &str) {
    let o = text(doc, "option", "", label);
    set_value(&o, value);
    append(select, &o);
}

impl WordsSection {
    pub fn build(doc: &Document, page: &Element, lang: Lang, file_input: impl Fn(&Document, &Element, &str, &str) -> HtmlInputElement) -> WordsSection {
        let section = el(doc, "section", "opt-words");
        append(&section, &text(doc, "h2", "", ui(lang, Ui::OwnWords)));
        let summary = el(doc, "p", "opt-summary");
        append(&section, &summary);
        append(&section, &text(doc, "p", "opt-help", ui(lang, Ui::OwnWordsHelp)));
        let form = el(doc, "form", "opt-phrase-form opt-word-new");
        labelled(doc, &form, "own-word", "input", ui(lang, Ui::OwnWord));
        let category = labelled(doc, &form, "own-word-category", "select", ui(lang, Ui::OwnWordCategory));
        for c in CATEGORIES {
            option(doc, &category, &category_name(c), i18n::check_category(lang, c));
        }
        let severity = labelled(doc, &form, "own-word-severity", "select", ui(lang, Ui::OwnWordSeverity));
        for (_, name, label) in SEVERITIES {
            option(doc, &severity, name, ui(lang, label));
        }
        labelled(doc, &form, "own-word-replacement", "input", ui(lang, Ui::OwnWordReplacement));
        let add = text(doc, "button", "opt-button opt-small", ui(lang, Ui::OwnWordAdd));
        // Enter in a field clicks it (the page stops the form's submission).
        attr(&add, "type", "submit");
        attr(&add, "data-action", "add-own-word");
        append(&form, &add);
        append(&section, &form);
        let list = el(doc, "ul", "opt-words-list");
        append(&section, &list);
        // The same list on every agent's machine: exported from one, imported on the others.
        let input = file_input(doc, &section, ui(lang, Ui::OwnWordsImport), "words");
        for (label, action) in [(Ui::OwnWordsImport, "import-own-words"), (Ui::OwnWordsExport, "export-own-words")] {
            super::button(doc, &section, ui(lang, label), action);
        }
        let status = super::status(doc, &section);
        attr(&status, "data-for", "words");
        append(page, &section);
        WordsSection { doc: doc.clone(), lang, summary, form, list, input, status }
    }

    pub fn refresh(&self, store: &WebStore) {
        clear(&self.list);
        match words::load(store) {
            Ok(list) => {
                self.summary.set_text_content(Some(&ui(self.lang, Ui::OwnWordsSummary).replace("{n}", &list.len().to_string())));
                for w in &list {
                    append(&self.list, &self.row(w));
                }
            }
            Err(e) => self.summary.set_text_content(Some(&e)),
        }
    }

    /// One word: the word, its category and severity, what replaces it, and a delete button.
    fn row(&self, w: &OwnWord) -> Element {
        let li = el(&self.doc, "li", "opt-word");
        let severity = SEVERITIES.iter().find(|(s, ..)| *s == w.severity).expect("every severity is listed");
        attr(&li, "data-word", &w.word);
        attr(&li, "data-category", &category_name(w.category));
        attr(&li, "data-severity", severity.1);
        append(&li, &text(&self.doc, "span", "opt-word-word", &w.word));
        append(&li, &text(&self.doc, "span", "opt-field", i18n::check_category(self.lang, w.category)));
        append(&li, &text(&self.doc, "span", &format!("opt-field opt-severity-{}", severity.1), ui(self.lang, severity.2)));
        if !w.replacement.is_empty() {
            append(&li, &text(&self.doc, "span", "opt-word-replacement", &format!("→ {}", w.replacement)));
        }
        let delete = text(&self.doc, "button", "opt-button opt-small opt-danger", ui(self.lang, Ui::OwnWordDelete));
        attr(&delete, "type", "button");
        attr(&delete, "data-action", "delete-own-word");
        attr(&delete, "data-word", &w.word);
        append(&li, &delete);
        li
    }

    /// Handles a click on the section's controls, saving any change in `store`.
    pub fn act(&self, action: &str, target: &Element, store: &mut WebStore) -> Acted {
        let field = |a: &str| self.form.query_selector(&format!("[data-action={a}]")).ok().flatten();
        let value = |a: &str| field(a).map(|f| value_of(&f)).unwrap_or_default();
        Some(match action {
            "add-own-word" => {
                let added = words::typed(&value("own-word"), &value("own-word-category"), &value("own-word-severity"), &value("own-word-replacement")).and_then(|w| {
                    let word = w.word.clone();
                    self.change(store, |list| words::add(list, w)).map(|()| word)
                });
                added.map(|word| {
                    for a in ["own-word", "own-word-replacement"] {
                        if let Some(f) = field(a) {
                            set_value(&f, "");
                        }
                    }
                    Some(ui(self.lang, Ui::OwnWordAdded).replace("{word}", &word))
                })
            }
            "delete-own-word" => {
                let Some(word) = target.get_attribute("data-word") else { return Some(Ok(None)) };
                self.change(store, |list| words::remove(list, &word).map(|_| ())).map(|()| Some(ui(self.lang, Ui::OwnWordDeleted).replace("{word}", &word)))
            }
            _ => return None,
        })
    }

    /// Imports a words file, whole or not at all. @returns what to say, or why it was refused
    /// (each bad entry with its number and reason).
    pub fn import(&self, store: &mut WebStore, file: &str) -> Result<String, String> {
        let mut counts = (0, 0);
        self.change(store, |list| {
            counts = words::import(list, file).map_err(|e| e.to_string())?;
            Ok(())
        })?;
        Ok(ui(self.lang, Ui::OwnWordsImported).replace("{added}", &counts.0.to_string()).replace("{changed}", &counts.1.to_string()))
    }

    /// Downloads the words as a file the import (and `kefu check --words`) reads back.
    pub fn export(&self, store: &WebStore) -> Result<(), String> {
        crate::web::dom::download(&self.doc, "kefu-words.json", "application/json", &words::to_json(&words::load(store)?))
    }

    /// Loads the words, applies `edit` and saves; nothing is saved when it is refused or the
    /// stored words cannot be read.
    fn change(&self, store: &mut WebStore, edit: impl FnOnce(&mut Vec<OwnWord>) -> Result<(), String>) -> Result<(), String> {
        let mut list = words::load(store)?;
        edit(&mut list)?;
        words::save(store, &list).map_err(|e| e.to_string())
    }
}
