//! Text handling for buyer turns: normalisation before classification (and, later, entities).

mod normalize;

pub use normalize::{marker, normalize, Normalized, MAX_INPUT_CHARS};
pub use normalize::marker::is_marker;
