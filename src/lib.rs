//! A Leptos component that lets a signed-in user change their own password through
//! Microsoft Graph `POST /me/changePassword`, with the host supplying the access token.
//!
//! Three doors to one room: a Leptos app writes [`ChangePassword`]; a web page calls `mount`
//! or writes `<graph-change-password>` (the `js` feature). Pure modules (`policy`, `strength`,
//! `graph::{request, outcome, envelope, challenge}`, `config`, `strings`, `token`) test natively.

pub mod breach;
pub mod change;
pub mod component;
pub mod config;
pub mod graph;
pub mod i18n;
pub mod policy;
pub(crate) mod room;
pub mod strength;
pub mod strings;
pub mod style;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod surfaces;
pub mod token;
pub mod unicode;
#[cfg(target_arch = "wasm32")]
pub mod view;

#[cfg(feature = "js")]
pub mod embed;

pub use component::{ChangePassword, Changed};
pub use graph::outcome::{Failure, FailureKind};
pub use graph::revoke::{SignOutEverywhere, SignedOutEverywhere};
pub use token::{GetToken, Reason, TokenError, TokenRequest};

#[cfg(feature = "js")]
pub use embed::mount::{mount, MountHandle};
