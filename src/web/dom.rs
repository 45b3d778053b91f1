//! Small DOM helpers. Text only ever goes in through `set_text_content`, never as HTML.

use web_sys::{Document, Element};

/// A new element with a class.
pub fn el(doc: &Document, tag: &str, class: &str) -> Element {
    let e = doc.create_element(tag).expect("valid tag name");
    if !class.is_empty() {
        e.set_class_name(class);
    }
    e
}

/// A new element with a class and text.
pub fn text(doc: &Document, tag: &str, class: &str, content: &str) -> Element {
    let e = el(doc, tag, class);
    e.set_text_content(Some(content));
    e
}

/// Removes every child.
pub fn clear(e: &Element) {
    e.set_text_content(None);
}

pub fn append(parent: &Element, child: &Element) {
    parent.append_child(child).expect("append to a live element");
}

pub fn attr(e: &Element, name: &str, value: &str) {
    e.set_attribute(name, value).expect("valid attribute name");
}

pub fn show(e: &Element, visible: bool) {
    if visible {
        let _ = e.remove_attribute("hidden");
    } else {
        attr(e, "hidden", "");
    }
}

/// How long a first click on a delete button waits for the confirming one (ms): a click much
/// later asks again.
pub const CONFIRM_MS: f64 = 10_000.0;

/// Whether a first click made at `at` (ms) still arms its delete button.
pub fn still_armed(at: f64) -> bool {
    js_sys::Date::now() - at <= CONFIRM_MS
}
