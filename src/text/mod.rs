//! Text handling for buyer turns: normalisation before classification (and, later, entities).

pub mod entities;
pub mod normalize;

pub use entities::{extract, Entity, EntityValue};
pub use normalize::{marker, normalize, Normalized, MAX_INPUT_CHARS};
pub use normalize::marker::is_marker;
