//! The options page's quick-phrase manager: every phrase under its group's heading with its code
//! and how often it was used; add one, edit one in place, delete one (two clicks), move it up or
//! down in its group, rename a group. Each change goes through `phrases` (checked whole, a
//! refusal says why) and is saved at once; the caller reports the outcome. Phrase texts only
//! ever enter the page as text or attribute values.

use crate::web::dom::{append, attr, clear, el, still_armed, text};
use crate::web::storage::WebStore;
use crate::i18n::{ui, Lang, Ui};
use crate::phrases::{self, Phrase};
use wasm_bindgen::{JsCast, JsValue};
use std::cell::{Cell, RefCell};
use web_sys::{Document, Element, HtmlElement};

/// What the manager did with a click: not its control (None), something only drawn (`Ok(None)`),
/// a change saved with what to say (`Ok(Some)`), or a refusal with its reason.
pub type Acted = Option<Result<Option<String>, String>>;

pub struct PhraseList {
    doc: Document,
    lang: Lang,
    add_form: Element,
    groups: Element,
    list: Element,
    /// The phrase being edited: its index and text when the edit began (followed by a redraw).
    editing: RefCell<Option<(usize, String)>>,
    /// The group being renamed.
    renaming: Option<String>,
    /// A phrase whose delete button was clicked once (its text), and when.
    confirming: Option<(String, f64)>,
    /// The control to focus once the list is drawn again (a selector): a keyboard user stays on
    /// the phrase they moved or saved.
    focus: RefCell<Option<String>>,
    /// Whether a redraw keeps what the agent typed in the row or group being edited (not when
    /// the agent just moved to another, or saved).
    carry: Cell<bool>,
}

/// The value of the input, textarea or select matching `selector` under `root`.
fn value_in(root: &Element, selector: &str) -> String {
    root.query_selector(selector).ok().flatten().and_then(|e| js_sys::Reflect::get(&e, &JsValue::from_str("value")).ok()).and_then(|v| v.as_string()).unwrap_or_default()
}

fn set_value(e: &Element, value: &str) {
    let _ = js_sys::Reflect::set(e, &JsValue::from_str("value"), &JsValue::from_str(value));
}

/// A text field (`textarea` for a phrase's text: it may hold line breaks).
fn field(doc: &Document, parent: &Element, action: &str, tag: &str, label: &str, value: &str) -> Element {
    let f = el(doc, tag, &format!("opt-input opt-f-{action}"));
    attr(&f, "data-action", action);
    attr(&f, "aria-label", label);
    attr(&f, "placeholder", label);
    set_value(&f, value);
    append(parent, &f);
    f
}

fn small_button(doc: &Document, parent: &Element, label: &str, action: &str, index: Option<usize>, submit: bool) -> Element {
    let b = text(doc, "button", "opt-button opt-small", label);
    // A form's submit button: Enter in its fields clicks it (the page stops the submission).
    attr(&b, "type", if submit { "submit" } else { "button" });
    attr(&b, "data-action", action);
    if let Some(i) = index {
        attr(&b, "data-index", &i.to_string());
    }
    append(parent, &b);
    b
}


impl PhraseList {
    pub fn build(doc: &Document, section: &Element, lang: Lang) -> PhraseList {
        let add_form = el(doc, "form", "opt-phrase-form opt-phrase-new");
        let group = field(doc, &add_form, "new-phrase-group", "input", ui(lang, Ui::PhraseGroup), "");
        attr(&group, "list", "opt-phrase-groups");
        field(doc, &add_form, "new-phrase-code", "input", ui(lang, Ui::PhraseCode), "");
        field(doc, &add_form, "new-phrase-text", "textarea", ui(lang, Ui::PhraseText), "");
        small_button(doc, &add_form, ui(lang, Ui::PhraseAdd), "add-phrase", None, true);
        append(section, &add_form);
        let groups = el(doc, "datalist", "");
        attr(&groups, "id", "opt-phrase-groups");
        append(section, &groups);
        append(section, &text(doc, "h3", "opt-h3", ui(lang, Ui::PhrasesList)));
        let list = el(doc, "div", "opt-phrase-list");
        append(section, &list);
        PhraseList { doc: doc.clone(), lang, add_form, groups, list, editing: RefCell::new(None), renaming: None, confirming: None, focus: RefCell::new(None), carry: Cell::new(false) }
    }

