//! Microsoft Graph's changePassword: the request and the meaning of its answer (pure), and on
//! wasm the one place that talks to the network.

pub mod challenge;
pub mod envelope;
pub mod outcome;
pub mod request;

#[cfg(target_arch = "wasm32")]
pub mod client;
#[cfg(target_arch = "wasm32")]
pub mod deadline;
