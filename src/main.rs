//! The bundle for web pages (`trunk build`, the npm package): `init()` defines
//! `<graph-change-password>`; `mount` is exported. Nothing renders until a page asks.

/// A free-list allocator: the form allocates little and briefly, and a page runs one thread.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    // SAFETY: wasm32-unknown-unknown without atomics has one thread.
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

fn main() {
    graph_change_password::embed::element::define();
}
