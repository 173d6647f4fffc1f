//! How hard a new password is to guess, beyond the policy minimum: estimated guessing entropy
//! with penalties for repeats, keyboard-free sequences and common words. Pure and small
//! (no dictionaries beyond a short list), so it costs little in the wasm.

use crate::policy::unsubstituted;

/// Words and fragments attackers try first; matched after undoing common substitutions.
const COMMON: &[&str] = &[
    "password",
    "passw",
    "qwerty",
    "azerty",
    "letmein",
    "welcome",
    "admin",
    "login",
    "dragon",
    "monkey",
    "football",
    "baseball",
    "iloveyou",
    "sunshine",
    "princess",
    "master",
    "shadow",
    "summer",
    "winter",
    "spring",
    "autumn",
    "hello",
    "freedom",
    "whatever",
    "trustno",
    "starwars",
    "superman",
    "batman",
    "secret",
    "changeme",
    "guest",
    "default",
    "microsoft",
    "office",
    "contoso",
    "company",
    "january",
    "february",
    "october",
    "november",
    "december",
    "asdf",
    "zxcv",
    "abc",
    "love",
    "test",
];

/// Bits one guess from a list of this size is worth: words are cheap to guess.
const WORD_BITS: f64 = 6.0;

/// A coarse verdict for the meter and its text label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    VeryWeak,
    Weak,
    Fair,
    Good,
    Strong,
}

impl Strength {
    /// 0–4, the `<meter>` value.
    pub fn score(self) -> u8 {
        self as u8
    }
}

fn charset_bits(password: &str) -> f64 {
    let mut size = 0u32;
    if password.chars().any(|c| c.is_ascii_lowercase()) {
        size += 26;
    }
    if password.chars().any(|c| c.is_ascii_uppercase()) {
        size += 26;
    }
    if password.chars().any(|c| c.is_ascii_digit()) {
        size += 10;
    }
    if password.chars().any(|c| !c.is_ascii_alphanumeric()) {
        size += 33;
    }
    f64::from(size.max(1)).log2()
}

/// Characters past this are not estimated: the policy refuses them anyway, and the repeat
/// search below is quadratic in the length.
pub const ESTIMATED_AT_MOST: usize = 256;

/// Estimated bits of guessing entropy of the first [`ESTIMATED_AT_MOST`] characters.
pub fn entropy_bits(password: &str) -> f64 {
    let end = password
        .char_indices()
        .nth(ESTIMATED_AT_MOST)
        .map_or(password.len(), |(i, _)| i);
    let password = password.get(..end).unwrap_or(password);
    let chars: Vec<char> = password.chars().collect();
    let per_char = charset_bits(password);
    // Each character's weight: 1 for a fresh one, a quarter for one that repeats the previous
    // character, continues a sequence (abc, 321) or ends a three-character run seen before
    // (Ab1!Ab1!), nothing inside a common word (the word is paid once).
    let mut weight = vec![1.0f64; chars.len()];
    for i in 1..chars.len() {
        let step = chars[i] as i64 - chars[i - 1] as i64;
        let seen_run = i >= 3 && chars.windows(3).take(i - 2).any(|w| w == &chars[i - 2..=i]);
        if step == 0 || step.abs() == 1 || seen_run {
            weight[i] = 0.25;
        }
    }
    let plain: Vec<char> = chars.iter().map(|c| unsubstituted(*c)).collect();
    let mut words = 0;
    for word in COMMON {
        let w: Vec<char> = word.chars().collect();
        let mut i = 0;
        while i + w.len() <= plain.len() {
            if plain[i..i + w.len()] == w[..] && weight[i..i + w.len()].iter().any(|x| *x > 0.0) {
                weight[i..i + w.len()].iter_mut().for_each(|x| *x = 0.0);
                words += 1;
                i += w.len();
            } else {
                i += 1;
            }
        }
    }
    weight.iter().sum::<f64>() * per_char + f64::from(words) * WORD_BITS
}

/// The verdict for a password, from its estimated entropy.
pub fn strength(password: &str) -> Strength {
    match entropy_bits(password) {
        b if b < 28.0 => Strength::VeryWeak,
        b if b < 40.0 => Strength::Weak,
        b if b < 60.0 => Strength::Fair,
        b if b < 80.0 => Strength::Good,
        _ => Strength::Strong,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_and_substitutions_are_weak() {
        assert_eq!(strength("Password1!"), Strength::VeryWeak);
        assert_eq!(strength("P@ssw0rd1!"), Strength::VeryWeak);
        assert!(strength("Welcome2026!") <= Strength::Weak);
    }

    #[test]
    fn repeats_and_sequences_are_penalised() {
        assert!(entropy_bits("aaaaaaaaA1") < entropy_bits("kq8ZmwT3xv"));
        assert!(entropy_bits("abcdefgH1!") < entropy_bits("gzkwqbmH1!"));
        assert!(entropy_bits("98765432Aa") < entropy_bits("93718264Aa"));
        assert!(strength("Aa1!Aa1!Aa") < strength("Zq7!mW2#tK"));
    }

    #[test]
    fn long_varied_passwords_are_strong() {
        assert_eq!(strength("Blue-Harbour-42-Lantern"), Strength::Strong);
        assert!(strength("Blue-Harbour-42") >= Strength::Good);
        assert_eq!(strength(&"Zq7!mW2#tK".repeat(3)), Strength::Strong);
    }

    #[test]
    fn longer_is_never_weaker_for_fresh_characters() {
        let mut previous = 0.0;
        for n in 1..=20 {
            let pw: String = "Zq7!mW2#tKp9&Rv4$Ly8".chars().take(n).collect();
            let bits = entropy_bits(&pw);
            assert!(bits >= previous, "{pw}");
            previous = bits;
        }
    }

    #[test]
    fn work_is_bounded_past_256_characters() {
        let long: String = (0..20_000u32)
            .filter_map(|i| char::from_u32(0x21 + i % 94 + (i / 94) * 0x100))
            .collect();
        let head: String = long.chars().take(ESTIMATED_AT_MOST).collect();
        assert_eq!(entropy_bits(&long), entropy_bits(&head));
        assert!(entropy_bits(&"Zq7!".repeat(64)) <= entropy_bits(&"Zq7!".repeat(5000)));
    }

    #[test]
    fn empty_is_very_weak_and_scores_map_to_meter() {
        assert_eq!(strength(""), Strength::VeryWeak);
        assert_eq!(Strength::VeryWeak.score(), 0);
        assert_eq!(Strength::Strong.score(), 4);
    }
}
