//! What to say: reply packs, their slots, choosing the replies for a moment of a conversation,
//! and the after-sale guides that walk the agent through a case step by step.

mod guide;
mod pack;
pub mod learn;
mod select;
pub mod slots;

pub use guide::{Choice, Guide, GuideState, Guides, StepKind, Step, StepView, Steps, Text as GuideText, GUIDE_SLOTS};
pub use pack::{BargainStage, Pack, Reply, Topic, When};
pub use select::{select, FilledReply, Situation};
