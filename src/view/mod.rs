//! The view: the form and its parts. They read the change the mount owns and send events;
//! only `room.rs` renders them, in the browser.

pub mod field;
pub mod form;
pub mod requirements;
pub mod result;
pub mod summary;

use std::sync::Arc;

/// A value that follows the change, behind one type per output. Leptos compiles its rendering
/// code once per closure type, so each `move || …` in a view brings its own copy (1–3 kB of
/// wasm); behind `Arc<dyn Fn>` the form's many texts, flags and attribute values share one.
pub type Live<T> = Arc<dyn Fn() -> T + Send + Sync>;

/// See [`Live`].
pub fn live<T>(f: impl Fn() -> T + Send + Sync + 'static) -> Live<T> {
    Arc::new(f)
}
