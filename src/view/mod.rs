//! The view: the form and its parts. Only `component.rs` and the JS doors use it.

pub mod field;
pub mod form;
pub mod requirements;
