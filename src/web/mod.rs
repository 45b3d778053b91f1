//! The browser side, built as two modules from one crate (cargo features): `panel`, the panel
//! page's `Assistant` handle and its DOM; `options`, the options page. Each page loads only its
//! own code (the panel's module is the one the chat page waits for). Both share the notes
//! storage backends, the DOM helpers and the shop files.

mod dom;
mod shop_files;
pub mod storage;

#[cfg(feature = "panel")]
mod panel;
#[cfg(feature = "panel")]
pub use panel::{check_draft_text, classify_turn, AssistantHandle};

#[cfg(feature = "options")]
mod options;

use wasm_bindgen::prelude::*;

/// Set once: panics show a readable message in the console.
pub(crate) fn set_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(console_error_panic_hook::set_once);
}

/// An error for the JS side.
pub fn js_error(message: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&message.to_string()).into()
}
