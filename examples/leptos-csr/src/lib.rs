//! A Leptos app's account page with the change-password form: what README's "In a Leptos app"
//! shows, and what `tests/web.rs` drives against the local Graph.

// README snippet: leptos-app
use graph_change_password::{ChangePassword, Failure, TokenRequest};
use leptos::prelude::*;

/// The app's own sign-in would hand out the token; here the local Graph's demo token.
async fn graph_token(_request: TokenRequest) -> Result<String, String> {
    Ok("demo-token".to_owned())
}

#[component]
pub fn AccountPage(
    /// Graph's base URL (the local Graph in the demo and tests).
    #[prop(into)]
    graph: String,
) -> impl IntoView {
    let (status, set_status) = signal(String::new());
    view! {
        <h1>"Account settings"</h1>
        <ChangePassword
            get_token=graph_token
            base_url=graph
            user_principal_name="adele.vance@contoso.example"
            on_changed=move |_| set_status.set("changed".to_owned())
            on_failed=move |f: Failure| set_status.set(format!("failed: {}", f.kind))
        />
        <p id="app-status">{status}</p>
    }
}
// end README snippet
