pub mod assistant;
pub mod check;
pub mod i18n;
pub mod intent;
pub mod lint;
pub mod notes;
pub mod phrases;
pub mod reply;
pub mod shop;
pub mod sort;
pub mod text;

#[cfg(target_arch = "wasm32")]
pub mod web;
