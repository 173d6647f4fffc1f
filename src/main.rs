//! The bundle Trunk builds for `dist/`: the library's `mount` export and nothing that runs on
//! load. The demo page (`index.html`) and host pages call `mount` themselves.

// Links the library so its `#[wasm_bindgen]` exports land in the bundle.
#[allow(unused_extern_crates)]
extern crate graph_change_password;

fn main() {}
