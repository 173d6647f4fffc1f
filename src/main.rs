//! The bundle for web pages (`trunk build`, the npm package): `init()` defines
//! `<graph-change-password>`; `mount` is exported. Nothing renders until a page asks.

fn main() {
    graph_change_password::embed::element::define();
}
