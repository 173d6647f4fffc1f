//! Password policy as data: a list of named rules, each met or not, so the view can render a live
//! checklist and another directory's policy can be plugged in later. Pure, with no dependency at
//! all: the local Graph (`emulator/`) compiles this same file for its own checks, so the symbol
//! set and the substitution table are written once.

/// Symbols Microsoft Entra ID accepts by default (space is allowed too: `Policy::allow_space`).
pub const ENTRA_SYMBOLS: &str = "@#$%^&*-_!+=[]{}|\\:',.?/`~\"();<>";

/// A password policy: length bounds, how many character categories must appear, which symbols
/// are allowed. Letters and digits are always ASCII-only, as in Microsoft Entra ID.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    pub min_len: usize,
    pub max_len: usize,
    /// How many of lowercase, uppercase, digits, symbols must appear.
    pub min_categories: usize,
    pub symbols: &'static str,
    pub allow_space: bool,
}

impl Default for Policy {
    /// Microsoft Entra ID's default policy for cloud accounts.
    fn default() -> Self {
        Self {
            min_len: 8,
            max_len: 256,
            min_categories: 3,
            symbols: ENTRA_SYMBOLS,
            allow_space: true,
        }
    }
}

/// One requirement of a policy, with what is needed to describe it to a person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rule {
    Length { min: usize, max: usize },
    Categories { required: usize },
    AllowedCharacters,
}

/// The four character categories Entra counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    Lowercase,
    Uppercase,
    Digit,
    Symbol,
}

/// A rule and how a password fares against it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleCheck {
    pub rule: Rule,
    /// Why the rule is not met; `None` when it is.
    pub failure: Option<RuleFailure>,
}

impl RuleCheck {
    pub fn met(&self) -> bool {
        self.failure.is_none()
    }
}

/// Why a rule is not met, precise enough to tell the user what to change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleFailure {
    TooShort {
        len: usize,
        min: usize,
    },
    TooLong {
        len: usize,
        max: usize,
    },
    TooFewCategories {
        have: usize,
        required: usize,
    },
    /// The first few distinct characters that are not allowed (at most [`NAMED_AT_MOST`]), in
    /// order of first appearance; `more` when there are others.
    Disallowed {
        named: Vec<char>,
        more: bool,
    },
}

/// How many disallowed characters a message names: enough to find them, and a pasted page of
/// foreign text costs no more than a few.
pub const NAMED_AT_MOST: usize = 3;

impl Policy {
    /// The category a character counts towards, or `None` if the policy does not allow it.
    pub fn category(&self, c: char) -> Option<Category> {
        match c {
            'a'..='z' => Some(Category::Lowercase),
            'A'..='Z' => Some(Category::Uppercase),
            '0'..='9' => Some(Category::Digit),
            ' ' if self.allow_space => Some(Category::Symbol),
            c if self.symbols.contains(c) => Some(Category::Symbol),
            _ => None,
        }
    }

    /// Every rule of the policy, in the order a checklist shows them.
    pub fn check(&self, password: &str) -> Vec<RuleCheck> {
        let len = password.chars().count();
        let mut seen = [false; 4];
        let mut disallowed: Vec<char> = Vec::new();
        let mut more = false;
        for c in password.chars() {
            match self.category(c) {
                Some(cat) => seen[cat as usize] = true,
                None if disallowed.contains(&c) => {}
                None if disallowed.len() < NAMED_AT_MOST => disallowed.push(c),
                None => more = true,
            }
        }
        let have = seen.iter().filter(|s| **s).count();

        let length = if len < self.min_len {
            Some(RuleFailure::TooShort {
                len,
                min: self.min_len,
            })
        } else if len > self.max_len {
            Some(RuleFailure::TooLong {
                len,
                max: self.max_len,
            })
        } else {
            None
        };
        let categories = (have < self.min_categories).then_some(RuleFailure::TooFewCategories {
            have,
            required: self.min_categories,
        });
        let characters = (!disallowed.is_empty()).then_some(RuleFailure::Disallowed {
            named: disallowed,
            more,
        });

        [
            (
                Rule::Length {
                    min: self.min_len,
                    max: self.max_len,
                },
                length,
            ),
            (
                Rule::Categories {
                    required: self.min_categories,
                },
                categories,
            ),
            (Rule::AllowedCharacters, characters),
        ]
        .into_iter()
        .map(|(rule, failure)| RuleCheck { rule, failure })
        .collect()
    }
}

