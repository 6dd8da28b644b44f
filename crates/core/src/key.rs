//! Product keys (R-KEY-1): 25 characters of a restricted alphabet, shown as five groups of
//! five separated by hyphens.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The characters a product key is made of. The letters A E I L N O S U Z and the digits
/// 0 1 5 never appear, so that no two characters look alike.
pub const KEY_ALPHABET: &str = "BCDFGHJKMPQRTVWXY2346789";
/// Characters in a key, without separators.
pub const KEY_LENGTH: usize = 25;

/// A well-formed product key, stored normalised (25 characters, no hyphens).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ProductKey([u8; KEY_LENGTH]);

/// Why a text is not a product key. `Display` gives the sentence for a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyError {
    Empty,
    /// A character outside the key alphabet, at 1-based `position` of the normalised key.
    BadCharacter {
        position: usize,
        found: char,
    },
    WrongLength {
        found: usize,
    },
}

impl KeyError {
    /// A stable code for programs.
    pub fn code(&self) -> &'static str {
        match self {
            KeyError::Empty => "key_empty",
            KeyError::BadCharacter { .. } => "key_bad_character",
            KeyError::WrongLength { .. } => "key_wrong_length",
        }
    }
}

/// A hint for the characters people most often misread on a printed or e-mailed key.
fn look_alike_hint(c: char) -> Option<&'static str> {
    match c {
        '0' | 'O' => Some("zero and the letter O are never used, so check what was printed: it may be a D or a Q"),
        '1' | 'I' | 'L' => Some("the digit 1 and the letters I and L are never used, so check what was printed: it may be a 7 or a T"),
        '5' | 'S' => Some("the digit 5 and the letter S are never used, so check what was printed: it may be a 6 or an 8"),
        _ => None,
    }
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyError::Empty => write!(f, "Enter a product key: 25 characters, such as XXXXX-XXXXX-XXXXX-XXXXX-XXXXX."),
            KeyError::BadCharacter { position, found } => {
                let group = (position - 1) / 5 + 1;
                let shown = if found.is_control() || found.is_whitespace() {
                    format!("U+{:04X}", *found as u32)
                } else {
                    format!("\"{found}\"")
                };
                write!(
                    f,
                    "Character {position} (group {group}) is {shown}, which is never part of a product key. "
                )?;
                match look_alike_hint(*found) {
                    Some(hint) => write!(f, "In product keys {hint}."),
                    None => write!(
                        f,
                        "Keys use only the letters and digits {KEY_ALPHABET}: the letters A E I L N O S U Z and the digits 0 1 5 never appear."
                    ),
                }
            }
            KeyError::WrongLength { found } => write!(
                f,
                "A product key has 25 characters (five groups of five); this one has {found}. Check for a missing or extra group."
            ),
        }
    }
}

impl std::error::Error for KeyError {}

impl ProductKey {
    /// Reads a key as a person types or pastes it: surrounding space is trimmed, letters are
    /// upper-cased, spaces and hyphens are dropped.
    pub fn parse(input: &str) -> Result<ProductKey, KeyError> {
        let mut out = [0u8; KEY_LENGTH];
        let mut len = 0usize;
        for c in input.trim().chars() {
            if c == '-' || c == ' ' {
                continue;
            }
            let c = c.to_ascii_uppercase();
            len += 1;
            if !c.is_ascii() || !KEY_ALPHABET.as_bytes().contains(&(c as u8)) {
                return Err(KeyError::BadCharacter {
                    position: len,
                    found: c,
                });
            }
            if len <= KEY_LENGTH {
                out[len - 1] = c as u8;
            }
        }
        match len {
            0 => Err(KeyError::Empty),
            KEY_LENGTH => Ok(ProductKey(out)),
            found => Err(KeyError::WrongLength { found }),
        }
    }

