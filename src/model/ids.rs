//! Typed ids. Each is a validated string: non-empty, at most 64 characters of
//! `a-z A-Z 0-9 _ - .` (docs/file-format.md).

use compact_str::CompactString;
use serde::{Deserialize, Deserializer};
use std::borrow::Borrow;
use std::fmt;

pub const MAX_ID_LEN: usize = 64;

/// Why a string is not a valid id, or `None` if it is.
pub fn id_problem(s: &str) -> Option<String> {
    if s.is_empty() {
        return Some("an id must not be empty".into());
    }
    if s.chars().count() > MAX_ID_LEN {
        return Some(format!(
            "id \"{}…\" is longer than {MAX_ID_LEN} characters",
            s.chars().take(20).collect::<String>()
        ));
    }
    if let Some(c) = s
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
    {
        return Some(format!(
            "id \"{}\" contains {c:?}; ids use only letters, digits, '_', '-' and '.'",
            s.escape_debug()
        ));
    }
    None
}

/// Turns any display name into a valid id ("Alice Chen" → "alice-chen").
pub fn slugify(name: &str) -> String {
    // Letters of any script are transliterated ("Иван" → "ivan", "王伟" →
    // "wang-wei"), never dropped.
    let ascii = deunicode::deunicode_with_tofu(name, "-");
    let mut out = String::new();
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= MAX_ID_LEN {
            break;
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        "item".into()
    } else {
        trimmed.to_string()
    }
}

macro_rules! typed_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        ///
        /// Ids of up to 24 bytes (nearly all) are stored inline, without a
        /// heap allocation: a 100,000-person org holds half a million ids.
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        pub struct $name(CompactString);

        impl $name {
            /// Wraps a string without validating it (for built-ins and tests;
            /// the reader validates everything it reads).
            pub fn new(s: impl Into<String>) -> Self {
                // Copied, so that a short id is inline even when given a
                // heap string.
                $name(CompactString::new(s.into()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                self.0.as_str()
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                match id_problem(&s) {
                    None => Ok($name(CompactString::new(&s))),
                    Some(p) => Err(serde::de::Error::custom(p)),
                }
            }
        }
    };
}

typed_id!(
    /// Id of a person, unique among people.
    PersonId
);
typed_id!(
    /// Id of a team, unique among teams.
    TeamId
);
typed_id!(
    /// Id of an initiative, unique among initiatives.
    InitiativeId
);
typed_id!(
    /// Id of a built-in or custom role ("EM", "PMT", "EngLead").
    RoleId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_rules() {
        assert!(id_problem("alice").is_none());
        assert!(id_problem("eu-launch.v2_x").is_none());
        assert!(id_problem("").is_some());
        assert!(id_problem("has space").unwrap().contains("' '"));
        assert!(id_problem(&"a".repeat(64)).is_none());
        assert!(id_problem(&"a".repeat(65)).is_some());
    }

    #[test]
    fn slugs_are_valid_ids() {
        for name in ["Alice Chen", "  ", "Ola Sørensen", "EU launch!", "x"] {
            let s = slugify(name);
            assert!(id_problem(&s).is_none(), "{name:?} -> {s:?}");
        }
        assert_eq!(slugify("Alice Chen"), "alice-chen");
    }
}
