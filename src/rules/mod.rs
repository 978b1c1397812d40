//! Format rules as data, and what is derived from them.

pub mod derive;
pub mod describe;
pub mod numbering;
pub mod ruleset;
pub mod select;
