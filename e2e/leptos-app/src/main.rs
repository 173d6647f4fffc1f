//! The consumer app: an account page with the change-password form, its Graph address and
//! locale from the query (`?graph=…&locale=…`), as a test drives it.

use graph_change_password::{ChangePassword, Failure, TokenRequest};
use leptos::prelude::*;

/// The app's own sign-in would hand out the token; here the local Graph's demo token.
async fn graph_token(_request: TokenRequest) -> Result<String, String> {
    Ok("demo-token".to_owned())
}

fn query(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()?.get(name)
}

#[component]
fn AccountPage() -> impl IntoView {
    let (status, set_status) = signal(String::new());
    view! {
        <h1>"Account settings"</h1>
        <ChangePassword
            get_token=graph_token
            base_url=query("graph").unwrap_or_default()
            locale=query("locale").unwrap_or_default()
            on_changed=move |_| set_status.set("changed".to_owned())
            on_failed=move |f: Failure| set_status.set(format!("failed: {}", f.kind))
        />
        <p id="app-status">{status}</p>
    }
}

fn main() {
    mount_to_body(AccountPage);
}
