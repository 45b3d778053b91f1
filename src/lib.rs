pub mod assistant;
pub mod intent;
pub mod notes;
pub mod reply;
pub mod shop;
pub mod text;
