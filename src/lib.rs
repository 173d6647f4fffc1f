//! A Leptos component that lets a signed-in user change their own password through
//! Microsoft Graph `POST /me/changePassword`, with the host page supplying the access token.
//!
//! Pure modules (`policy`, `graph::request`, `graph::outcome`, `config`, `strings`) build and
//! test natively; the browser modules exist only on wasm.

pub mod config;
pub mod graph;
pub mod policy;
pub mod strength;
pub mod strings;
pub mod token;

#[cfg(target_arch = "wasm32")]
pub mod embed;
#[cfg(target_arch = "wasm32")]
pub mod events;
#[cfg(target_arch = "wasm32")]
pub mod field;
#[cfg(target_arch = "wasm32")]
pub mod form;
#[cfg(target_arch = "wasm32")]
pub mod requirements;

#[cfg(target_arch = "wasm32")]
pub use embed::{mount, MountHandle};
