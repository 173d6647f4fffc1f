//! The Leptos door, driven in Chromium: the example app's page, typed into like a person,
//! changes the password on the local Graph whose address the test command passes in at build
//! time (`GCP_TEST_GRAPH`, as gloo's own tests get their server's).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos_csr_example::AccountPage;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Event, EventInit, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

async fn settle(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

fn field(label: &str) -> HtmlInputElement {
    let labels = document().query_selector_all("label").unwrap();
    for i in 0..labels.length() {
        let l: HtmlElement = labels.item(i).unwrap().unchecked_into();
        if l.text_content().as_deref() == Some(label) {
            let id = l.get_attribute("for").unwrap();
            return document().get_element_by_id(&id).unwrap().unchecked_into();
        }
    }
    panic!("no field labelled {label}");
}

fn type_into(input: &HtmlInputElement, text: &str) {
    input.set_value(text);
    let init = EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn the_leptos_component_changes_the_password_and_calls_on_changed() {
    let graph = option_env!("GCP_TEST_GRAPH")
        .expect("the test command sets GCP_TEST_GRAPH to the local Graph's /v1.0 address");
    let _app = leptos::mount::mount_to_body(move || view! { <AccountPage graph=graph /> });
    settle(0).await;
    type_into(&field("Current password"), "Start-Here-2026");
    type_into(&field("New password"), "Leptos-Harbour-42");
    type_into(&field("Confirm new password"), "Leptos-Harbour-42");
    settle(0).await;
    let button: HtmlElement = document()
        .query_selector("button[type=submit]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    button.click();
    let status = document().get_element_by_id("app-status").unwrap();
    for _ in 0..100 {
        if !status.text_content().unwrap_or_default().is_empty() {
            break;
        }
        settle(50).await;
    }
    assert_eq!(status.text_content().as_deref(), Some("changed"));
    let result = document().query_selector(".gcp__result").unwrap().unwrap();
    assert!(result
        .text_content()
        .unwrap()
        .contains("Your password has been changed"));
}
