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

#[cfg(feature = "panel")]
/// The HTML elements under `root` that match `selector`, in document order.
pub fn all(root: &Element, selector: &str) -> Vec<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    let Ok(list) = root.query_selector_all(selector) else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into().ok()).collect()
}

#[cfg(feature = "panel")]
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

#[cfg(feature = "options")]
/// Saves `text` as a file the browser downloads (a backup, an export).
pub fn download(doc: &Document, filename: &str, mime: &str, text: &str) -> Result<(), String> {
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|e| format!("{e:?}"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| format!("{e:?}"))?;
    let a: web_sys::HtmlAnchorElement = el(doc, "a", "").dyn_into().map_err(|_| "no anchor".to_string())?;
    a.set_href(&url);
    a.set_download(filename);
    // In the document while clicked: some browsers ignore a click on a detached link.
    if let Some(body) = doc.body() {
        let _ = body.append_child(&a);
    }
    a.click();
    a.remove();
    // Revoked a little later: revoking at once can cancel the download.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000);
    }
    Ok(())
}
