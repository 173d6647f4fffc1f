//! The surfaces that repeat the options table, the sentence keys and the locales for people:
//! README's options table and `npm/index.d.ts`'s generated blocks, rendered from the tables here
//! and compared with the files (`GCP_REGENERATE=1 cargo test` rewrites them), and the Leptos
//! component's props, which are written by hand and compared by name.

use super::Opt;
use crate::i18n::texts::Key;
use crate::i18n::Locale;
use std::fs;

fn path(file: &str) -> String {
    format!("{}/{file}", env!("CARGO_MANIFEST_DIR"))
}

/// Puts `block` between the `start` and `end` marker lines of `file`, or asserts it is there.
fn generated(file: &str, start: &str, end: &str, block: &str) {
    let text = fs::read_to_string(path(file)).unwrap();
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("{file} has no {start:?}"))
        + start.len();
    let to = from
        + text[from..]
            .find(end)
            .unwrap_or_else(|| panic!("{file} has no {end:?}"));
    let (have, want) = (&text[from..to], format!("\n{block}"));
    if have == want {
        return;
    }
    if std::env::var_os("GCP_REGENERATE").is_some() {
        fs::write(path(file), [&text[..from], &want, &text[to..]].concat()).unwrap();
        return;
    }
    let drift: Vec<String> = want
        .lines()
        .filter(|l| !have.lines().any(|h| h == *l))
        .chain(have.lines().filter(|h| !want.lines().any(|l| l == *h)))
        .map(str::to_owned)
        .collect();
    panic!("{file} has drifted from the tables (GCP_REGENERATE=1 cargo test rewrites it); lines that differ:\n{}", drift.join("\n"));
}

fn readme_options() -> String {
    let mut rows = vec![
        "| option | attribute | Leptos prop | type | default | meaning |".to_owned(),
        "|---|---|---|---|---|---|".to_owned(),
    ];
    for opt in Opt::ALL {
        let (names, doc) = (opt.names(), opt.doc());
        let attribute = names
            .attribute
            .map_or("property".to_owned(), |a| format!("`{a}`"));
        rows.push(format!(
            "| `{}` | {attribute} | `{}` | `{}` | {} | {} |",
            names.js,
            names.prop,
            doc.ts.replace('|', "\\|"),
            doc.default,
            doc.doc.replace('|', "\\|")
        ));
    }
    rows.join("\n") + "\n"
}

fn union(items: impl Iterator<Item = String>) -> String {
    items.map(|i| format!("\n  | \"{i}\"")).collect::<String>()
}

fn typescript() -> String {
    let mut out = String::from("/** Options of `mount` (the element takes the same as attributes and properties). */\nexport interface MountOptions {\n");
    for opt in Opt::ALL {
        let (names, doc) = (opt.names(), opt.doc());
        let optional = if *opt == Opt::GetToken { "" } else { "?" };
        let default = match doc.default {
            "required" => "required".to_owned(),
            other => format!("default: {}", other.replace('`', "")),
        };
        out.push_str(&format!(
            "  /** {} ({default}). */\n  {}{optional}: {};\n",
            doc.doc.replace('`', ""),
            names.js,
            doc.ts
        ));
    }
    out.push_str("}\n\n/** The element's observed attributes. */\nexport type Attribute =");
    out.push_str(&union(Opt::attributes().map(|(_, a)| a.to_owned())));
    out.push_str(";\n\n/** A built-in locale. */\nexport type BuiltInLocale =");
    out.push_str(&union(Locale::ALL.iter().map(|l| l.tag().to_owned())));
    let mut languages: Vec<&str> = Locale::ALL
        .iter()
        .map(|l| l.tag().split('-').next().unwrap_or_default())
        .collect();
    languages.dedup();
    out.push_str(&format!(
        ";\n\n/** A built-in locale, or a regional tag of one (`de-AT`, `pt-PT`, `zh-CN`). */\nexport type Locale = BuiltInLocale | `${{{}}}-${{string}}`;\n",
        languages.iter().map(|l| format!("\"{l}\"")).collect::<Vec<_>>().join(" | ")
    ));
    out.push_str("\n/** The key of every sentence the form says (README lists them with their English). */\nexport type StringKey =");
    out.push_str(&union(Key::ALL.iter().map(|k| k.name().to_owned())));
    out + ";\n"
}

#[test]
fn readme_options_table_is_the_table() {
    generated(
        "README.md",
        "<!-- options: generated from src/config/table.rs -->",
        "<!-- /options -->",
        &readme_options(),
    );
}

#[test]
fn index_d_ts_is_the_tables() {
    generated(
        "npm/index.d.ts",
        "// <generated from src/config/table.rs, locales/en.js and src/i18n/mod.rs>",
        "// </generated>",
        &typescript(),
    );
}

#[test]
fn the_leptos_props_are_the_table() {
    let source = fs::read_to_string(path("src/component.rs")).unwrap();
    let signature = source
        .split("pub fn ChangePassword(")
        .nth(1)
        .and_then(|rest| rest.split(") -> impl IntoView").next())
        .expect("src/component.rs has ChangePassword");
    let props: Vec<&str> = signature
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with("///") && !l.starts_with("#["))
        .filter_map(|l| l.split_once(':').map(|(name, _)| name.trim()))
        .filter(|name| !name.starts_with("on_"))
        .collect();
    let table: Vec<&str> = Opt::ALL.iter().map(|o| o.names().prop).collect();
    assert_eq!(
        props, table,
        "ChangePassword's props (callbacks aside) are the options table's, in its order"
    );
}
