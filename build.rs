//! Turns two source files into what the crate compiles in, so each stays the one place it is
//! written:
//! - `locales/en.js` (English, the source of truth of every sentence) becomes the `Key` enum,
//!   one variant per sentence in the file's order, and the built-in English table;
//! - `style/component.css` becomes the stylesheet the form carries, without comments and
//!   runs of whitespace.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=locales/en.js");
    println!("cargo:rerun-if-changed=style/component.css");
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let english = fs::read_to_string("locales/en.js").expect("locales/en.js");
    fs::write(Path::new(&out).join("english.rs"), english_table(&english))
        .expect("write english.rs");
    let css = fs::read_to_string("style/component.css").expect("style/component.css");
    fs::write(Path::new(&out).join("component.css"), minified(&css)).expect("write component.css");
}

/// A locale file is `export default {…};` around one JSON object; its keys in file order.
fn english_table(module: &str) -> String {
    let json = module
        .trim()
        .strip_prefix("export default ")
        .and_then(|rest| rest.strip_suffix(';'))
        .expect("locales/en.js is `export default {…};`");
    let table: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(json).expect("locales/en.js holds one JSON object");
    // serde_json's map is sorted; the file's order is the order of its key lines.
    let keys: Vec<&str> = json
        .lines()
        .filter_map(|l| {
            l.trim()
                .strip_prefix('"')?
                .split_once("\":")
                .map(|(k, _)| k)
        })
        .collect();
    assert_eq!(keys.len(), table.len(), "one key per line in locales/en.js");
    let mut variants = String::new();
    let mut all = String::new();
    let mut names = String::new();
    let mut texts = String::new();
    for key in &keys {
        let variant: String = key
            .split('_')
            .map(|w| w[..1].to_ascii_uppercase() + &w[1..])
            .collect();
        writeln!(variants, "    {variant},").unwrap();
        writeln!(all, "        Key::{variant},").unwrap();
        writeln!(names, "    {key:?},").unwrap();
        match &table[*key] {
            serde_json::Value::String(text) => writeln!(texts, "    English::Text({text:?}),"),
            serde_json::Value::Object(forms) => {
                let forms: Vec<String> = forms
                    .iter()
                    .map(|(category, text)| {
                        let category = category[..1].to_ascii_uppercase() + &category[1..];
                        let text = text.as_str().expect("plural forms are strings");
                        format!("(Plural::{category}, {text:?})")
                    })
                    .collect();
                writeln!(texts, "    English::Plural(&[{}]),", forms.join(", "))
            }
            other => panic!("locales/en.js: {key} is {other}, not a sentence"),
        }
        .unwrap();
    }
    format!(
        "/// One sentence (or one plural family) of the interface: a key of `locales/en.js`.\n\
         #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]\n\
         pub enum Key {{\n{variants}}}\n\n\
         impl Key {{\n    /// Every key, in the order of `locales/en.js`.\n    pub const ALL: &'static [Key] = &[\n{all}    ];\n}}\n\n\
         /// The keys as written in the locale files and the `strings` option, in `Key` order.\n\
         const NAMES: &[&str] = &[\n{names}];\n\n\
         /// `locales/en.js`, built in, in `Key` order.\n\
         const ENGLISH: &[English] = &[\n{texts}];\n"
    )
}

/// The stylesheet without comments, line breaks or the spaces around braces and semicolons.
/// Other spaces stay: inside `:where(.a :b)` one is a descendant combinator.
fn minified(css: &str) -> String {
    let mut text = String::new();
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    text.push_str(rest);
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = words.join(" ");
    for token in ["{", "}", ";", ","] {
        out = out.replace(&format!(" {token}"), token);
        out = out.replace(&format!("{token} "), token);
    }
    // After a colon only: before one, a space is a descendant combinator (`.gcp :focus-visible`).
    out.replace(": ", ":").replace(";}", "}")
}
