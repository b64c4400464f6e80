//! Who may write: the analysts' tokens of `rasid serve --write-token-file FILE` (lines
//! `ANALYST TOKEN`) and `--write-token TOKEN`, and the check of a request's
//! `Authorization: Bearer TOKEN` against them, in constant time. Without a token the
//! server is read-only.

use std::fmt;
use std::path::Path;

use axum::http::{header, HeaderMap};
use subtle::ConstantTimeEq;

use crate::error::ApiError;

/// The shortest token accepted, in characters: shorter ones are guessable.
pub const MIN_TOKEN_CHARS: usize = 16;
/// The longest analyst name (the store keeps at most this many characters).
const MAX_ANALYST_CHARS: usize = 100;

/// One analyst's token: a request bearing `token` writes as `analyst`.
#[derive(Clone, PartialEq, Eq)]
pub struct WriteToken {
    pub analyst: String,
    pub token: String,
}

/// The token never shows in a log or an error.
impl fmt::Debug for WriteToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WriteToken")
            .field("analyst", &self.analyst)
            .field("token", &"…")
            .finish()
    }
}

/// A token or a token file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("reading the token file {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{origin}: {detail}")]
    Bad { origin: String, detail: String },
}

impl WriteToken {
    /// A checked token: at least [`MIN_TOKEN_CHARS`] visible ASCII characters (what an
    /// HTTP header carries), and an analyst name of 1 to 100 characters without spaces.
    /// `origin` names where they come from in the error.
    pub fn new(analyst: &str, token: &str, origin: &str) -> Result<Self, TokenError> {
        let bad = |detail: String| TokenError::Bad {
            origin: origin.to_string(),
            detail,
        };
        let n = analyst.chars().count();
        if n == 0 || n > MAX_ANALYST_CHARS || analyst.chars().any(char::is_whitespace) {
            return Err(bad(format!(
                "the analyst's name must be one word of 1 to {MAX_ANALYST_CHARS} characters"
            )));
        }
        if !token.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(bad(
                "a token holds visible ASCII characters only (letters, digits, punctuation)".into(),
            ));
        }
        if token.len() < MIN_TOKEN_CHARS {
            return Err(bad(format!(
                "the token of {analyst} has {} characters, fewer than {MIN_TOKEN_CHARS}: \
                 make a longer one (e.g. `openssl rand -hex 24`)",
                token.len()
            )));
        }
        Ok(Self {
            analyst: analyst.to_string(),
            token: token.to_string(),
        })
    }
}

/// The tokens of a token file's text: one `ANALYST TOKEN` a line; blank lines and lines
/// starting with `#` are skipped. `path` names the file in errors, with the line number.
pub fn parse_tokens(text: &str, path: &str) -> Result<Vec<WriteToken>, TokenError> {
    let mut out: Vec<WriteToken> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let origin = format!("{path} line {}", i + 1);
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [analyst, token] = fields[..] else {
            return Err(TokenError::Bad {
                origin,
                detail: format!(
                    "expected `ANALYST TOKEN` (two words), found {} word(s)",
                    fields.len()
                ),
            });
        };
        let t = WriteToken::new(analyst, token, &origin)?;
        if let Some(other) = out.iter().find(|o| o.token == t.token) {
            return Err(TokenError::Bad {
                origin,
                detail: format!(
                    "the same token as {}'s: each token names one analyst",
                    other.analyst
                ),
            });
        }
        out.push(t);
    }
    if out.is_empty() {
        return Err(TokenError::Bad {
            origin: path.to_string(),
            detail: "no `ANALYST TOKEN` line: writes would stay off".into(),
        });
    }
    Ok(out)
}

/// The tokens of the file at `path` ([`parse_tokens`]); a warning when others than its
/// owner may read it.
pub fn read_token_file(path: &Path) -> Result<Vec<WriteToken>, TokenError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| TokenError::Read {
        path: shown.clone(),
        source,
    })?;
    warn_if_shared(path, &shown);
    parse_tokens(&text, &shown)
}

#[cfg(unix)]
fn warn_if_shared(path: &Path, shown: &str) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.permissions().mode() & 0o077 != 0 {
            tracing::warn!("the token file {shown} may be read by other users: chmod 600 {shown}");
        }
    }
}

#[cfg(not(unix))]
fn warn_if_shared(_: &Path, _: &str) {}

/// The analyst whose token is `presented`, comparing with every token in constant time
/// (neither which token matched nor how much of one did shows in the time taken).
pub fn analyst_of<'a>(tokens: &'a [WriteToken], presented: &[u8]) -> Option<&'a str> {
    let mut found = None;
    for t in tokens {
        let same: bool = t.token.as_bytes().ct_eq(presented).into();
        if same && found.is_none() {
            found = Some(t.analyst.as_str());
        }
    }
    found
}