    /// The 25 characters without separators.
    pub fn as_compact(&self) -> &str {
        // Only ASCII bytes of the alphabet are ever stored.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The last group of five, the part a masked key shows.
    pub fn last_group(&self) -> &str {
        &self.as_compact()[20..]
    }

    /// `•••••-•••••-•••••-•••••-3K7WQ`: what everyone sees before "Get keys".
    pub fn masked(&self) -> String {
        format!("•••••-•••••-•••••-•••••-{}", self.last_group())
    }
}

/// Five groups of five: `QK7TW-M4R8C-XYBD2-H96PJ-FG3VT`.
impl fmt::Display for ProductKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.as_compact();
        write!(
            f,
            "{}-{}-{}-{}-{}",
            &s[0..5],
            &s[5..10],
            &s[10..15],
            &s[15..20],
            &s[20..25]
        )
    }
}

impl fmt::Debug for ProductKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ProductKey({self})")
    }
}

impl std::str::FromStr for ProductKey {
    type Err = KeyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ProductKey::parse(s)
    }
}

impl Serialize for ProductKey {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ProductKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        ProductKey::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn r_key_1_normalises_and_groups() {
        let k = ProductKey::parse("  qk7tw m4r8c-xybd2 h96pj-FG3VT ").unwrap();
        assert_eq!(k.to_string(), "QK7TW-M4R8C-XYBD2-H96PJ-FG3VT");
        assert_eq!(k.as_compact(), "QK7TWM4R8CXYBD2H96PJFG3VT");
        assert_eq!(k.masked(), "•••••-•••••-•••••-•••••-FG3VT");
    }

    #[test]
    fn r_key_1_refuses_a_bad_character_with_its_position_and_a_hint() {
        let err = ProductKey::parse("QK7TW-M4R8C-XYBD0-H96PJ-FG3VT").unwrap_err();
        assert_eq!(
            err,
            KeyError::BadCharacter {
                position: 15,
                found: '0'
            }
        );
        let text = err.to_string();
        assert!(text.contains("Character 15 (group 3)"), "{text}");
        assert!(text.contains("D or a Q"), "{text}");
        let err = ProductKey::parse("s").unwrap_err();
        assert!(err.to_string().contains("6 or an 8"));
        let err = ProductKey::parse("QK7TL").unwrap_err();
        assert_eq!(
            err,
            KeyError::BadCharacter {
                position: 5,
                found: 'L'
            }
        );
        let err = ProductKey::parse("QKA").unwrap_err();
        assert!(err.to_string().contains("A E I L N O S U Z"), "{err}");
    }

    #[test]
    fn r_key_1_refuses_wrong_length_and_empty() {
        assert_eq!(ProductKey::parse(" - "), Err(KeyError::Empty));
        assert_eq!(
            ProductKey::parse("QK7TW-M4R8C-XYBD2-H96PJ"),
            Err(KeyError::WrongLength { found: 20 })
        );
        assert_eq!(
            ProductKey::parse("QK7TW-M4R8C-XYBD2-H96PJ-FG3VT-B"),
            Err(KeyError::WrongLength { found: 26 })
        );
    }

    #[test]
    fn r_key_1_serde_round_trip() {
        let k = ProductKey::parse("QK7TWM4R8CXYBD2H96PJFG3VT").unwrap();
        let json = serde_json::to_string(&k).unwrap();
        assert_eq!(json, "\"QK7TW-M4R8C-XYBD2-H96PJ-FG3VT\"");
        assert_eq!(serde_json::from_str::<ProductKey>(&json).unwrap(), k);
        assert!(serde_json::from_str::<ProductKey>("\"OOPS\"").is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]
        #[test]
        fn parse_never_panics(s in "\\PC{0,40}") {
            let _ = ProductKey::parse(&s);
        }

        #[test]
        fn display_parses_back(chars in proptest::collection::vec(proptest::sample::select(KEY_ALPHABET.as_bytes().to_vec()), KEY_LENGTH)) {
            let s = String::from_utf8(chars).unwrap();
            let k = ProductKey::parse(&s).unwrap();
            prop_assert_eq!(ProductKey::parse(&k.to_string()).unwrap(), k.clone());
            prop_assert_eq!(ProductKey::parse(&s.to_lowercase()).unwrap(), k);
        }
    }
}
