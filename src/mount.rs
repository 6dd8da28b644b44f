//! How the app is put on a page (R-STATE-4): the options of a mount, read and checked here
//! as pure functions (tested natively); `main.rs` exports `mount`, which the standalone page
//! and `embed.js` both call.
//!
//! - `base`: the path under which the app's addresses live (`/intranet/benefits`); `/` when
//!   the app has the whole origin.
//! - `namespace`: the prefix of every storage key, so that two apps on one origin never share
//!   data by accident.
//! - `api`: where the `benefits-api` server answers (shared mode, issue 14). Without it the
//!   app is in local mode.
//! - `embedded`: drawn inside a host page's element (in its shadow root), not as the page.
//! - `files`: the address of the app's own files (`dist/`), for the few the app links to
//!   (the bulk planner's sample CSV): `embed.js` passes its own directory, so `dist/` may be
//!   served under any path.

use crate::storage::DEFAULT_NAMESPACE;

/// What a mount was asked for, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MountOptions {
    /// `""` when the app has the whole origin, else `/intranet/benefits` (no trailing `/`).
    pub base: String,
    pub namespace: String,
    /// The server of shared mode, as given (`/benefits-api`, `https://…`); `None`: local mode.
    pub api: Option<String>,
    pub embedded: bool,
    /// Where `dist/` is served, ending with `/`.
    pub files: String,
}

/// The longest namespace accepted (keys stay short and readable).
pub const MAX_NAMESPACE: usize = 64;

impl MountOptions {
    /// Reads the options as a host page writes them (every one optional; an empty attribute
    /// is the same as none). The error says which option is wrong and how to write it.
    pub fn read(
        base: Option<&str>,
        namespace: Option<&str>,
        api: Option<&str>,
        embedded: bool,
        files: Option<&str>,
    ) -> Result<MountOptions, String> {
        fn given(o: Option<&str>) -> Option<&str> {
            o.map(str::trim).filter(|s| !s.is_empty())
        }
        Ok(MountOptions {
            base: match given(base) {
                None => String::new(),
                Some(base) => read_base(base)?,
            },
            namespace: match given(namespace) {
                None => DEFAULT_NAMESPACE.to_string(),
                Some(ns) => read_namespace(ns)?,
            },
            api: match given(api) {
                None => None,
                Some(api) => Some(read_api(api)?),
            },
            embedded,
            files: match given(files) {
                None => "/".to_string(),
                Some(files) if files.ends_with('/') => files.to_string(),
                Some(files) => format!("{files}/"),
            },
        })
    }
}

fn read_base(base: &str) -> Result<String, String> {
    let wrong = |why: &str| {
        Err(format!(
            "base \"{base}\" {why}: write the path of the app's pages, such as /intranet/benefits"
        ))
    };
    if !base.starts_with('/') {
        return wrong("does not start with /");
    }
    if base.contains(['?', '#', '\\']) || base.chars().any(char::is_whitespace) {
        return wrong("is not a plain path");
    }
    let trimmed = base.trim_end_matches('/');
    if trimmed
        .split('/')
        .skip(1)
        .any(|segment| segment.is_empty() || segment == "." || segment == "..")
    {
        return wrong("has an empty, . or .. part");
    }
    Ok(trimmed.to_string())
}

fn read_namespace(namespace: &str) -> Result<String, String> {
    let fits = namespace.len() <= MAX_NAMESPACE
        && namespace
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b));
    if fits {
        Ok(namespace.to_string())
    } else {
        Err(format!(
            "namespace \"{namespace}\" may hold only letters, digits, - _ and . (at most {MAX_NAMESPACE}), such as contoso-benefits"
        ))
    }
}

fn read_api(api: &str) -> Result<String, String> {
    let fits = (api.starts_with('/') && !api.starts_with("//"))
        || api.starts_with("https://")
        || api.starts_with("http://");
    if fits && !api.chars().any(char::is_whitespace) {
        Ok(api.trim_end_matches('/').to_string())
    } else {
        Err(format!(
            "api \"{api}\" is not the address of a server: write a path such as /benefits-api or a full https:// address"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(
        base: Option<&str>,
        ns: Option<&str>,
        api: Option<&str>,
    ) -> Result<MountOptions, String> {
        MountOptions::read(base, ns, api, true, None)
    }

    #[test]
    fn every_option_may_be_left_out() {
        for empty in [None, Some(""), Some("  ")] {
            let options = read(empty, empty, empty).unwrap();
            assert_eq!(options.base, "");
            assert_eq!(options.namespace, "partner-benefits");
            assert_eq!(options.api, None);
            assert_eq!(options.files, "/");
        }
        let files = |f| {
            MountOptions::read(None, None, None, false, Some(f))
                .unwrap()
                .files
        };
        assert_eq!(
            files("http://127.0.0.1:9/benefits-app/"),
            "http://127.0.0.1:9/benefits-app/"
        );
        assert_eq!(files("/benefits-app"), "/benefits-app/");
    }

    #[test]
    fn a_base_is_a_path_without_its_trailing_slash() {
        for (given, base) in [
            ("/", ""),
            ("//", ""),
            ("/intranet/benefits", "/intranet/benefits"),
            ("/intranet/benefits/", "/intranet/benefits"),
            (" /a-b_c.d ", "/a-b_c.d"),
        ] {
            assert_eq!(read(Some(given), None, None).unwrap().base, base, "{given}");
        }
        for bad in [
            "intranet",
            "/a//b",
            "/a/./b",
            "/a/..",
            "/a?b",
            "/a#b",
            "/a b",
            "https://x/y",
            "/a\\b",
        ] {
            let error = read(Some(bad), None, None).unwrap_err();
            assert!(error.starts_with(&format!("base \"{bad}\"")), "{error}");
            assert!(error.contains("/intranet/benefits"), "{error}");
        }
    }

    #[test]
    fn a_namespace_is_a_short_plain_word() {
        assert_eq!(
            read(None, Some("contoso"), None).unwrap().namespace,
            "contoso"
        );
        assert_eq!(
            read(None, Some("a.b_c-9"), None).unwrap().namespace,
            "a.b_c-9"
        );
        let longest = "n".repeat(MAX_NAMESPACE);
        assert!(read(None, Some(&longest), None).is_ok());
        for bad in ["a:b", "a b", "é", "a/b", &"n".repeat(MAX_NAMESPACE + 1)] {
            let error = read(None, Some(bad), None).unwrap_err();
            assert!(error.contains("only letters, digits"), "{error}");
        }
    }

    #[test]
    fn an_api_is_a_path_or_a_web_address() {
        for (given, api) in [
            ("/benefits-api", "/benefits-api"),
            ("/benefits-api/", "/benefits-api"),
            (
                "https://benefits.contoso.example",
                "https://benefits.contoso.example",
            ),
            ("http://127.0.0.1:8080/", "http://127.0.0.1:8080"),
        ] {
            assert_eq!(
                read(None, None, Some(given)).unwrap().api.as_deref(),
                Some(api)
            );
        }
        for bad in [
            "benefits-api",
            "//evil.example",
            "ftp://x",
            "/a b",
            "javascript:alert(1)",
        ] {
            assert!(read(None, None, Some(bad)).is_err(), "{bad}");
        }
    }
}
