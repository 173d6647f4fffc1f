//! The emulated tenant: users, their object ids, passwords and history, and the directory's
//! password rules as Entra applies them server-side — including the banned-word and history
//! checks a client cannot do, so those paths can be tried for real.

use crate::object_id;
use crate::policy::{unsubstituted, Policy};
use serde::Deserialize;
use std::fmt;

/// A user of the emulated tenant, as given in a `--users` file. Its `Debug` hides the secrets.
#[derive(Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    /// The object id, a GUID. A `--users` file may leave it out: see [`with_ids`].
    #[serde(default)]
    pub id: String,
    pub user_principal_name: String,
    pub password: String,
    /// The bearer token that signs this user in.
    pub token: String,
    /// False emulates a token without `Directory.AccessAsUser.All`, or an on-premises synced
    /// account: Graph answers 403.
    #[serde(default = "yes")]
    pub can_change_password: bool,
    /// The password before the current one. History is one password deep, as documented:
    /// "The last password can't be used again when the user changes a password".
    #[serde(skip)]
    pub previous_password: Option<String>,
}

fn yes() -> bool {
    true
}

impl fmt::Debug for User {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("User")
            .field("id", &self.id)
            .field("user_principal_name", &self.user_principal_name)
            .field("password", &"<redacted>")
            .field("token", &"<redacted>")
            .field("can_change_password", &self.can_change_password)
            .field(
                "previous_password",
                &self.previous_password.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

/// Tokens that are well-formed but expired: 401, as Graph answers a stale MSAL cache.
pub const EXPIRED_TOKEN: &str = "expired-token";

/// The users a fresh emulator starts with; their passwords and tokens are listed in README.md.
pub fn demo_users() -> Vec<User> {
    vec![
        User {
            id: "3f2504e0-4f89-41d3-9a0c-0305e82c3301".into(),
            user_principal_name: "adele.vance@contoso.example".into(),
            password: "Start-Here-2026".into(),
            token: "demo-token".into(),
            can_change_password: true,
            previous_password: None,
        },
        User {
            id: "6e8a1b52-5f0c-4d6f-9c44-2a1b7d0e9f10".into(),
            user_principal_name: "megan.bowen@contoso.example".into(),
            password: "Synced-From-AD-1".into(),
            token: "no-permission-token".into(),
            can_change_password: false,
            previous_password: None,
        },
    ]
}

/// Users from a `--users` file, each with an object id: the file's own (a GUID, unique), or one
/// derived from the UPN, the same on every start. The error says which user to fix.
pub fn with_ids(mut users: Vec<User>) -> Result<Vec<User>, String> {
    for i in 0..users.len() {
        let user = &mut users[i];
        if user.id.is_empty() {
            user.id = object_id::derived_from(&user.user_principal_name);
        } else if !object_id::is_guid(&user.id) {
            return Err(format!(
                "user {}: \"id\" must be a GUID like 3f2504e0-4f89-41d3-9a0c-0305e82c3301",
                user.user_principal_name
            ));
        }
        let user = &users[i];
        if let Some(other) = users[..i]
            .iter()
            .find(|u| u.id.eq_ignore_ascii_case(&user.id))
        {
            return Err(format!(
                "users {} and {} have the same id {}",
                other.user_principal_name, user.user_principal_name, user.id
            ));
        }
    }
    Ok(users)
}

/// Why the directory refuses a new password.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    Complexity,
    Banned,
    RecentlyUsed,
}

/// Words Entra Password Protection's global list would catch; matched after undoing common
/// character substitutions, as Entra does.
const BANNED: &[&str] = &[
    "password", "contoso", "welcome", "qwerty", "letmein", "changeme", "admin",
];

/// Entra's default complexity (8–256 characters, 3 of 4 categories, allowed characters only),
/// by the component's own policy: the server checks what the form checks.
pub fn complexity_ok(password: &str) -> bool {
    Policy::default().check(password).iter().all(|c| c.met())
}

/// The password with common substitutions undone, as Entra Password Protection compares it.
fn normalised(password: &str) -> String {
    password.chars().map(unsubstituted).collect()
}

impl User {
    /// The server-side checks of a new password, in Graph's order.
    pub fn refuses(&self, new_password: &str) -> Option<Refusal> {
        let plain = normalised(new_password);
        let name = self
            .user_principal_name
            .split(['@', '.'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if !complexity_ok(new_password) {
            Some(Refusal::Complexity)
        } else if BANNED.iter().any(|w| plain.contains(w))
            || (name.len() >= 3 && plain.contains(&name))
        {
            Some(Refusal::Banned)
        } else if new_password == self.password
            || self.previous_password.as_deref() == Some(new_password)
        {
            Some(Refusal::RecentlyUsed)
        } else {
            None
        }
    }

    /// Applies an accepted change: the old password stops working and becomes the one
    /// remembered; the one remembered before it may be used again.
    pub fn change_password(&mut self, new_password: &str) {
        let old = std::mem::replace(&mut self.password, new_password.to_owned());
        self.previous_password = Some(old);
    }

    /// Whether a `/users/{key}` path segment (already percent-decoded) names this user: the
    /// object id or the UPN, neither case-sensitive.
    pub fn is_named_by(&self, key: &str) -> bool {
        self.id.eq_ignore_ascii_case(key)
            || self.user_principal_name.to_lowercase() == key.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn adele() -> User {
        demo_users().remove(0)
    }

    #[test]
    fn complexity() {
        assert!(complexity_ok("Tr0ub4dor&3"));
        assert!(!complexity_ok("Aa1!aaa"));
        assert!(!complexity_ok("alllowercase1"));
        assert!(!complexity_ok("Passwörd-123"));
        assert!(complexity_ok(&format!("Aa1{}", "x".repeat(253))));
        assert!(!complexity_ok(&format!("Aa1{}", "x".repeat(254))));
    }

    #[test]
    fn banned_words_survive_substitutions_and_case() {
        let u = adele();
        assert_eq!(u.refuses("P@ssw0rd-2026"), Some(Refusal::Banned));
        assert_eq!(u.refuses("Welcome-To-It9"), Some(Refusal::Banned));
        assert_eq!(u.refuses("Adele-Rocks-99"), Some(Refusal::Banned));
        assert_eq!(u.refuses("Blue-Harbour-42"), None);
    }

    #[test]
    fn debug_output_hides_password_token_and_history() {
        let mut u = adele();
        u.change_password("Blue-Harbour-42");
        let shown = format!("{u:?} {u:#?}");
        assert!(shown.contains("adele.vance@contoso.example"), "{shown}");
        for secret in ["Start-Here-2026", "Blue-Harbour-42", "demo-token"] {
            assert!(!shown.contains(secret), "{shown}");
        }
    }

    #[test]
    fn history_refuses_current_and_previous_passwords_only() {
        let mut u = adele();
        assert_eq!(u.refuses("Start-Here-2026"), Some(Refusal::RecentlyUsed));
        u.change_password("Blue-Harbour-42");
        assert_eq!(u.password, "Blue-Harbour-42");
        assert_eq!(u.refuses("Start-Here-2026"), Some(Refusal::RecentlyUsed));
        assert_eq!(u.refuses("Green-Valley-7"), None);
        u.change_password("Green-Valley-7");
        assert_eq!(u.refuses("Blue-Harbour-42"), Some(Refusal::RecentlyUsed));
        assert_eq!(u.refuses("Start-Here-2026"), None, "two changes ago");
    }

    #[test]
    fn users_are_named_by_id_or_upn_in_any_case() {
        let u = adele();
        assert!(u.is_named_by("3F2504E0-4F89-41D3-9A0C-0305E82C3301"));
        assert!(u.is_named_by("Adele.Vance@Contoso.example"));
        assert!(!u.is_named_by("6e8a1b52-5f0c-4d6f-9c44-2a1b7d0e9f10"));
        assert!(!u.is_named_by(""));
    }

    #[test]
    fn ids_from_a_users_file_are_kept_derived_or_refused() {
        let mut given = adele();
        let mut derived = demo_users().remove(1);
        derived.id.clear();
        let users = with_ids(vec![given.clone(), derived.clone()]).unwrap();
        assert_eq!(users[0].id, given.id);
        assert_eq!(
            users[1].id,
            object_id::derived_from("megan.bowen@contoso.example")
        );
        given.id = "not-a-guid".into();
        assert!(with_ids(vec![given.clone()]).unwrap_err().contains("GUID"));
        given.id = users[1].id.to_uppercase();
        let err = with_ids(vec![derived, given]).unwrap_err();
        assert!(err.contains("same id"), "{err}");
    }
}
