//! The crate's `text` module, as far as training needs it.
#![allow(dead_code)]
#[path = "../src/text/normalize.rs"]
pub mod normalize;