    /// Draws the library as stored now; what the agent is typing in a row being edited stays.
    pub fn refresh(&self, library: &Result<Vec<Phrase>, String>) {
        let carry = self.carry.replace(true);
        let typed = self.list.query_selector(".opt-phrase[data-editing]").ok().flatten().filter(|_| carry).map(|row| {
            (value_in(&row, "[data-action=phrase-group]"), value_in(&row, "[data-action=phrase-code]"), value_in(&row, "[data-action=phrase-text]"))
        });
        let renamed = self.list.query_selector("[data-action=group-name]").ok().flatten().filter(|_| carry).map(|_| value_in(&self.list, "[data-action=group-name]"));
        // Another page's write redraws the list: the control the agent is on keeps the keys.
        let kept = if self.focus.borrow().is_none() { self.focused() } else { None };
        clear(&self.list);
        clear(&self.groups);
        let list = match library {
            Ok(list) => list,
            Err(e) => {
                append(&self.list, &text(&self.doc, "p", "opt-broken", e));
                return;
            }
        };
        let editing = self.editing.take().and_then(|(i, t)| phrases::locate(list, i, &t).ok().map(|i| (i, t)));
        let editing_at = editing.as_ref().map(|(i, _)| *i);
        self.editing.replace(editing);
        if list.is_empty() {
            append(&self.list, &text(&self.doc, "p", "opt-help", ui(self.lang, Ui::PhrasesEmpty)));
        }
        for (group, members) in phrases::grouped(list) {
            let option = el(&self.doc, "option", "");
            set_value(&option, group);
            append(&self.groups, &option);
            let block = el(&self.doc, "div", "opt-phrase-group");
            attr(&block, "data-group", group);
            append(&block, &self.heading(group, renamed.as_deref()));
            let ul = el(&self.doc, "ul", "opt-phrases-of-group");
            for i in members {
                append(&ul, &if editing_at == Some(i) { self.edit_row(i, &list[i], typed.as_ref()) } else { self.row(i, &list[i]) });
            }
            append(&block, &ul);
            append(&self.list, &block);
        }
        let wanted = self.focus.take().map(|s| (s, None)).or(kept);
        if let Some((selector, selection)) = wanted {
            if let Some(e) = self.list.query_selector(&selector).ok().flatten().and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
                let _ = e.focus();
                if let Some((start, end)) = selection {
                    let _ = js_sys::Reflect::set(&e, &"selectionStart".into(), &start);
                    let _ = js_sys::Reflect::set(&e, &"selectionEnd".into(), &end);
                }
            }
        }
    }

    /// The control in the list that has the keys (a selector that finds it again after a
    /// redraw), with the caret of a text field.
    fn focused(&self) -> Option<(String, Option<(JsValue, JsValue)>)> {
        let active = self.doc.active_element()?;
        if !self.list.contains(Some(&active)) {
            return None;
        }
        let action = active.get_attribute("data-action")?;
        let selector = match active.closest(".opt-phrase").ok().flatten().and_then(|row| row.get_attribute("data-index")) {
            Some(i) => format!(".opt-phrase[data-index=\"{i}\"] [data-action={action}]"),
            None if action == "group-name" => "[data-action=group-name]".into(),
            // A group's rename button: groups are named by the agent, not safe in a selector.
            None => return None,
        };
        let caret = |name: &str| js_sys::Reflect::get(&active, &name.into()).ok().filter(|v| v.as_f64().is_some());
        Some((selector, caret("selectionStart").zip(caret("selectionEnd"))))
    }

    /// A group's heading, with its rename button, or the rename field while renaming.
    fn heading(&self, group: &str, typed: Option<&str>) -> Element {
        let h = el(&self.doc, "div", "opt-phrase-group-head");
        let name = if group.is_empty() { ui(self.lang, Ui::PhraseNoGroup) } else { group };
        if self.renaming.as_deref() == Some(group) {
            let form = el(&self.doc, "form", "opt-phrase-form");
            let input = field(&self.doc, &form, "group-name", "input", ui(self.lang, Ui::PhraseGroup), typed.unwrap_or(group));
            attr(&input, "data-group", group);
            small_button(&self.doc, &form, ui(self.lang, Ui::Save), "save-group", None, true);
            small_button(&self.doc, &form, ui(self.lang, Ui::PhraseCancel), "cancel-phrase", None, false);
            append(&h, &form);
            return h;
        }
        append(&h, &text(&self.doc, "h4", "opt-group-name", name));
        let rename = small_button(&self.doc, &h, ui(self.lang, Ui::GroupRename), "rename-group", None, false);
        attr(&rename, "data-group", group);
        h
    }

    /// One phrase: its text, `/code`, use count, and its buttons.
    fn row(&self, i: usize, p: &Phrase) -> Element {
        let li = self.row_of(i, p);
        append(&li, &text(&self.doc, "span", "opt-phrase-text", &p.text));
        if !p.code.is_empty() {
            append(&li, &text(&self.doc, "code", "opt-phrase-code", &format!("/{}", p.code)));
        }
        append(&li, &text(&self.doc, "span", "opt-phrase-uses", &ui(self.lang, Ui::PhraseUses).replace("{n}", &p.uses.to_string())));
        let tools = el(&self.doc, "span", "opt-phrase-tools");
        for (label, action) in [(Ui::PhraseUp, "phrase-up"), (Ui::PhraseDown, "phrase-down"), (Ui::PhraseEdit, "edit-phrase")] {
            small_button(&self.doc, &tools, ui(self.lang, label), action, Some(i), false);
        }
        let armed = self.confirming.as_ref().is_some_and(|(t, at)| *t == p.text && still_armed(*at));
        let label = ui(self.lang, if armed { Ui::PhraseDeleteConfirm } else { Ui::PhraseDelete });
        let delete = small_button(&self.doc, &tools, label, "delete-phrase", Some(i), false);
        delete.class_list().add_1("opt-danger").expect("a class");
        if armed {
            attr(&delete, "data-confirm", "");
        }
        append(&li, &tools);
        li
    }

    fn row_of(&self, i: usize, p: &Phrase) -> Element {
        let li = el(&self.doc, "li", "opt-phrase");
        attr(&li, "data-index", &i.to_string());
        attr(&li, "data-code", &p.code);
        attr(&li, "data-uses", &p.uses.to_string());
        li
    }

    /// A phrase being edited: its fields (what the agent typed so far, if drawn again), save and
    /// cancel.
    fn edit_row(&self, i: usize, p: &Phrase, typed: Option<&(String, String, String)>) -> Element {
        let li = self.row_of(i, p);
        attr(&li, "data-editing", "");
        let form = el(&self.doc, "form", "opt-phrase-form");
        let shown = typed.map_or_else(|| p.clone(), |(g, c, t)| Phrase { group: g.clone(), code: c.clone(), text: t.clone(), uses: p.uses });
        let group = field(&self.doc, &form, "phrase-group", "input", ui(self.lang, Ui::PhraseGroup), &shown.group);
        attr(&group, "list", "opt-phrase-groups");
        field(&self.doc, &form, "phrase-code", "input", ui(self.lang, Ui::PhraseCode), &shown.code);
        field(&self.doc, &form, "phrase-text", "textarea", ui(self.lang, Ui::PhraseText), &shown.text);
        small_button(&self.doc, &form, ui(self.lang, Ui::Save), "save-phrase", Some(i), true);
        small_button(&self.doc, &form, ui(self.lang, Ui::PhraseCancel), "cancel-phrase", Some(i), false);
        append(&li, &form);
        li
    }

    /// Handles a click on one of the manager's controls, saving any change in `store`.
    pub fn act(&mut self, action: &str, target: &Element, store: &mut WebStore) -> Acted {
        let index = || target.get_attribute("data-index").and_then(|i| i.parse::<usize>().ok());
        let lang = self.lang;
        let said = |key: Ui| Ok(Some(ui(lang, key).to_string()));
        let button = |action: &str, i: usize| format!("[data-action={action}][data-index=\"{i}\"]");
        Some(match action {
            "edit-phrase" | "cancel-phrase" | "rename-group" => {
                let list = phrases::load(store);
                self.editing.replace(None);
                self.renaming = None;
                self.carry.set(false);
                if action == "edit-phrase" {
                    self.editing.replace(index().and_then(|i| Some((i, list.ok()?.get(i)?.text.clone()))));
                    self.focus.replace(index().map(|i| format!(".opt-phrase[data-index=\"{i}\"] [data-action=phrase-text]")));
                } else if action == "rename-group" {
                    self.renaming = target.get_attribute("data-group");
                    self.focus.replace(Some("[data-action=group-name]".into()));
                } else {
                    self.focus.replace(index().map(|i| button("edit-phrase", i)));
                }
                Ok(None)
            }
            "add-phrase" => {
                let v = |a: &str| value_in(&self.add_form, &format!("[data-action={a}]"));
                let p = phrases::typed(&v("new-phrase-group"), &v("new-phrase-code"), &v("new-phrase-text"));
                self.change(store, |list| phrases::add(list, p).map(|_| ())).and_then(|()| {
                    // The group stays: the next phrase is often for the same one.
                    for a in ["new-phrase-code", "new-phrase-text"] {
                        if let Some(f) = self.add_form.query_selector(&format!("[data-action={a}]")).ok().flatten() {
                            set_value(&f, "");
                        }
                    }
                    said(Ui::PhraseAdded)
                })
            }
            "save-phrase" => {
                let (Some(row), Some((at, was))) = (target.closest(".opt-phrase").ok().flatten(), self.editing.borrow().clone()) else { return Some(Ok(None)) };
                let v = |a: &str| value_in(&row, &format!("[data-action={a}]"));
                let p = phrases::typed(&v("phrase-group"), &v("phrase-code"), &v("phrase-text"));
                let mut now = at;
                let saved = self.change(store, |list| {
                    now = phrases::update(list, phrases::locate(list, at, &was)?, p)?;
                    Ok(())
                });
                saved.and_then(|()| {
                    self.editing.replace(None);
                    self.carry.set(false);
                    self.focus.replace(Some(button("edit-phrase", now)));
                    said(Ui::PhraseSaved)
                })
            }
            "delete-phrase" => {
                let Some(i) = index() else { return Some(Ok(None)) };
                let text = match phrases::load(store).map(|list| list.get(i).map(|p| p.text.clone())) {
                    Ok(Some(text)) => text,
                    Ok(None) => return Some(Ok(None)),
                    Err(e) => return Some(Err(e)),
                };
                // The first click asks (the button says so); the second, on the same phrase, deletes.
                if !self.confirming.as_ref().is_some_and(|(t, at)| *t == text && still_armed(*at)) {
                    self.confirming = Some((text, js_sys::Date::now()));
                    self.focus.replace(Some(button("delete-phrase", i)));
                    return Some(Ok(None));
                }
                self.confirming = None;
                self.focus.replace(Some(button("edit-phrase", i)));
                self.change(store, |list| phrases::remove(list, phrases::locate(list, i, &text)?).map(|_| ())).and_then(|()| said(Ui::PhraseDeleted))
            }
            "phrase-up" | "phrase-down" => {
                let Some(i) = index() else { return Some(Ok(None)) };
                let mut now = i;
                let moved = self.change(store, |list| {
                    now = if action == "phrase-up" { phrases::move_up(list, i)? } else { phrases::move_down(list, i)? };
                    Ok(())
                });
                self.focus.replace(Some(button(action, now)));
                moved.and_then(|()| said(Ui::PhraseMoved))
            }
            "save-group" => {
                let Some(from) = self.renaming.clone() else { return Some(Ok(None)) };
                let to = value_in(&self.list, "[data-action=group-name]");
                let mut n = 0;
                self.change(store, |list| {
                    n = phrases::rename_group(list, &from, &to)?;
                    Ok(())
                })
                .map(|()| {
                    self.renaming = None;
                    self.carry.set(false);
                    Some(ui(lang, Ui::GroupRenamed).replace("{n}", &n.to_string()))
                })
            }
            _ => return None,
        })
    }

    /// Loads the library, applies `edit` and saves the result; nothing is saved when the edit is
    /// refused or the stored library cannot be read.
    fn change(&self, store: &mut WebStore, edit: impl FnOnce(&mut Vec<Phrase>) -> Result<(), String>) -> Result<(), String> {
        let mut list = phrases::load(store)?;
        edit(&mut list)?;
        phrases::save(store, &list).map_err(|e| e.to_string())
    }
}
