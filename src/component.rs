//! `<ChangePassword/>`: the Leptos door. A Leptos app writes it directly; `mount` and
//! `<graph-change-password>` (the `js` feature) render the same [`Room`] with their options.

use crate::change::Report;
use crate::config::{Config, Options};
pub use crate::graph::outcome::Failure;
pub use crate::graph::revoke::{SignOutEverywhere, SignedOutEverywhere};
use crate::room::Room;
use crate::token::GetToken;
use leptos::prelude::*;
use std::rc::Rc;

/// What `on_changed` receives, the moment Graph answers 204.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Changed {
    /// The `client-request-id` the change was sent with.
    pub client_request_id: Option<String>,
    /// Whether the user asked to be signed out everywhere; when `Requested`,
    /// `on_signed_out_everywhere` follows with the result.
    pub sign_out_everywhere: SignOutEverywhere,
}

/// A form that changes the signed-in user's password through Microsoft Graph. It reports
/// through its callbacks only; it fires no DOM events (the JS doors do).
///
/// ```ignore
/// <ChangePassword
///     get_token=|request: TokenRequest| async move { my_auth::graph_token(request).await }
///     on_changed=move |_| set_done.set(true)
/// />
/// ```
#[component]
pub fn ChangePassword(
    /// The access token for Graph, asked afresh for every request with a [`crate::TokenRequest`]
    /// (`reason`, `force_refresh`, `claims`); any `Err` means "sign in again".
    #[prop(into)]
    get_token: GetToken,
    /// Graph's base URL; default `https://graph.microsoft.com/v1.0`.
    #[prop(into, optional)]
    base_url: MaybeProp<String>,
    /// The signed-in user's UPN, so password managers file the new password under it.
    #[prop(into, optional)]
    user_principal_name: MaybeProp<String>,
    /// Send to `/users/{user_id}/changePassword` instead of `/me/changePassword`.
    #[prop(into, optional)]
    user_id: MaybeProp<String>,
    /// How long to wait for the token, and for Graph; default 30 000 ms.
    #[prop(into, optional)]
    timeout_ms: MaybeProp<u32>,
    /// Offer "Also sign me out everywhere" (Graph's revokeSignInSessions) with the change.
    #[prop(into, optional)]
    offer_sign_out_everywhere: MaybeProp<bool>,
    /// Where "Forgot your password?" leads; default Microsoft's self-service reset; "" hides it.
    #[prop(into, optional)]
    reset_password_url: MaybeProp<String>,
    /// The language (`de`, `ja`, `ar`, …); default: the page's `lang`, then the browser's.
    #[prop(into, optional)]
    locale: MaybeProp<String>,
    /// Your own sentences by key (README lists them), in place of the locale's.
    #[prop(into, optional)]
    strings: MaybeProp<Vec<(String, String)>>,
    /// Leave out the form's own stylesheet (the app styles the `.gcp` classes itself). With
    /// the `styles` feature off, there is none to leave out.
    #[prop(into, optional)]
    unstyled: MaybeProp<bool>,
    /// Refuse a new password found in data breaches (k-anonymity: five hex characters of its
    /// SHA-1 leave the browser): `"true"` for Have I Been Pwned's range API, or a mirror's URL.
    #[prop(into, optional)]
    breach_check: MaybeProp<String>,
    /// Called the moment Graph answers 204.
    #[prop(into, optional)]
    on_changed: Option<Callback<Changed>>,
    /// Called for every change that did not go through, with its kind.
    #[prop(into, optional)]
    on_failed: Option<Callback<Failure>>,
    /// Called after `on_changed` when the user asked to be signed out everywhere.
    #[prop(into, optional)]
    on_signed_out_everywhere: Option<Callback<SignedOutEverywhere>>,
) -> impl IntoView {
    let config = Signal::derive(move || {
        Config::new(Options {
            get_token: true,
            base_url: base_url.get(),
            user_principal_name: user_principal_name.get(),
            user_id: user_id.get(),
            timeout_ms: timeout_ms.get().map(f64::from),
            offer_sign_out_everywhere: offer_sign_out_everywhere.get().unwrap_or(false),
            reset_password_url: reset_password_url.get(),
            locale: locale.get(),
            strings: strings
                .get()
                .unwrap_or_default()
                .into_iter()
                .map(|(k, v)| (k, Some(v)))
                .collect(),
            unstyled: unstyled.get().unwrap_or(false),
            breach_check: breach_check.get(),
        })
    });
    let tell = Rc::new(move |report: &Report| match report {
        Report::Changed {
            client_request_id,
            sign_out,
        } => {
            if let Some(cb) = on_changed {
                cb.run(Changed {
                    client_request_id: client_request_id.clone(),
                    sign_out_everywhere: *sign_out,
                });
            }
        }
        Report::Failed(failure) => {
            if let Some(cb) = on_failed {
                cb.run(failure.clone());
            }
        }
        Report::SignedOut(result) => {
            if let Some(cb) = on_signed_out_everywhere {
                cb.run(result.clone());
            }
        }
    });
    view! { <Room config=config get_token=get_token tell=tell door=crate::config::Door::Leptos lang=page_lang() /> }
}

/// The page's `<html lang>`, for a Leptos app (the JS doors read the nearest `lang`).
fn page_lang() -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    return web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"));
    #[cfg(not(target_arch = "wasm32"))]
    None
}
