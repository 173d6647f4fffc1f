//! The component in a real browser (headless Chromium via wasm-bindgen-test): mount, act like a
//! person, let Leptos update the DOM, assert on what a person would see.
#![cfg(target_arch = "wasm32")]

use graph_change_password::{mount, MountHandle};
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Event, EventInit, HtmlButtonElement, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Text as a person reads it: the invisible isolates around inserted values left out.
fn read(text: &str) -> String {
    text.chars()
        .filter(|c| !('\u{2066}'..='\u{2069}').contains(c))
        .collect()
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Waits for timers, promises and Leptos' effects to settle.
async fn settle(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

fn host() -> HtmlElement {
    let el: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&el).unwrap();
    el
}

fn options(get_token: &Function, base_url: &str) -> JsValue {
    let o = js_sys::Object::new();
    Reflect::set(&o, &"getToken".into(), get_token).unwrap();
    Reflect::set(&o, &"baseUrl".into(), &base_url.into()).unwrap();
    Reflect::set(&o, &"timeoutMs".into(), &JsValue::from(2000)).unwrap();
    o.into()
}

/// A `getToken` that counts its calls in `window[counter]` and returns `body`'s value.
fn counting_get_token(counter: &str, body: &str) -> Function {
    Function::new_no_args(&format!(
        "window['{counter}'] = (window['{counter}'] || 0) + 1; {body}"
    ))
}

fn calls(counter: &str) -> f64 {
    Reflect::get(&web_sys::window().unwrap(), &counter.into())
        .unwrap()
        .as_f64()
        .unwrap_or(0.0)
}

/// Gives `object` an enumerable property `name` read through `getter`.
fn define_getter(object: &JsValue, name: &str, getter: &Function) {
    let descriptor = js_sys::Object::new();
    Reflect::set(&descriptor, &"get".into(), getter).unwrap();
    Reflect::set(&descriptor, &"enumerable".into(), &JsValue::TRUE).unwrap();
    let object: &js_sys::Object = object.unchecked_ref();
    js_sys::Object::define_property(object, &name.into(), &descriptor);
}

/// A fresh host element with the form mounted; `getToken` runs `token_body` and counts its
/// calls in `window[counter]`. The form talks to a closed port: these tests send nothing.
async fn mounted(counter: &str, token_body: &str) -> (HtmlElement, MountHandle) {
    let host = host();
    let get_token = counting_get_token(counter, token_body);
    let handle = mount(
        host.clone().into(),
        options(&get_token, "http://127.0.0.1:9/v1.0"),
    )
    .unwrap();
    settle(0).await;
    (host, handle)
}

fn input(host: &HtmlElement, label: &str) -> HtmlInputElement {
    let labels = host.query_selector_all("label").unwrap();
    for i in 0..labels.length() {
        let l: HtmlElement = labels.item(i).unwrap().unchecked_into();
        if l.text_content().as_deref() == Some(label) {
            let id = l.get_attribute("for").unwrap();
            return host
                .query_selector(&format!("#{id}"))
                .unwrap()
                .unwrap()
                .unchecked_into();
        }
    }
    panic!("no field labelled {label}");
}

fn type_into(field: &HtmlInputElement, text: &str) {
    field.set_value(text);
    let init = EventInit::new();
    init.set_bubbles(true);
    field
        .dispatch_event(&Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
}

/// Types a valid entry: current `Old-pass-1`, new and confirmation `New-pass-22`.
async fn fill_valid(host: &HtmlElement) {
    type_into(&input(host, "Current password"), "Old-pass-1");
    type_into(&input(host, "New password"), "New-pass-22");
    type_into(&input(host, "Confirm new password"), "New-pass-22");
    settle(0).await;
}

fn submit_button(host: &HtmlElement) -> HtmlButtonElement {
    host.query_selector("button[type=submit]")
        .unwrap()
        .unwrap()
        .unchecked_into()
}

fn rules(host: &HtmlElement) -> Vec<(String, bool)> {
    let items = host.query_selector_all(".gcp__rule").unwrap();
    (0..items.length())
        .map(|i| {
            let li: HtmlElement = items.item(i).unwrap().unchecked_into();
            let text = read(
                &li.query_selector(".gcp__rule-text")
                    .unwrap()
                    .unwrap()
                    .text_content()
                    .unwrap(),
            );
            let state = li
                .query_selector(".gcp__rule-state")
                .unwrap()
                .unwrap()
                .text_content()
                .unwrap();
            assert_eq!(
                li.class_list().contains("gcp__rule--met"),
                state == "met",
                "{text}: class and text agree"
            );
            (text, state == "met")
        })
        .collect()
}

#[wasm_bindgen_test]
async fn mounts_three_labelled_password_fields_and_unmounts() {
    let (host, handle) = mounted("t0", "return 'x'").await;
    for (label, autocomplete) in [
        ("Current password", "current-password"),
        ("New password", "new-password"),
        ("Confirm new password", "new-password"),
    ] {
        let field = input(&host, label);
        assert_eq!(field.type_(), "password");
        assert_eq!(
            field.get_attribute("autocomplete").as_deref(),
            Some(autocomplete)
        );
    }
    assert_eq!(
        submit_button(&host).text_content().as_deref(),
        Some("Change password")
    );
    handle.unmount();
    settle(0).await;
    assert!(
        host.query_selector("form").unwrap().is_none(),
        "unmount removes the form"
    );
    handle.unmount(); // a second call does nothing
}

#[wasm_bindgen_test]
async fn a_dropped_handle_keeps_the_form() {
    // What happens when a page ignores mount's return value and the GC frees the JS handle.
    let host = host();
    let get_token = counting_get_token("t9", "return 'x'");
    let handle: JsValue = mount(
        host.clone().into(),
        options(&get_token, "http://127.0.0.1:9/v1.0"),
    )
    .unwrap()
    .into();
    // `free()` is what the garbage collector's finalizer calls on a handle nobody kept.
    let free: Function = Reflect::get(&handle, &"free".into())
        .unwrap()
        .unchecked_into();
    free.call0(&handle).unwrap();
    settle(10).await;
    assert!(
        host.query_selector("form").unwrap().is_some(),
        "still mounted"
    );
    type_into(&input(&host, "New password"), "abc");
    settle(0).await;
    assert!(rules(&host)[2].1, "and still reactive");
}

#[wasm_bindgen_test]
fn bad_options_throw_clear_errors() {
    let message = |target: JsValue, opts: JsValue| -> String {
        match mount(target, opts) {
            Ok(_) => panic!("mounted with bad options"),
            Err(e) => {
                let v: JsValue = e.into();
                Reflect::get(&v, &"message".into())
                    .unwrap()
                    .as_string()
                    .unwrap()
            }
        }
    };
    let f = counting_get_token("t1", "return 'x'");
    assert!(message(JsValue::NULL, options(&f, "https://g"))
        .contains("targetElement must be a DOM element"));
    assert!(message(host().into(), js_sys::Object::new().into())
        .contains("getToken must be a function"));
    let not_fn = js_sys::Object::new();
    Reflect::set(&not_fn, &"getToken".into(), &"token".into()).unwrap();
    assert!(message(host().into(), not_fn.into()).contains("getToken must be a function"));
    assert!(message(host().into(), options(&f, "http://graph.example/v1.0")).contains("https://"));
    let with_credentials = message(
        host().into(),
        options(&f, "https://user:pass@graph.microsoft.com/v1.0"),
    );
    assert!(
        with_credentials.contains("options.baseUrl")
            && with_credentials.contains("user name or password"),
        "{with_credentials}"
    );
    assert!(message(
        host().into(),
        options(&f, "https://graph.microsoft.com/v1.0?x=1")
    )
    .contains("options.baseUrl must not contain a query"));
    // A getter that throws is named, not taken for "not given" (which would mean commercial
    // Graph, or the breach check off).
    let throwing = js_sys::Function::new_no_args("throw new Error('no')");
    for name in ["baseUrl", "breachCheck"] {
        let opts = options(&f, "https://graph.microsoft.com/v1.0");
        define_getter(&opts, name, &throwing);
        let said = message(host().into(), opts);
        assert!(
            said.contains(&format!("options.{name} could not be read")),
            "{said}"
        );
    }
    // Inside `strings` too: named, and the host's exception does not unwind through the wasm.
    let opts = options(&f, "https://graph.microsoft.com/v1.0");
    let strings: JsValue = js_sys::Object::new().into();
    define_getter(&strings, "submit", &throwing);
    Reflect::set(&opts, &"strings".into(), &strings).unwrap();
    let said = message(host().into(), opts);
    assert!(said.contains("options.strings could not be read"), "{said}");
}

/// A host element inside a fresh shadow root: styles are carried once per root, so what this
/// form gets is its own.
fn host_in_shadow_root() -> HtmlElement {
    Function::new_no_args(
        "const h = document.createElement('div'); document.body.append(h);
         const inner = document.createElement('div'); h.attachShadow({mode: 'open'}).append(inner);
         return inner;",
    )
    .call0(&JsValue::NULL)
    .unwrap()
    .unchecked_into()
}

#[wasm_bindgen_test]
async fn mount_reads_each_option_once_and_takes_a_false_string_as_false() {
    let f = counting_get_token("t-once", "return 'x'");
    let opts = options(&f, "http://127.0.0.1:9/v1.0");
    let getter = Function::new_no_args(
        "window['base-reads'] = (window['base-reads'] || 0) + 1; return 'http://127.0.0.1:9/v1.0';",
    );
    define_getter(&opts, "baseUrl", &getter);
    let _once = mount(host().into(), opts).unwrap();
    settle(0).await;
    assert_eq!(calls("base-reads"), 1.0, "baseUrl's getter ran once");

    // "false" is false for both flags; `true` beside it shows the checks can tell.
    for (flag, said_yes) in [(JsValue::from("false"), false), (JsValue::TRUE, true)] {
        let opts = options(&f, "http://127.0.0.1:9/v1.0");
        for name in ["offerSignOutEverywhere", "unstyled"] {
            Reflect::set(&opts, &name.into(), &flag).unwrap();
        }
        let host = host_in_shadow_root();
        let _handle = mount(host.clone().into(), opts).unwrap();
        settle(50).await;
        let boxes = host.query_selector_all("input[type=checkbox]").unwrap();
        assert_eq!(
            boxes.length() == 1,
            said_yes,
            "sign-out box offered: {flag:?}"
        );
        // Styled, the form has the stylesheet's private custom properties; unstyled, none.
        let styled = Function::new_with_args(
            "el",
            "return getComputedStyle(el.querySelector('form')).getPropertyValue('--_gcp-text') !== ''",
        )
        .call1(&JsValue::NULL, &host)
        .unwrap();
        assert_eq!(styled.as_bool(), Some(!said_yes), "styled: {flag:?}");
    }
}

#[wasm_bindgen_test]
async fn typing_ticks_the_requirement_list() {
    let (host, _h) = mounted("t2", "return 'x'").await;
    assert!(
        rules(&host).iter().all(|(_, met)| !met),
        "nothing met before typing"
    );
    let new = input(&host, "New password");
    type_into(&new, "abc");
    settle(0).await;
    let r = rules(&host);
    assert_eq!(r.len(), 4);
    assert!(!r[0].1 && !r[1].1, "short, one category: {r:?}");
    assert!(
        r[2].1 && r[3].1,
        "allowed characters, differs from empty current: {r:?}"
    );
    type_into(&new, "abcDEF12");
    settle(0).await;
    assert!(
        rules(&host).iter().all(|(_, met)| *met),
        "{:?}",
        rules(&host)
    );
    type_into(&new, "abcDEF12é");
    settle(0).await;
    assert!(!rules(&host)[2].1, "é is not allowed");
}

#[wasm_bindgen_test]
async fn invalid_input_blocks_submission_and_names_each_problem() {
    let (host, _h) = mounted("t3", "return 'x'").await;
    type_into(&input(&host, "Current password"), "Old-pass-1");
    type_into(&input(&host, "New password"), "Passwört-1");
    type_into(&input(&host, "Confirm new password"), "Different-1");
    settle(0).await;
    submit_button(&host).click();
    settle(20).await;
    assert_eq!(calls("t3"), 0.0, "no token asked, nothing sent");
    let summary: HtmlElement = host
        .query_selector(".gcp__summary")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(!summary.hidden());
    let text = read(&summary.text_content().unwrap());
    assert!(text.contains("cannot contain “ö”"), "{text}");
    assert!(text.contains("do not match"), "{text}");
    assert_eq!(
        document().active_element().unwrap(),
        summary.clone().into(),
        "summary takes focus"
    );
    let new = input(&host, "New password");
    assert_eq!(new.get_attribute("aria-invalid").as_deref(), Some("true"));
    let described = new.get_attribute("aria-describedby").unwrap();
    let error = host
        .query_selector(&format!("#{}", described.split(' ').next().unwrap()))
        .unwrap()
        .unwrap();
    assert!(read(&error.text_content().unwrap()).contains("“ö”"));
    assert_eq!(
        input(&host, "Current password").get_attribute("aria-invalid"),
        None
    );
}

#[wasm_bindgen_test]
async fn in_flight_disables_the_button_and_locks_the_fields() {
    // The host's token never arrives: the submit stays in flight.
    let (host, _h) = mounted("t4", "return new Promise(() => {})").await;
    fill_valid(&host).await;
    let button = submit_button(&host);
    button.click();
    settle(20).await;
    assert!(button.disabled());
    assert_eq!(button.text_content().as_deref(), Some("Changing password…"));
    for label in ["Current password", "New password", "Confirm new password"] {
        assert!(input(&host, label).read_only(), "{label} is read-only");
    }
    let form: web_sys::HtmlFormElement = host
        .query_selector("form")
        .unwrap()
        .unwrap()
        .unchecked_into();
    form.request_submit().unwrap();
    settle(20).await;
    assert_eq!(calls("t4"), 1.0, "a second submit sends nothing");
}

#[wasm_bindgen_test]
async fn a_failing_get_token_sends_nothing_and_tells_the_host() {
    let host = host();
    let seen = Function::new_with_args(
        "e",
        "window.t5event = e.type + ' ' + JSON.stringify(e.detail)",
    );
    host.add_event_listener_with_callback("password-change-failed", &seen)
        .unwrap();
    let get_token = counting_get_token("t5", "throw new Error('no session')");
    let _h = mount(
        host.clone().into(),
        options(&get_token, "http://127.0.0.1:9/v1.0"),
    )
    .unwrap();
    fill_valid(&host).await;
    submit_button(&host).click();
    settle(50).await;
    let result = host
        .query_selector(".gcp__result")
        .unwrap()
        .expect("a result is shown");
    assert!(result.text_content().unwrap().contains("Sign in again"));
    let region = result.parent_element().unwrap();
    assert_eq!(
        region.get_attribute("role").as_deref(),
        Some("alert"),
        "announced assertively"
    );
    let event = Reflect::get(&web_sys::window().unwrap(), &"t5event".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert_eq!(
        event,
        r#"password-change-failed {"kind":"token-unavailable","status":null,"requestId":null,"clientRequestId":null}"#
    );
    // What the user typed is kept, and no password is ever written into the DOM's markup.
    assert_eq!(input(&host, "New password").value(), "New-pass-22");
    let markup = host.outer_html();
    assert!(
        !markup.contains("Old-pass-1") && !markup.contains("New-pass-22"),
        "{markup}"
    );
}

#[wasm_bindgen_test]
async fn show_hide_toggles_each_field_and_submit_hides_again() {
    let (host, _h) = mounted("t6", "return 'x'").await;
    let toggle: HtmlButtonElement = host
        .query_selector("button[aria-label='Show new password']")
        .unwrap()
        .expect("a named toggle for the new password")
        .unchecked_into();
    assert_eq!(
        toggle.get_attribute("aria-controls"),
        input(&host, "New password").get_attribute("id")
    );
    toggle.click();
    settle(0).await;
    assert_eq!(input(&host, "New password").type_(), "text");
    assert_eq!(input(&host, "Current password").type_(), "password");
    assert_eq!(
        toggle.get_attribute("aria-label").as_deref(),
        Some("Hide new password")
    );
    submit_button(&host).click();
    settle(0).await;
    assert_eq!(
        input(&host, "New password").type_(),
        "password",
        "hidden again on submit"
    );
}

#[wasm_bindgen_test]
async fn caps_lock_is_announced_next_to_the_field() {
    let (host, _h) = mounted("t7", "return 'x'").await;
    let field = input(&host, "Current password");
    let press = |caps: bool| {
        let init = web_sys::KeyboardEventInit::new();
        init.set_key("a");
        init.set_modifier_caps_lock(caps);
        let ev =
            web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
        field.dispatch_event(&ev).unwrap();
    };
    press(true);
    settle(0).await;
    let id = field.get_attribute("id").unwrap();
    let caps = host
        .query_selector(&format!("#{id}-caps"))
        .unwrap()
        .unwrap();
    assert_eq!(caps.text_content().as_deref(), Some("Caps Lock is on."));
    assert_eq!(caps.get_attribute("aria-live").as_deref(), Some("polite"));
    assert!(field
        .get_attribute("aria-describedby")
        .unwrap()
        .contains(&format!("{id}-caps")));
    press(false);
    settle(0).await;
    assert_eq!(caps.text_content().as_deref(), Some(""));
}

#[wasm_bindgen_test]
async fn strength_meter_and_a_debounced_announcement() {
    let (host, _h) = mounted("t8", "return 'x'").await;
    let new = input(&host, "New password");
    let meter: web_sys::HtmlMeterElement = host
        .query_selector("meter")
        .unwrap()
        .unwrap()
        .unchecked_into();
    let label = || {
        host.query_selector(".gcp__strength-text")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    };
    let live = || {
        let region = host
            .query_selector(".gcp__rules [aria-live=polite]")
            .unwrap()
            .unwrap();
        region.text_content().unwrap()
    };
    type_into(&new, "Password1!");
    settle(0).await;
    assert_eq!((meter.value(), label()), (0.0, "very weak".to_owned()));
    assert_eq!(live(), "", "nothing announced while typing");
    type_into(&new, "Blue-Harbour-42-Lantern");
    settle(300).await;
    assert_eq!((meter.value(), label()), (4.0, "strong".to_owned()));
    assert_eq!(live(), "", "still nothing 300 ms after the last keystroke");
    settle(900).await;
    assert_eq!(read(&live()), "4 of 4 requirements met. Strength: strong.");
}

#[wasm_bindgen_test]
fn graph_json_goes_through_the_browsers_parser_as_natively() {
    use graph_change_password::graph::envelope::{ChangePasswordBody, Envelope};
    let e = Envelope::parse(
        r#"{"error":{"code":"Request_BadRequest","message":"m","n":1.5,"innererror":{"request-id":"r","date":"d"}}}"#,
    )
    .expect("Graph's envelope")
    .error;
    assert_eq!(e.code.as_deref(), Some("Request_BadRequest"));
    assert_eq!(e.inner_error.unwrap().request_id.as_deref(), Some("r"));
    // An unknown field nested 20,000 deep is not walked (it would exhaust the stack).
    let deep = format!(
        r#"{{"error":{{"code":"Deep"}},"x":{}1{}}}"#,
        "[".repeat(20_000),
        "]".repeat(20_000)
    );
    let read = Envelope::parse(&deep).expect("Graph's envelope beside a deep unknown field");
    assert_eq!(read.error.code.as_deref(), Some("Deep"));
    for not_envelope in [
        "",
        "<html>",
        r#"{"error":{"code":"x""#,
        r#"{"error":"s"}"#,
        "[]",
    ] {
        assert!(Envelope::parse(not_envelope).is_none(), "{not_envelope:?}");
    }
    let body = ChangePasswordBody {
        current_password: "a\"b\\c",
        new_password: "x\ty",
    }
    .to_json();
    assert_eq!(
        body,
        r#"{"currentPassword":"a\"b\\c","newPassword":"x\ty"}"#
    );
}

#[wasm_bindgen_test]
fn token_claims_and_revoke_answers_read_in_the_browser_as_natively() {
    use graph_change_password::graph::jwt::Claims;
    use graph_change_password::graph::revoke::revoked;
    let token = |payload: &str| {
        let b64 = js_sys::global()
            .unchecked_into::<web_sys::Window>()
            .btoa(payload)
            .unwrap()
            .replace('=', "")
            .replace('+', "-")
            .replace('/', "_");
        format!("e30.{b64}.c2ln")
    };
    let claims = |payload: &str| Claims::of(&token(payload));
    let many = claims(r#"{"aud":["a","b"],"scp":"x y","exp":1.7e9,"n":[{}]}"#).unwrap();
    assert_eq!(many.aud.0, ["a", "b"]);
    assert_eq!(many.scp.as_deref(), Some("x y"));
    assert_eq!(many.exp, Some(1.7e9));
    assert_eq!(claims(r#"{"aud":"g"}"#).unwrap().aud.0, ["g"]);
    assert!(claims(r#"{"aud":null}"#).unwrap().aud.0.is_empty());
    assert!(claims(r#"{}"#).unwrap().exp.is_none());
    assert!(
        claims(r#"{"exp":"soon"}"#).is_none(),
        "a string is not a time"
    );
    assert!(
        claims(r#"{"aud":[1]}"#).is_none(),
        "a number is not an audience"
    );
    assert!(revoked(200, None, r#"{"value":true}"#).done);
    assert!(revoked(200, None, "").done);
    assert!(!revoked(200, None, r#"{"value":false}"#).done);
    assert!(!revoked(200, None, "<html>").done);
}
