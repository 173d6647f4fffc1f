//! Directory object ids: GUIDs, compared without regard to case, and a stable one derived from
//! a user principal name when a `--users` file gives none.

/// True for the 8-4-4-4-12 hexadecimal shape Graph uses for object ids (any case).
pub fn is_guid(text: &str) -> bool {
    text.len() == 36
        && text.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// A GUID-shaped id that depends only on the UPN (in any case): the same user gets the same id
/// on every start. Two FNV-1a hashes make the 128 bits; the version nibble says "custom" (8,
/// RFC 9562 §5.8), so nobody mistakes it for a random one.
pub fn derived_from(user_principal_name: &str) -> String {
    let upn = user_principal_name.to_lowercase();
    let fnv = |seed: u64| {
        upn.bytes().fold(seed, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    };
    guid(fnv(0xcbf2_9ce4_8422_2325), fnv(0x6c62_272e_07bb_0142), 8)
}

/// A GUID of RFC 9562's variant and the given version from 128 bits.
pub fn guid(a: u64, b: u64, version: u8) -> String {
    format!(
        "{:08x}-{:04x}-{version:x}{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        ((b >> 48) & 0x3fff) | 0x8000,
        b & 0xffff_ffff_ffff
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_ids_are_stable_guids_that_ignore_case() {
        let id = derived_from("lynne.robbins@contoso.example");
        assert!(is_guid(&id), "{id}");
        assert_eq!(&id[14..15], "8");
        assert_eq!(id, derived_from("Lynne.Robbins@CONTOSO.example"));
        assert_ne!(id, derived_from("lynne.robbins@fabrikam.example"));
        // Pinned: the same on every start, build and Rust version (no std hasher is involved).
        assert_eq!(id, "e37268f5-7d65-8745-ac59-e31286e25df8");
    }

    #[test]
    fn guid_shape() {
        assert!(is_guid("3f2504e0-4f89-41d3-9a0c-0305e82c3301"));
        assert!(is_guid("3F2504E0-4F89-41D3-9A0C-0305E82C3301"));
        for bad in [
            "",
            "3f2504e04f8941d39a0c0305e82c3301",
            "3f2504e0-4f89-41d3-9a0c-0305e82c330",
            "3f2504e0-4f89-41d3-9a0c-0305e82c330g",
            "{3f2504e0-4f89-41d3-9a0c-0305e82c33}",
        ] {
            assert!(!is_guid(bad), "{bad}");
        }
    }
}