/// What the user typed, as the form hands it to the checks. No `Debug` shows the passwords.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Entry {
    pub current: String,
    pub new: String,
    pub confirm: String,
}

impl Entry {
    /// What is typed in `field`.
    pub fn text(&self, field: Field) -> &str {
        match field {
            Field::Current => &self.current,
            Field::New => &self.new,
            Field::Confirm => &self.confirm,
        }
    }
}

/// A password on its way between the view and the model: its `Debug` never shows it, so a
/// stray `{:?}` of an event or an effect prints no password.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}

impl From<&str> for Secret {
    fn from(text: &str) -> Self {
        Secret(text.to_owned())
    }
}

impl std::fmt::Debug for Entry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Entry { <redacted> }")
    }
}

/// A problem with one field, found before anything is sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldProblem {
    Required,
    /// The first unmet policy rule of the new password.
    Policy(RuleFailure),
    SameAsCurrent,
    Mismatch,
    /// Seen this many times in data breaches (the optional breach check).
    Breached(u64),
}

/// The letter a common substitution stands for (`0` → `o`, `@` → `a`, `$` → `s`…), lower-cased:
/// what attackers and Entra Password Protection undo before comparing with a list of words.
pub fn unsubstituted(c: char) -> char {
    match c.to_ascii_lowercase() {
        '0' => 'o',
        '1' | '!' | '|' => 'l',
        '3' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '7' => 't',
        other => other,
    }
}

/// The three fields of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Current,
    New,
    Confirm,
}

impl Field {
    pub const ALL: [Field; 3] = [Field::Current, Field::New, Field::Confirm];

    /// Its name in ids (`gcp1-current`).
    pub fn name(self) -> &'static str {
        match self {
            Field::Current => "current",
            Field::New => "new",
            Field::Confirm => "confirm",
        }
    }
}

/// The problems of each field; all `None` means the entry may be sent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldProblems {
    pub current: Option<FieldProblem>,
    pub new: Option<FieldProblem>,
    pub confirm: Option<FieldProblem>,
}

