pub mod intent;
pub mod text;
