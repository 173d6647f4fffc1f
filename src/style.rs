//! The form's own stylesheet (`style/component.css`, minified by build.rs), carried in the code
//! so no door has a file to place. Behind the `styles` feature (on by default): a Leptos app that
//! ships its own CSS turns it off and drops the bytes; the JS doors take `unstyled`.

#[cfg(all(feature = "styles", target_arch = "wasm32"))]
#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/style.js")]
extern "C" {
    #[wasm_bindgen(js_name = attachStyles)]
    fn attach_styles(node: &web_sys::Node, css: &str);
}

/// The stylesheet, without comments.
#[cfg(feature = "styles")]
pub const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/component.css"));

/// Attaches the stylesheet to the document or shadow root `node` is in, once per root.
#[cfg(target_arch = "wasm32")]
pub fn attach(node: &web_sys::Node) {
    #[cfg(feature = "styles")]
    attach_styles(node, CSS);
    #[cfg(not(feature = "styles"))]
    let _ = node;
}

#[cfg(all(test, feature = "styles"))]
mod tests {
    use super::CSS;

    #[test]
    fn the_carried_sheet_is_the_source_without_comments_or_line_breaks() {
        assert!(!CSS.contains("/*") && !CSS.contains('\n'), "{CSS}");
        assert!(CSS.starts_with(":where(.gcp){--_gcp-text:var(--gcp-text,#1b1b1f)"));
        // A descendant combinator inside :where() survives.
        assert!(CSS.contains(":where(.gcp :focus-visible){"));
        assert!(CSS.contains("@media (prefers-color-scheme:dark){:where(.gcp){"));
    }

    #[test]
    fn every_rule_has_no_specificity_so_the_page_wins() {
        let source = include_str!("../style/component.css");
        for line in source.lines() {
            let selector = line.split('{').next().unwrap_or("").trim();
            if line.contains('{') && !selector.starts_with('@') && !selector.is_empty() {
                assert!(selector.starts_with(":where("), "{selector}");
            }
        }
    }
}
