//! The crate's `intent` module, as far as training needs it.
#![allow(dead_code)]

#[path = "../src/intent/features.rs"]
pub mod features;
#[path = "../src/intent/lexicon.rs"]
pub mod lexicon;
#[path = "../src/intent/model.rs"]
pub mod model;
#[path = "../src/intent/taxonomy.rs"]
pub mod taxonomy;
