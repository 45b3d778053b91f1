//! The buyer-notes part of the panel: tags, saved facts, open promises and follow-ups, facts the
//! chat mentioned (offered for saving, personal ones only after a second, confirming click),
//! and the free text. Text only ever enters through `textContent` or attribute values.

use crate::web::dom::{append, attr, clear, el, show, text};
use crate::i18n::{self, ui, Lang, Ui};
use crate::notes::{BuyerNotes, Fact, NoteSuggestion};
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlInputElement, HtmlTextAreaElement};

/// Tags an agent sets with one click.
pub const PRESET_TAGS: &[&str] = &["老客户", "VIP", "难缠"];

pub struct NotesView {
    doc: Document,
    lang: Lang,
    section: Element,
    tags: Element,
    facts: Element,
    open: Element,
    found: Element,
    pub promise_input: HtmlInputElement,
    pub text: HtmlTextAreaElement,
    status: Element,
    pin: Element,
    delete: Element,
}

impl NotesView {
    pub fn build(doc: &Document, parent: &Element, lang: Lang) -> NotesView {
        let section = el(doc, "section", "kefu-notes");
        let head = el(doc, "div", "kefu-notes-head");
        append(&head, &text(doc, "h2", "kefu-h", ui(lang, Ui::Notes)));
        let pin = text(doc, "button", "kefu-small kefu-pin", ui(lang, Ui::Pin));
        attr(&pin, "type", "button");
        attr(&pin, "data-action", "pin");
        attr(&pin, "title", ui(lang, Ui::PinTitle));
        append(&head, &pin);
        let delete = text(doc, "button", "kefu-small kefu-delete-notes", ui(lang, Ui::DeleteNotes));
        attr(&delete, "type", "button");
        attr(&delete, "data-action", "delete-notes");
        append(&head, &delete);
        append(&section, &head);
        let part = |class: &str| {
            let e = el(doc, "div", class);
            append(&section, &e);
            e
        };
        let (tags, facts, open, found) = (part("kefu-tags"), part("kefu-facts"), part("kefu-open-items"), part("kefu-found"));
        let promise_row = part("kefu-promise-row");
        let promise_input: HtmlInputElement = el(doc, "input", "kefu-promise-input").dyn_into().expect("an input");
        promise_input.set_placeholder(ui(lang, Ui::PromisePlaceholder));
        promise_input.set_max_length(200);
        attr(&promise_input, "data-action", "promise-text");
        append(&promise_row, &promise_input);
        for (label, action) in [(Ui::RecordPromise, "promise"), (Ui::RemindTomorrow, "remind")] {
            let b = text(doc, "button", "kefu-small", ui(lang, label));
            attr(&b, "type", "button");
            attr(&b, "data-action", action);
            append(&promise_row, &b);
        }
        let text_box: HtmlTextAreaElement = el(doc, "textarea", "kefu-notes-text").dyn_into().expect("a textarea");
        text_box.set_placeholder(ui(lang, Ui::NotesPlaceholder));
        text_box.set_rows(3);
        attr(&text_box, "data-action", "notes-text");
        append(&section, &text_box);
        let status = el(doc, "p", "kefu-notes-status");
        attr(&status, "role", "status");
        append(&section, &status);
        append(parent, &section);
        show(&section, false);
        NotesView { doc: doc.clone(), lang, section, tags, facts, open, found, promise_input, text: text_box, status, pin, delete }
    }

