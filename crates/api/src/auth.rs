//! Secrets: Argon2id password hashes, random tokens stored only as their SHA-256, and the
//! policy numbers of signing in (R-API-3). Nothing here logs or keeps a password or token.

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::Argon2;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::sync::OnceLock;
use std::time::Duration;

/// A session ends after this long without a request…
pub const SESSION_IDLE: Duration = Duration::from_secs(12 * 3600);
/// …and in any case this long after signing in.
pub const SESSION_MAX: Duration = Duration::from_secs(7 * 24 * 3600);
/// `last_seen` is written at most this often per session (not on every request).
pub const SESSION_TOUCH: Duration = Duration::from_secs(5 * 60);
/// An invitation can be used once, within this time.
pub const INVITATION_VALID: Duration = Duration::from_secs(7 * 24 * 3600);
/// Failed sign-ins are counted over this window…
pub const FAILURE_WINDOW: Duration = Duration::from_secs(15 * 60);
/// …and sign-in stops answering (429) at this many failures for one email…
pub const FAILURES_PER_EMAIL: usize = 10;
/// …or at this many from one address.
pub const FAILURES_PER_ADDRESS: usize = 30;

/// Argon2id with the crate's defaults, OWASP's recommendation: 19 MiB, 2 passes, 1 lane.
/// The same in tests: they are not made cheaper.
fn argon2() -> Argon2<'static> {
    Argon2::default()
}

/// The PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`) of a password, with a fresh
/// random salt. Slow by design: call it off the async threads.
pub fn hash_password(password: &str) -> Result<String, String> {
    argon2()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| format!("cannot hash the password: {e}"))
}

/// Whether `password` matches the stored PHC string (with the parameters stored in it).
pub fn verify_password(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(hash) => argon2().verify_password(password.as_bytes(), &hash).is_ok(),
        Err(_) => false,
    }
}

/// A hash to check a password against when there is no such user, so that an unknown email
/// takes as long to refuse as a wrong password.
pub fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| {
        hash_password(&new_token()).unwrap_or_else(|_| {
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA".to_string()
        })
    })
}

/// 32 random bytes from the operating system, URL-safe base64 (43 characters).
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    // The OS random source failing is not recoverable: no token can be made safely.
    getrandom::fill(&mut bytes).expect("the operating system's random source failed");
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// 16 random bytes as lowercase hex: a new workspace's id.
pub fn new_workspace_id() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the operating system's random source failed");
    hex(&bytes)
}

/// How a token is stored: its SHA-256, hex. A stolen database gives no usable token.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// SHA-256, hex, of any text (a command's JSON, to tell a retry from an id reused).
pub fn sha256_hex(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// What a token may look like before it is looked up: anything else is refused without a
/// database query.
pub fn plausible_token(token: &str) -> bool {
    (20..=100).contains(&token.len())
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A password's length in characters (what a person counts), for R-API-3's "at least 12".
pub fn password_problem(password: &str) -> Option<(&'static str, String)> {
    use benefits_protocol::{codes, MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS};
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        Some((
            codes::PASSWORD_TOO_SHORT,
            format!("The password has {chars} characters; it needs at least {MIN_PASSWORD_CHARS}. A few words in a row make a good one."),
        ))
    } else if chars > MAX_PASSWORD_CHARS {
        Some((
            codes::PASSWORD_TOO_LONG,
            format!(
                "The password has {chars} characters; at most {MAX_PASSWORD_CHARS} are accepted."
            ),
        ))
    } else {
        None
    }
}

/// The email as failures are counted: without case or surrounding spaces.
pub fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

/// How long to wait before sign-in may be tried again, given the times (ms, oldest first)
/// of the failures within the window, or `None` if under the limit.
pub fn retry_after(failures: &[i64], limit: usize, now: i64) -> Option<u64> {
    if failures.len() < limit {
        return None;
    }
    // Sign-in opens again when the count falls below the limit: when the failure that
    // keeps it at the limit leaves the window.
    let decisive = failures[failures.len() - limit];
    let window = FAILURE_WINDOW.as_millis() as i64;
    let wait_ms = (decisive + window - now).max(1000);
    Some((wait_ms as u64).div_ceil(1000))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_hash_is_argon2id_salted_and_verifies_only_that_password() {
        let a = hash_password("correct horse battery").unwrap();
        let b = hash_password("correct horse battery").unwrap();
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{a}");
        assert_ne!(a, b, "each hash has its own salt");
        assert!(verify_password("correct horse battery", &a));
        assert!(!verify_password("correct horse battery!", &a));
        assert!(!verify_password("anything", "not a hash"));
        assert!(!verify_password("anything", decoy_hash()));
    }

    #[test]
    fn tokens_are_random_and_stored_as_their_hash() {
        let t = new_token();
        assert_eq!(t.len(), 43);
        assert!(plausible_token(&t));
        assert_ne!(t, new_token());
        let h = token_hash(&t);
        assert_eq!(h.len(), 64);
        assert!(!h.contains(&t));
        assert!(!plausible_token("short"));
        assert!(!plausible_token("with space and more than twenty chars"));
        assert_eq!(new_workspace_id().len(), 32);
    }

    #[test]
    fn passwords_are_counted_in_characters() {
        assert!(password_problem("elevenchars").is_some());
        assert!(password_problem("twelve chars").is_none());
        // 12 characters, more bytes.
        assert!(password_problem("éééééééééééé").is_none());
        assert!(password_problem(&"x".repeat(1025)).is_some());
    }

    #[test]
    fn sign_in_opens_again_when_the_decisive_failure_leaves_the_window() {
        let window = FAILURE_WINDOW.as_millis() as i64;
        let now = 10 * window;
        let failures: Vec<i64> = (0..10).map(|i| now - 60_000 + i * 1000).collect();
        assert_eq!(retry_after(&failures[..9], 10, now), None);
        // The oldest, a minute ago, leaves the window in 14 minutes.
        assert_eq!(retry_after(&failures, 10, now), Some(14 * 60));
        // With 12 failures, the third oldest decides.
        let mut more = vec![now - 200_000, now - 100_000];
        more.extend(&failures);
        assert_eq!(retry_after(&more, 10, now), Some(14 * 60));
        // Never "retry after 0 seconds".
        assert_eq!(retry_after(&[now - window], 1, now), Some(1));
    }
}
