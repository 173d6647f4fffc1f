//! The surfaces that repeat the tables for people: README's options and outcomes tables and
//! `npm/index.d.ts`'s generated block, rendered from the options table, the outcome kinds, the
//! sentence keys and the locales, and compared with the files (`GCP_REGENERATE=1 cargo test`
//! rewrites them); and the Leptos component's props, written by hand and compared by name.

use crate::config::Opt;
use crate::graph::outcome::{FailureKind, CHANGED};
use crate::i18n::texts::Key;
use crate::i18n::Locale;
use std::fs;

fn path(file: &str) -> String {
    format!("{}/{file}", env!("CARGO_MANIFEST_DIR"))
}

/// Puts `block` between the `start` and `end` marker lines of `file`, or asserts it is there.
fn generated(file: &str, start: &str, end: &str, block: &str) {
    // One file at a time: tests run in parallel, and several write README.md.
    static WRITING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one = WRITING.lock().unwrap_or_else(|e| e.into_inner());
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

fn readme_outcomes() -> String {
    let mut rows = vec![
        "| Graph or network says | The user reads (headline) | `detail.kind` |".to_owned(),
        "|---|---|---|".to_owned(),
        format!("| 204, and only 204 | Your password has been changed… (at once, fields cleared, focus on the message; with sign-out everywhere, its result follows) | `{CHANGED}` (event `password-changed`) |"),
    ];
    for kind in FailureKind::ALL {
        let (says, reads) = kind.readme();
        rows.push(format!("| {says} | {reads} | `{}` |", kind.as_str()));
    }
    rows.join("\n") + "\n"
}

fn readme_keys() -> String {
    use crate::i18n::texts::{Entry, Texts};
    let english = Texts::english();
    let mut rows = vec!["| key | English |".to_owned(), "|---|---|".to_owned()];
    for (key, entry) in english.entries() {
        let text = match entry {
            Entry::Text(t) => t.to_string(),
            Entry::Plural(forms) => forms
                .iter()
                .map(|(p, t)| format!("{}: {t}", p.name()))
                .collect::<Vec<_>>()
                .join(" / "),
        };
        // Spaces that matter at either end are shown in quotes.
        let text = if text.trim() != text {
            format!("\"{text}\"")
        } else {
            text
        };
        rows.push(format!(
            "| `{}` | {} |",
            key.name(),
            text.replace('|', "\\|")
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
    out.push_str("\n/** Why a change failed: a closed list, a stable contract (new kinds only with a major version). */\nexport type FailureKind =");
    out.push_str(&union(
        FailureKind::ALL.iter().map(|k| k.as_str().to_owned()),
    ));
    out.push_str(";\n");
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
fn readme_outcomes_table_is_the_kinds() {
    generated(
        "README.md",
        "<!-- outcomes: generated from src/graph/outcome.rs -->",
        "<!-- /outcomes -->",
        &readme_outcomes(),
    );
}

#[test]
fn readme_keys_table_is_en_js() {
    generated(
        "README.md",
        "<!-- keys: generated from locales/en.js -->",
        "<!-- /keys -->",
        &readme_keys(),
    );
}

#[test]
fn index_d_ts_is_the_tables() {
    generated(
        "npm/index.d.ts",
        "// <generated from src/config/table.rs, src/graph/outcome.rs, locales/en.js and src/i18n/mod.rs>",
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
