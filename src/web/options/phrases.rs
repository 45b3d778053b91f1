//! The options page's quick phrases: how many there are, import (CSV as the workbenches export
//! it, or our JSON; taken whole or not at all, every error with its line) and export (CSV), and
//! the manager of the phrases one by one (`phrase_list`).

use crate::web::dom::{append, attr, el, text};
use super::phrase_list::PhraseList;
use crate::web::storage::WebStore;
use crate::i18n::{ui, Lang, Ui};
use crate::phrases;
use web_sys::{Document, Element, HtmlInputElement};

pub struct PhrasesSection {
    summary: Element,
    pub input: HtmlInputElement,
    pub list: PhraseList,
    /// The section's status line (`[data-for="phrases"]`): kept in view at the bottom while the
    /// list scrolls.
    pub status: Element,
}

impl PhrasesSection {
    pub fn build(doc: &Document, page: &Element, lang: Lang, file_input: impl Fn(&Document, &Element, &str, &str) -> HtmlInputElement) -> PhrasesSection {
        let section = el(doc, "section", "opt-phrases");
        append(&section, &text(doc, "h2", "", ui(lang, Ui::Phrases)));
        let summary = el(doc, "p", "opt-summary");
        append(&section, &summary);
        append(&section, &text(doc, "p", "opt-help", ui(lang, Ui::PhrasesHelp)));
        let input = file_input(doc, &section, ui(lang, Ui::PhrasesImport), "phrases");
        for (label, action) in [(Ui::PhrasesImport, "import-phrases"), (Ui::PhrasesExport, "export-phrases"), (Ui::PhrasesExportJson, "export-phrases-json")] {
            super::button(doc, &section, ui(lang, label), action);
        }
        let list = PhraseList::build(doc, &section, lang);
        let status = super::status(doc, &section);
        attr(&status, "data-for", "phrases");
        append(page, &section);
        PhrasesSection { summary, input, list, status }
    }

    pub fn refresh(&self, lang: Lang, store: &WebStore) {
        let library = phrases::load(store);
        let said = match &library {
            Ok(list) => ui(lang, Ui::PhrasesSummary).replace("{n}", &list.len().to_string()),
            Err(e) => e.clone(),
        };
        self.summary.set_text_content(Some(&said));
        self.list.refresh(&library);
    }

    /// Adds an imported file's phrases (CSV, or JSON when it starts with `{`): all or nothing.
    /// `Ok(n)`: n phrases imported; `Err`: what to tell the agent.
    pub fn import(&self, lang: Lang, store: &mut WebStore, text: &str) -> Result<usize, String> {
        let read = if text.trim_start().starts_with('{') { phrases::import_json(text) } else { phrases::import_csv(text) };
        let imported = read.map_err(|e| {
            let lines: Vec<String> = e.errors.iter().map(|(line, why)| ui(lang, Ui::PhrasesLine).replace("{line}", &line.to_string()).replace("{why}", why)).collect();
            format!("{} {}", ui(lang, Ui::PhrasesRefused), lines.join("; "))
        })?;
        let existing = phrases::load(store)?;
        let n = imported.len();
        phrases::save(store, &phrases::merge(&existing, imported)).map_err(|e| e.to_string())?;
        Ok(n)
    }

    /// Downloads the library: CSV (the workbenches' shape), or JSON (ours, with the use counts).
    pub fn export(&self, doc: &Document, store: &WebStore, json: bool) -> Result<(), String> {
        let list = phrases::load(store)?;
        if json {
            crate::web::dom::download(doc, "kefu-phrases.json", "application/json", &phrases::export_json(&list))
        } else {
            crate::web::dom::download(doc, "kefu-phrases.csv", "text/csv", &phrases::export_csv(&list))
        }
    }
}
