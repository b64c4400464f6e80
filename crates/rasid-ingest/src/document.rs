//! A document as read from an input: its text (which every reported span points into)
//! and what its container said about it.

/// One input document.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// File basename, or the record id for JSON inputs; `source` in the output.
    pub source: String,
    /// Where it came from, for messages: a path, `path:line`, or `stdin`.
    pub origin: String,
    /// The document text. For plain-text files, the decoded file; for HTML, the title
    /// and main text extracted from the markup; for JSON records, `title + "\n\n" + body`.
    pub text: String,
    pub meta: DocumentMeta,
}

/// Metadata from the container (JSON fields, HTML meta tags), each with how it was found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocumentMeta {
    /// A title given by the container; when set, `text` starts with it.
    pub title: Option<String>,
    /// ISO date `YYYY-MM-DD` and the field it came from.
    pub published: Option<(String, &'static str)>,
    /// An outlet name stated by the container and the field it came from.
    pub outlet: Option<(String, &'static str)>,
    /// A dataset's outlet id (SaudiNewsNet `source`), resolved through `kb/outlets.toml`.
    pub outlet_id: Option<String>,
    pub url: Option<String>,
    /// The encoding the bytes were decoded from.
    pub encoding: &'static str,
}

/// Take the `YYYY-MM-DD` date at the start of an ISO-like timestamp, if valid.
pub fn iso_date_prefix(s: &str) -> Option<String> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() < 10 {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
        return None;
    }
    let month: u32 = s[5..7].parse().ok()?;
    let day: u32 = s[8..10].parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then(|| s[..10].to_string())
}

/// The host of a URL (`https://www.example.com/x` → `www.example.com`).
pub fn url_host(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_prefix() {
        assert_eq!(
            iso_date_prefix("2015-07-21 02:51:32").as_deref(),
            Some("2015-07-21")
        );
        assert_eq!(
            iso_date_prefix("2023-11-23T10:00:00+03:00").as_deref(),
            Some("2023-11-23")
        );
        assert_eq!(iso_date_prefix("2015-13-01"), None);
        assert_eq!(iso_date_prefix("21/07/2015"), None);
    }

    #[test]
    fn host() {
        assert_eq!(
            url_host("http://aawsat.com/home/article/1"),
            Some("aawsat.com")
        );
        assert_eq!(
            url_host("https://user@www.spa.gov.sa:443/x"),
            Some("www.spa.gov.sa")
        );
    }
}
