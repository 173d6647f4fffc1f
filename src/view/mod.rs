//! The view: the form and its parts. They read the change the mount owns and send events;
//! only `room.rs` renders them, in the browser.

pub mod field;
pub mod form;
pub mod requirements;
pub mod result;
pub mod summary;
