#!/usr/bin/env python3
"""Writes src/unicode.rs: the code point ranges of Unicode's general categories Cf (format), Mn
and Me (non-spacing and enclosing marks), from Python's unicodedata (its Unicode version is
written into the file). Run it when Python's Unicode version moves: python3 scripts/unicode-ranges.py"""
import sys
import unicodedata

def ranges(categories):
    out, start, prev = [], None, None
    for cp in range(sys.maxunicode + 1):
        inside = unicodedata.category(chr(cp)) in categories
        if inside and start is None:
            start = cp
        if not inside and start is not None:
            out.append((start, cp - 1))
            start = None
    if start is not None:
        out.append((start, sys.maxunicode))
    return out

def table(name, doc, rs):
    body = "\n".join(f"    (0x{a:04X}, 0x{b:04X})," for a, b in rs)
    return f"/// {doc}\nconst {name}: &[(u32, u32)] = &[\n{body}\n];\n"

header = f'''//! Which characters a person cannot see as themselves: Unicode's format characters (Cf) and
//! combining marks (Mn, Me), as code point ranges (Unicode {unicodedata.unidata_version}). Written by
//! `scripts/unicode-ranges.py`; do not edit by hand. Pure.

'''
footer = '''
fn within(table: &[(u32, u32)], c: char) -> bool {
    let c = u32::from(c);
    table
        .binary_search_by(|&(start, end)| {
            if end < c {
                std::cmp::Ordering::Less
            } else if start > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// A format character (category Cf): invisible, and some of them reorder text.
pub fn is_format(c: char) -> bool {
    within(FORMAT, c)
}

/// A combining mark (Mn or Me): drawn on the character before it.
pub fn is_combining(c: char) -> bool {
    within(MARKS, c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_characters_fall_where_unicode_puts_them() {
        for c in ['\\u{00AD}', '\\u{061C}', '\\u{200B}', '\\u{200E}', '\\u{202E}', '\\u{2066}', '\\u{FEFF}', '\\u{E0001}'] {
            assert!(is_format(c), "{:04X}", c as u32);
        }
        for c in ['\\u{0301}', '\\u{064B}', '\\u{20DD}', '\\u{302A}', '\\u{1D167}'] {
            assert!(is_combining(c), "{:04X}", c as u32);
        }
        for c in ['a', 'é', ' ', '\\u{3000}', '\\u{0627}', '😀'] {
            assert!(!is_format(c) && !is_combining(c), "{:04X}", c as u32);
        }
    }
}
'''
marks = ranges({"Mn", "Me"})
fmt = ranges({"Cf"})
with open("src/unicode.rs", "w") as f:
    f.write(header)
    f.write(table("FORMAT", "Category Cf.", fmt))
    f.write("\n")
    f.write(table("MARKS", "Categories Mn and Me.", marks))
    f.write(footer)
print(f"{len(fmt)} format ranges, {len(marks)} mark ranges")
