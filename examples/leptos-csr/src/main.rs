use leptos::prelude::*;
use leptos_csr_example::AccountPage;

fn main() {
    mount_to_body(|| view! { <AccountPage graph="http://127.0.0.1:8787/v1.0" /> });
}
