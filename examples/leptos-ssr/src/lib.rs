//! The same page for an SSR + hydrate app: the server sends a placeholder where the form goes,
//! and the browser renders the form once hydrated.

use graph_change_password::{ChangePassword, TokenRequest};
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    view! {
        <main>
            <h1>"Account settings"</h1>
            <ChangePassword
                get_token=|_: TokenRequest| async { Ok::<_, String>("demo-token".to_owned()) }
                base_url="http://127.0.0.1:8787/v1.0"
            />
        </main>
    }
}

/// The browser's entry point.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    leptos::mount::hydrate_body(App);
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn the_server_renders_the_page_and_leaves_the_form_to_the_browser() {
        let html = App().to_html();
        assert!(html.contains("Account settings"), "{html}");
        assert!(
            !html.contains("type=\"password\""),
            "no form on the server: {html}"
        );
        assert!(!html.contains("demo-token"), "{html}");
    }
}
