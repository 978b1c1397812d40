//! The document model: the schema, the validated document, and the body tree.

pub mod body;
pub mod date;
pub mod document;
pub mod schema;