/// The analyst a write request is made by: 403 when writes are off, 401 without a
/// `Bearer` token of `tokens`.
pub(crate) fn authorise<'a>(
    tokens: &'a [WriteToken],
    headers: &HeaderMap,
) -> Result<&'a str, ApiError> {
    if tokens.is_empty() {
        return Err(ApiError::Forbidden(
            "writes are off: this server is read-only. Start it with --write-token-file FILE \
             (lines `ANALYST TOKEN`) or --write-token TOKEN to accept analysts' reviews, \
             watchlists and read marks"
                .into(),
        ));
    }
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            let (scheme, token) = v.trim().split_once(' ')?;
            scheme
                .eq_ignore_ascii_case("bearer")
                .then_some(token.trim())
        });
    let Some(presented) = presented else {
        return Err(ApiError::Unauthorized(
            "a write needs the header `Authorization: Bearer TOKEN` with an analyst's token".into(),
        ));
    };
    analyst_of(tokens, presented.as_bytes())
        .ok_or_else(|| ApiError::Unauthorized("the token is not an analyst's token".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINA: &str = "lina-0123456789abcdef";
    const OMAR: &str = "omar-0123456789abcdef";

    #[test]
    fn a_token_file_skips_comments_and_blank_lines() {
        let text = format!("# analysts of the Yemen desk\n\nlina {LINA}\n  omar\t{OMAR}  \n");
        let tokens = parse_tokens(&text, "tokens.txt").expect("tokens");
        let pairs: Vec<(&str, &str)> = tokens
            .iter()
            .map(|t| (t.analyst.as_str(), t.token.as_str()))
            .collect();
        assert_eq!(pairs, [("lina", LINA), ("omar", OMAR)]);
    }

    #[test]
    fn a_malformed_line_is_named_by_file_and_line() {
        let err = parse_tokens(&format!("# desk\nlina {LINA}\nomar\n"), "tokens.txt")
            .expect_err("a line without a token");
        let msg = err.to_string();
        assert!(msg.starts_with("tokens.txt line 3:"), "{msg}");
        assert!(msg.contains("ANALYST TOKEN"), "{msg}");
        let err = parse_tokens("lina a b c\n", "t").expect_err("three words");
        assert!(err.to_string().starts_with("t line 1:"), "{err}");
    }

    #[test]
    fn short_shared_or_missing_tokens_are_refused() {
        let short = parse_tokens("lina 123456789012345\n", "t").expect_err("15 characters");
        assert!(short.to_string().contains("fewer than 16"), "{short}");
        assert!(parse_tokens("lina 1234567890123456\n", "t").is_ok());
        let shared = parse_tokens(&format!("lina {LINA}\nomar {LINA}\n"), "t")
            .expect_err("one token, two analysts");
        assert!(shared.to_string().contains("t line 2"), "{shared}");
        let none = parse_tokens("# nobody yet\n", "t").expect_err("no token");
        assert!(none.to_string().contains("writes would stay off"), "{none}");
        assert!(WriteToken::new("lina", "صنعاء-صنعاء-صنعاء-صنعاء", "x").is_err());
    }

    #[test]
    fn the_debug_form_hides_the_token() {
        let t = WriteToken::new("lina", LINA, "x").expect("token");
        let shown = format!("{t:?}");
        assert!(shown.contains("lina") && !shown.contains(LINA), "{shown}");
    }

    #[test]
    fn a_request_is_made_by_the_analyst_whose_token_it_bears() {
        let tokens = parse_tokens(&format!("lina {LINA}\nomar {OMAR}\n"), "t").expect("tokens");
        let with = |value: &str| {
            let mut h = HeaderMap::new();
            h.insert(header::AUTHORIZATION, value.parse().expect("header"));
            h
        };
        assert_eq!(
            authorise(&tokens, &with(&format!("Bearer {OMAR}"))).expect("omar"),
            "omar"
        );
        assert_eq!(
            authorise(&tokens, &with(&format!("bearer  {LINA}"))).expect("lina"),
            "lina"
        );
        for bad in [
            format!("Basic {LINA}"),
            format!("Bearer {LINA}x"),
            "Bearer lina".into(),
        ] {
            let e = authorise(&tokens, &with(&bad)).expect_err(&bad);
            assert_eq!(e.status().as_u16(), 401, "{bad}");
        }
        let e = authorise(&tokens, &HeaderMap::new()).expect_err("no header");
        assert_eq!(e.status().as_u16(), 401);
        let e = authorise(&[], &with(&format!("Bearer {LINA}"))).expect_err("read-only");
        assert_eq!(e.status().as_u16(), 403);
        assert!(e.to_string().contains("--write-token-file"), "{e}");
    }
}
