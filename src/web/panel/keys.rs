//! The keyboard: the browser's shortcuts (the manifest's commands) as the panel carries them out,
//! and the arrow keys between the panel's replies and quick phrases. The page's own keys are
//! never taken: the shortcuts come from the browser, the arrows only while the panel has focus.

use super::Panel;
use crate::i18n::{ui, Ui};
use std::cell::RefCell;
use std::rc::Weak;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, KeyboardEvent};

/// Which suggestion the agent used last in a chat, and the text it put in the box: the next
/// suggestion takes that text's place (if the box still holds it, untouched).
#[derive(Default)]
pub struct Cycle {
    conversation: String,
    at: Option<usize>,
    inserted: Option<String>,
}

impl Cycle {
    /// Where the next (or previous) suggestion of `n` is, from the one used last in this chat.
    fn step(&self, conversation: &str, n: usize, forward: bool) -> Option<usize> {
        if n == 0 {
            return None;
        }
        let at = self.at.filter(|_| self.conversation == conversation);
        Some(match (at, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        })
    }

    pub fn used(&mut self, conversation: &str, at: Option<usize>, text: &str) {
        self.conversation = conversation.to_string();
        self.at = at;
        self.inserted = Some(text.to_string());
    }

    /// The text a next suggestion replaces in this chat's box.
    fn replaces(&self, conversation: &str) -> Option<&str> {
        self.inserted.as_deref().filter(|_| self.conversation == conversation)
    }

    pub fn current(&self, conversation: Option<&str>) -> Option<usize> {
        self.at.filter(|_| conversation == Some(self.conversation.as_str()))
    }
}

/// Carries out a browser shortcut. Nothing is borrowed while a button is clicked: its handler
/// borrows the panel itself.
pub fn command(weak: &Weak<RefCell<Panel>>, name: &str) {
    let Some(panel) = weak.upgrade() else { return };
    match name {
        "focus-panel" => {
            let p = panel.borrow();
            // What the draft check found comes first: its rewrite is then one key (Enter) away.
            let rewrites = p.view.draft_rewrites();
            let list = p.view.suggestions();
            let current = p.keys.current(p.viewing.as_deref());
            match rewrites.first().or(current.and_then(|i| list.get(i))).or(list.first()) {
                Some(b) => focus(b),
                None => focus(&p.view.phrase_search),
            }
        }
        "open-phrases" => {
            let search = panel.borrow().view.phrase_search.clone();
            focus(&search);
            search.select();
        }
        "next-suggestion" => cycle(weak, true),
        "previous-suggestion" => cycle(weak, false),
        _ => {
            let Some(n) = name.strip_prefix("insert-suggestion-").and_then(|n| n.parse::<usize>().ok()) else { return };
            let button = panel.borrow().view.suggestions().get(n.wrapping_sub(1)).cloned();
            match button {
                // The click handler inserts it, learns the pick and marks it in use.
                Some(b) => b.click(),
                None => panel.borrow().none_to_insert(),
            }
        }
    }
}

fn focus(el: &HtmlElement) {
    let _ = el.focus();
}

/// The next (or previous) suggestion goes in; it takes the place of the one the agent used
/// before in this chat if the box still holds that one (the page checks), else at the caret.
fn cycle(weak: &Weak<RefCell<Panel>>, forward: bool) {
    let Some(panel) = weak.upgrade() else { return };
    let picked = {
        let p = panel.borrow();
        let list = p.view.suggestions();
        p.viewing.as_deref().and_then(|c| {
            let at = p.keys.step(c, list.len(), forward)?;
            let b = &list[at];
            let index = b.get_attribute("data-index")?.parse().ok()?;
            let request = p.insert_request(&b.get_attribute("data-source").unwrap_or_default(), index)?;
            Some((at, request, p.keys.replaces(c).map(str::to_string)))
        })
    };
    let Some((at, (callback, conversation, text, buyer), replaces)) = picked else {
        panel.borrow().none_to_insert();
        return;
    };
    {
        let mut p = panel.borrow_mut();
        p.keys.used(&conversation, Some(at), &text);
        p.view.mark_suggestions(Some(at));
    }
    let replace = match replaces {
        Some(expected) => {
            let o = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&o, &"expected".into(), &expected.into());
            o.into()
        }
        None => JsValue::UNDEFINED,
    };
    // Called with the panel released: the callback may come straight back.
    let _ = callback.call4(&JsValue::NULL, &conversation.into(), &text.into(), &buyer.into(), &replace);
}

/// The arrow keys inside the panel: up and down between the replies (or the quick phrases
/// found); down from the phrase search to what it found. Enter and Space press the focused
/// button as any button's; Escape folds the panel (panel.js).
pub fn arrows(event: &web_sys::Event) {
    let Some(key) = event.dyn_ref::<KeyboardEvent>() else { return };
    let step: i32 = match key.key().as_str() {
        "ArrowDown" => 1,
        "ArrowUp" => -1,
        _ => return,
    };
    if key.alt_key() || key.ctrl_key() || key.meta_key() || key.is_composing() {
        return;
    }
    let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
    let Some(root) = target.closest(".kefu").ok().flatten() else { return };
    let (selector, from) = if target.matches("button.kefu-reply").unwrap_or(false) {
        ("button.kefu-reply", Some(target.clone()))
    } else if target.matches("button.kefu-phrase").unwrap_or(false) {
        ("button.kefu-phrase", Some(target.clone()))
    } else if target.matches(".kefu-phrase-search").unwrap_or(false) && step > 0 {
        ("button.kefu-phrase", None)
    } else {
        return;
    };
    let list = super::super::dom::all(&root, selector);
    let at = from.and_then(|f| list.iter().position(|b| **b == f));
    let next = match at {
        None => Some(0),
        Some(i) => usize::try_from(i as i32 + step).ok().filter(|&j| j < list.len()),
    };
    if let Some(b) = next.and_then(|j| list.get(j)) {
        event.prevent_default();
        focus(b);
    }
}

impl Panel {
    /// A shortcut asked for a suggestion where there is none: said, not silently ignored.
    fn none_to_insert(&self) {
        self.view.notice(Some(ui(self.lang, Ui::NoSuggestion)), "refused");
    }
}
