//! The crate's `text` module, as far as training needs it.
#[path = "../src/text/normalize.rs"]
pub mod normalize;
