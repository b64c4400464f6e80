//! The outlet that published an article: from the container (JSON `source`, HTML
//! `og:site_name`, the URL's host), a source line («المصدر: وكالة …»), or a statement made
//! to the outlet («قال مسؤول لـ"العين الإخبارية"», «أكدت لوكالة خبر»).

use rasid_kb::Outlets;
use rasid_model::Evidence;
use rasid_text::{Normalized, Span};

use crate::document::{url_host, DocumentMeta};

const QUOTES_OPEN: &[char] = &['"', '«', '“', '”', '\''];
const QUOTES_CLOSE: &[char] = &['"', '»', '”', '“', '\''];

/// The canonical Arabic name if `name` is a known outlet, else `name` tidied.
fn canonical(outlets: &Outlets, name: &str) -> String {
    outlets
        .by_name(name)
        .map_or_else(|| name.trim().to_string(), |o| o.name_ar.clone())
}

/// Outlet from the container's metadata.
pub fn from_meta(meta: &DocumentMeta, outlets: &Outlets) -> Option<(String, &'static str)> {
    if let Some((name, rule)) = &meta.outlet {
        return Some((canonical(outlets, name), rule));
    }
    if let Some(o) = meta
        .outlet_id
        .as_deref()
        .and_then(|id| outlets.by_source_id(id))
    {
        return Some((o.name_ar.clone(), "meta:source_id"));
    }
    meta.url
        .as_deref()
        .and_then(url_host)
        .and_then(|h| outlets.by_host(h))
        .map(|o| (o.name_ar.clone(), "meta:url_host"))
}

/// Outlet from the value of a source line (char span `value` in the document): the
/// outlet's name and the evidence span.
pub fn from_source_line(doc: &[char], value: Span, outlets: &Outlets) -> (String, Evidence) {
    let text: String = doc[value.start..value.end.min(doc.len())].iter().collect();
    let trimmed = text.trim_end_matches(['.', '،', ',', ' ']);
    (
        canonical(outlets, trimmed),
        Evidence {
            text: trimmed.to_string(),
            start: value.start,
            end: value.start + trimmed.chars().count(),
            rule: "outlet:source_line".into(),
        },
    )
}

/// Outlet from a statement made to it, searched in the normalised text of `region`.
pub fn from_statement(
    doc: &[char],
    norm: &Normalized,
    region: Span,
    outlets: &Outlets,
) -> Option<(String, Evidence)> {
    let ntext: Vec<char> = norm.text().chars().collect();
    // normalised chars inside the region
    let (nstart, nend) = norm_range(norm, region)?;
    let slice: String = ntext[nstart..nend].iter().collect();
    let verbs = outlets.speech_verbs.find(&slice);
    let stops = ['.', '؟', '!', '\n', '،'];
    for v in verbs {
        // look at the next ~12 words of the same clause for «ل» + outlet
        let from = nstart + v.end;
        let mut to = from;
        let mut words = 0;
        while to < nend && words < 12 && !stops.contains(&ntext[to]) {
            if ntext[to] == ' ' {
                words += 1;
            }
            to += 1;
        }
        let clause: String = ntext[from..to].iter().collect();
        let cchars: Vec<char> = clause.chars().collect();
        // a known outlet right after «ل»
        for m in outlets.aliases.find(&clause) {
            let before = &cchars[..m.start];
            let ok = before.last() == Some(&'ل')
                && (before.len() == 1 || before[before.len() - 2] == ' ');
            if ok {
                let orig = norm.to_original(Span {
                    start: from + m.start,
                    end: from + m.end,
                });
                let name = outlets.get(m.payload).map(|o| o.name_ar.clone())?;
                return Some((
                    name,
                    Evidence {
                        text: doc[orig.start..orig.end].iter().collect(),
                        start: orig.start,
                        end: orig.end,
                        rule: "outlet:told_known_outlet".into(),
                    },
                ));
            }
        }
        // «لـ"اسم"»: a quoted name right after «ل»
        for (k, w) in cchars.windows(2).enumerate() {
            if w[0] == 'ل' && (k == 0 || cchars[k - 1] == ' ') && QUOTES_OPEN.contains(&w[1]) {
                let start = k + 2;
                let Some(len) = cchars[start..]
                    .iter()
                    .position(|c| QUOTES_CLOSE.contains(c))
                else {
                    break;
                };
                let words = cchars[start..start + len]
                    .iter()
                    .filter(|c| **c == ' ')
                    .count()
                    + 1;
                if len >= 2 && words <= 5 {
                    let orig = norm.to_original(Span {
                        start: from + start,
                        end: from + start + len,
                    });
                    let surface: String = doc[orig.start..orig.end].iter().collect();
                    return Some((
                        canonical(outlets, &surface),
                        Evidence {
                            text: surface,
                            start: orig.start,
                            end: orig.end,
                            rule: "outlet:told_quoted_name".into(),
                        },
                    ));
                }
                break;
            }
        }
    }
    None
}

/// The normalised char range covering an original char span.
fn norm_range(norm: &Normalized, region: Span) -> Option<(usize, usize)> {
    let n = norm.char_len();
    // binary search over the monotone map
    let first = partition(n, |i| {
        norm.to_original(Span {
            start: i,
            end: i + 1,
        })
        .start
            < region.start
    });
    let last = partition(n, |i| {
        norm.to_original(Span {
            start: i,
            end: i + 1,
        })
        .start
            < region.end
    });
    (first < last).then_some((first, last))
}

fn partition(n: usize, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}
