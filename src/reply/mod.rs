//! What to say: reply packs, their slots, and choosing the replies for a moment of a conversation.

mod pack;
mod select;
pub mod slots;

pub use pack::{BargainStage, Pack, Reply, Topic, When};
pub use select::{select, FilledReply, Situation};
