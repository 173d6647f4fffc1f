//! A Leptos component that lets a signed-in user change their own password through
//! Microsoft Graph `POST /me/changePassword`, with the host supplying the access token.
//!
//! Three doors to one room: a Leptos app writes [`ChangePassword`]; a web page calls `mount`
//! or writes `<graph-change-password>` (the `js` feature). Pure modules (`policy`, `strength`,
//! `graph::{request, outcome, envelope, challenge}`, `config`, `strings`, `token`) test natively.

pub mod component;
pub mod config;
pub mod graph;
pub mod i18n;
pub mod policy;
pub mod strength;
pub mod strings;
pub mod token;
pub mod view;

#[cfg(feature = "js")]
pub mod embed;

pub use component::{ChangePassword, Changed, Failure};
pub use graph::outcome::{FailureKind, SignOutEverywhere};
pub use token::{GetToken, Reason, TokenError, TokenRequest};

#[cfg(feature = "js")]
pub use embed::mount::{mount, MountHandle};