impl FieldProblems {
    /// The problem of one field.
    pub fn of(&self, field: Field) -> Option<&FieldProblem> {
        match field {
            Field::Current => self.current.as_ref(),
            Field::New => self.new.as_ref(),
            Field::Confirm => self.confirm.as_ref(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.current.is_none() && self.new.is_none() && self.confirm.is_none()
    }
}

impl Entry {
    /// All client-side checks of the form, field by field.
    pub fn problems(&self, policy: &Policy) -> FieldProblems {
        let current = self.current.is_empty().then_some(FieldProblem::Required);
        let new = if self.new.is_empty() {
            Some(FieldProblem::Required)
        } else if let Some(failure) = policy.check(&self.new).into_iter().find_map(|c| c.failure) {
            Some(FieldProblem::Policy(failure))
        } else if self.new == self.current {
            Some(FieldProblem::SameAsCurrent)
        } else {
            None
        };
        let confirm = if self.confirm.is_empty() {
            Some(FieldProblem::Required)
        } else if self.confirm != self.new {
            Some(FieldProblem::Mismatch)
        } else {
            None
        };
        FieldProblems {
            current,
            new,
            confirm,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failures(pw: &str) -> Vec<RuleFailure> {
        Policy::default()
            .check(pw)
            .into_iter()
            .filter_map(|c| c.failure)
            .collect()
    }

    #[test]
    fn a_good_password_meets_every_rule() {
        let checks = Policy::default().check("Tr0ub4dor&3");
        assert_eq!(checks.len(), 3);
        assert!(checks.iter().all(|c| c.met() && c.failure.is_none()));
    }

    #[test]
    fn length_edges_7_8_256_257() {
        let pw = |n: usize| format!("Aa1{}", "x".repeat(n - 3));
        assert_eq!(
            failures(&pw(7)),
            vec![RuleFailure::TooShort { len: 7, min: 8 }]
        );
        assert!(failures(&pw(8)).is_empty());
        assert!(failures(&pw(256)).is_empty());
        assert_eq!(
            failures(&pw(257)),
            vec![RuleFailure::TooLong { len: 257, max: 256 }]
        );
    }

    #[test]
    fn three_of_four_categories_are_needed() {
        let few = |have| vec![RuleFailure::TooFewCategories { have, required: 3 }];
        assert_eq!(failures("abcdefghij"), few(1));
        assert_eq!(failures("abcdeFGHIJ"), few(2));
        assert_eq!(failures("abcde12345"), few(2));
        assert_eq!(failures("!!!!!12345"), few(2));
        assert!(failures("abcdeFGH12").is_empty());
        assert!(failures("abcdeFGH!!").is_empty());
        assert!(failures("abcde123!!").is_empty());
        assert!(failures("ABCDE123!!").is_empty());
    }

    #[test]
    fn every_listed_symbol_space_and_backtick_are_allowed_and_count_as_symbols() {
        let policy = Policy::default();
        for c in ENTRA_SYMBOLS.chars().chain([' ', '`']) {
            assert_eq!(policy.category(c), Some(Category::Symbol), "{c:?}");
        }
        assert!(failures("abc DEF 123").is_empty());
    }

    #[test]
    fn each_kind_of_disallowed_character_is_named_once() {
        let dis = |pw: &str| {
            failures(pw).into_iter().find_map(|f| match f {
                RuleFailure::Disallowed { named, more: false } => Some(named),
                _ => None,
            })
        };
        assert_eq!(dis("Passwörd1é"), Some(vec!['ö', 'é']));
        assert_eq!(dis("Password1😀😀"), Some(vec!['😀']));
        assert_eq!(dis("Pass\tword1"), Some(vec!['\t']));
        assert_eq!(dis("Pass\nword1"), Some(vec!['\n']));
        assert_eq!(dis("Pass\u{a0}word1"), Some(vec!['\u{a0}']));
        assert_eq!(dis("Ｐassword1!"), Some(vec!['Ｐ']));
        assert_eq!(dis("Password1€"), Some(vec!['€']));
        assert_eq!(dis("Password1!"), None);
    }

    #[test]
    fn a_pasted_page_of_foreign_text_names_only_a_few_characters() {
        let pasted: String = (0..20_000u32)
            .filter_map(|i| char::from_u32(0x4e00 + i))
            .collect();
        let found = failures(&format!("Aa1!{pasted}"));
        assert!(found.contains(&RuleFailure::Disallowed {
            named: vec!['\u{4e00}', '\u{4e01}', '\u{4e02}'],
            more: true
        }));
        assert!(found.contains(&RuleFailure::TooLong {
            len: 20_004,
            max: 256
        }));
    }

    #[test]
    fn entry_debug_shows_no_password() {
        let entry = Entry {
            current: "Old-Secret-1".into(),
            new: "New-Secret-2".into(),
            confirm: "New-Secret-2".into(),
        };
        let debug = format!("{entry:?}");
        assert!(!debug.contains("Secret"), "{debug}");
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        assert_eq!(
            failures("Aé1").first(),
            Some(&RuleFailure::TooShort { len: 3, min: 8 })
        );
    }

    #[test]
    fn form_checks_required_fields() {
        let problems = Entry::default().problems(&Policy::default());
        assert_eq!(problems.current, Some(FieldProblem::Required));
        assert_eq!(problems.new, Some(FieldProblem::Required));
        assert_eq!(problems.confirm, Some(FieldProblem::Required));
        assert!(!problems.is_empty());
    }

    #[test]
    fn form_checks_policy_difference_and_confirmation() {
        let entry = |c: &str, n: &str, k: &str| Entry {
            current: c.into(),
            new: n.into(),
            confirm: k.into(),
        };
        let p = Policy::default();
        assert!(entry("Old-pass1", "New-pass1", "New-pass1")
            .problems(&p)
            .is_empty());
        assert_eq!(
            entry("Old-pass1", "short", "short").problems(&p).new,
            Some(FieldProblem::Policy(RuleFailure::TooShort {
                len: 5,
                min: 8
            }))
        );
        assert_eq!(
            entry("Same-pass1", "Same-pass1", "Same-pass1")
                .problems(&p)
                .new,
            Some(FieldProblem::SameAsCurrent)
        );
        assert_eq!(
            entry("Old-pass1", "New-pass1", "New-pass2")
                .problems(&p)
                .confirm,
            Some(FieldProblem::Mismatch)
        );
        // The current password is not held to the policy: old accounts may predate it.
        assert!(entry("x", "New-pass1", "New-pass1").problems(&p).is_empty());
    }
}
