//! Microsoft Graph's changePassword: the request and the meaning of its answer (pure), and the
//! one place that talks to the network (`client`, under `deadline`s).

pub mod challenge;
pub mod client;
pub mod deadline;
pub mod envelope;
pub mod json;
pub mod jwt;
pub mod outcome;
pub mod request;
pub mod retry_after;
pub mod revoke;
