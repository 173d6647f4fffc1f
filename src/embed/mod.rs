//! The doors for web pages (feature `js`): `mount(el, options)` and `<graph-change-password>`.
//! Both render the same [`crate::room::Room`] as the Leptos component; they differ only in how
//! options arrive and in reporting outcomes as DOM events.

pub mod element;
pub mod events;
pub mod mount;

use std::any::Any;
use std::cell::{Cell, RefCell};
use web_sys::Element;

/// A mounted form: its id, the element it lives in, and Leptos' unmount handle.
type Mounted = (u32, Element, Box<dyn Any>);

thread_local! {
    /// Leptos' unmount handles of the mounted forms, by id, with the element each lives in.
    /// They live here, not in the JS handle: a page that drops or never keeps the handle must
    /// not lose the form when the garbage collector frees it.
    static MOUNTED: RefCell<Vec<Mounted>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// Keeps the form mounted in `element` alive until [`release`]; returns its id.
fn keep(element: Element, handle: Box<dyn Any>) -> u32 {
    let id = NEXT_ID.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    MOUNTED.with_borrow_mut(|m| m.push((id, element, handle)));
    id
}

/// The id of the form mounted in `element`, if there is one.
fn mounted_in(element: &Element) -> Option<u32> {
    MOUNTED.with_borrow(|m| {
        m.iter()
            .find(|(_, e, _)| e == element)
            .map(|(id, _, _)| *id)
    })
}

/// Unmounts the form kept under `id`; a second call does nothing.
fn release(id: u32) {
    // Take it out first: dropping it runs Leptos cleanups, which must not find the list borrowed.
    let taken = MOUNTED.with_borrow_mut(|m| {
        m.iter()
            .position(|(i, _, _)| *i == id)
            .map(|i| m.swap_remove(i))
    });
    drop(taken);
}