    /// Shows a buyer's notes (or hides the section when no buyer is viewed). `refill` puts the
    /// free text in the box: only when the viewed buyer changed, so typing is never overwritten.
    pub fn show(&self, notes: Option<&BuyerNotes>, refill: bool) {
        show(&self.section, notes.is_some());
        let Some(notes) = notes else { return };
        if refill {
            self.text.set_value(&notes.text);
            self.status(None, true);
        }
        clear(&self.tags);
        let mut tags: Vec<&str> = PRESET_TAGS.to_vec();
        tags.extend(notes.tags.iter().map(String::as_str).filter(|t| !PRESET_TAGS.contains(t)));
        for tag in tags {
            let b = text(&self.doc, "button", "kefu-tag", tag);
            attr(&b, "type", "button");
            attr(&b, "data-action", "tag");
            attr(&b, "data-tag", tag);
            attr(&b, "aria-pressed", if notes.tags.iter().any(|t| t == tag) { "true" } else { "false" });
            append(&self.tags, &b);
        }
        clear(&self.facts);
        let f = &notes.facts;
        let held = [
            f.height_cm.map(Fact::Height),
            f.weight_kg.map(Fact::Weight),
            f.size.clone().map(Fact::Size),
            f.phone.clone().map(Fact::Phone),
            f.address.clone().map(Fact::Address),
        ];
        for fact in held.into_iter().flatten() {
            let label = format!("{} {}", i18n::fact(self.lang, fact.field()), fact.display());
            let chip = text(&self.doc, "span", "kefu-fact", &label);
            append(&chip, &self.forget_button(fact.field().id(), None));
            append(&self.facts, &chip);
        }
        for p in &f.preferences {
            append(&self.facts, &text(&self.doc, "span", "kefu-fact", p));
        }
        clear(&self.open);
        // Open promises and follow-ups; a click marks one done.
        let promises = notes.promises.iter().enumerate().filter(|(_, p)| !p.kept).map(|(i, p)| ("promise", i, p.what.as_str(), None));
        let follow_ups = notes.follow_ups.iter().enumerate().filter(|(_, f)| !f.done).map(|(i, f)| ("follow-up", i, f.what.as_str(), Some(f.due_at)));
        for (kind, index, what, due) in promises.chain(follow_ups) {
            let label = if kind == "promise" { Ui::Promises } else { Ui::FollowUps };
            let when = due.map(|d| {
                let at = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(d as f64));
                format!(" ({}/{} {:02}:{:02})", at.get_month() + 1, at.get_date(), at.get_hours(), at.get_minutes())
            });
            let line = format!("{}: {what}{}", ui(self.lang, label), when.unwrap_or_default());
            let b = text(&self.doc, "button", "kefu-open-item", &line);
            attr(&b, "type", "button");
            attr(&b, "data-action", "done");
            attr(&b, "data-kind", kind);
            attr(&b, "data-index", &index.to_string());
            attr(&b, "title", ui(self.lang, Ui::MarkDone));
            let row = el(&self.doc, "div", "kefu-open-row");
            append(&row, &b);
            let x = self.forget_button(if kind == "promise" { "promise" } else { "follow_up" }, Some(index));
            // Its text too: the index may be stale by the time of the click.
            attr(&x, "data-what", what);
            append(&row, &x);
            append(&self.open, &row);
        }
        attr(&self.pin, "aria-pressed", if notes.pinned { "true" } else { "false" });
    }

    /// A small × that deletes one field (or one promise / follow-up) of the notes.
    fn forget_button(&self, field: &str, index: Option<usize>) -> Element {
        let b = text(&self.doc, "button", "kefu-forget", "×");
        attr(&b, "type", "button");
        attr(&b, "data-action", "forget");
        attr(&b, "data-field", field);
        if let Some(i) = index {
            attr(&b, "data-index", &i.to_string());
        }
        attr(&b, "title", ui(self.lang, Ui::Forget));
        attr(&b, "aria-label", ui(self.lang, Ui::Forget));
        b
    }

    /// The delete button asks once more before it deletes the whole entry.
    pub fn confirm_delete(&self, waiting: bool) {
        let label = if waiting { Ui::DeleteNotesConfirm } else { Ui::DeleteNotes };
        self.delete.set_text_content(Some(ui(self.lang, label)));
        if waiting {
            attr(&self.delete, "data-confirm", "");
        } else {
            let _ = self.delete.remove_attribute("data-confirm");
        }
    }

    /// Facts the chat mentioned that the notes do not hold yet. `confirming` is the index of a
    /// personal fact clicked once and waiting for its confirming click.
    pub fn found(&self, suggestions: &[(usize, &NoteSuggestion)], confirming: Option<usize>) {
        clear(&self.found);
        show(&self.found, !suggestions.is_empty());
        if suggestions.is_empty() {
            return;
        }
        append(&self.found, &text(&self.doc, "p", "kefu-muted", ui(self.lang, Ui::Found)));
        for (i, s) in suggestions {
            let waiting = confirming == Some(*i);
            let label = if waiting {
                format!("{} {}: {}", ui(self.lang, Ui::ConfirmPersonal), i18n::fact(self.lang, s.field), s.value)
            } else {
                format!("{} {} {}", ui(self.lang, Ui::Save), i18n::fact(self.lang, s.field), s.value)
            };
            let b = text(&self.doc, "button", "kefu-suggestion", &label);
            attr(&b, "type", "button");
            attr(&b, "data-action", "save-fact");
            attr(&b, "data-index", &i.to_string());
            attr(&b, "data-field", s.field.id());
            if s.personal {
                attr(&b, "data-personal", "");
            }
            if waiting {
                attr(&b, "data-confirm", "");
            }
            append(&self.found, &b);
        }
    }

    pub fn status(&self, message: Option<&str>, ok: bool) {
        self.status.set_text_content(message);
        attr(&self.status, "data-ok", if ok { "true" } else { "false" });
    }
}
