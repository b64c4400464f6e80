//! Search over normalised Arabic.
//!
//! Indexing and querying go through the same chain: `rasid-text` tokens, normalised
//! (diacritics, tatweel, alef/hamza forms, ta marbuta, alef maqsura, Persian letters,
//! digits) with their proclitics stripped (`stem_norm`: «والحوثيين» → «حوثيين»). Every
//! query term is a *prefix* query after light suffix stripping («الحوثيون» → «حوثي*»,
//! which finds «الحوثي», «الحوثيين», «للحوثيين»). A query that names an actor of the
//! dictionary (its id or one of its names, as [`rasid_kb::ActorDictionary::named_by`]
//! decides) also searches every other Arabic name of that actor («داعش» → «الدواعش»,
//! «تنظيم الدولة» …), since a broken plural shares no prefix with its singular.

use rasid_kb::Kb;
use rasid_text::{TokenKind, Tokenizer};

/// How a name of an actor is compared, stored (`actor_names`) and searched: normalised,
/// lower case, trimmed («الحوثيّون » → «الحوثيون»).
pub fn name_key(text: &str) -> String {
    rasid_text::normalize(text.trim()).to_lowercase()
}

/// The words of `text` as they are indexed: normalised stems, clitics stripped by the kb's
/// `tokenizer`.
pub fn index_terms(text: &str, tokenizer: &Tokenizer) -> String {
    let mut out = String::with_capacity(text.len());
    for t in tokenizer.tokenize(text) {
        let term = match t.kind {
            TokenKind::Word => {
                if t.stem_norm.is_empty() {
                    continue;
                }
                // a wrong clitic split must not hide the word: keep the full form too
                if t.proclitics.iter().any(|c| *c != rasid_text::Clitic::Al) {
                    push_term(&mut out, &t.norm);
                }
                t.stem_norm.clone()
            }
            TokenKind::Latin | TokenKind::Number => t.norm.clone(),
            _ => continue,
        };
        push_term(&mut out, &term);
    }
    out
}

fn push_term(out: &mut String, term: &str) {
    let clean: String = term.chars().filter(|c| c.is_alphanumeric()).collect();
    if clean.is_empty() {
        return;
    }
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(&clean);
}

/// One way of matching: all its terms as prefixes, in a row (`phrase`) or anywhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alternative {
    pub terms: Vec<String>,
    pub phrase: bool,
}

/// A parsed query: any alternative may match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    pub text: String,
    pub alternatives: Vec<Alternative>,
    /// The kb's tokenizer the terms were made with; snippets find them with it.
    pub tokenizer: Tokenizer,
}

impl SearchQuery {
    /// Parse `text` with the knowledge base's tokenizer; a query naming an actor also
    /// searches the actor's other Arabic names.
    pub fn new(text: &str, kb: &Kb) -> Self {
        let tokenizer = &kb.tokenizer;
        let mut alternatives = Vec::new();
        let own = topic_words(query_terms(text, kb), kb);
        if !own.is_empty() {
            alternatives.push(Alternative {
                terms: own,
                phrase: false,
            });
        }
        for name in actor_names(text, kb) {
            let terms = query_terms(&name, kb);
            if terms.is_empty() {
                continue;
            }
            let alt = Alternative {
                phrase: terms.len() > 1,
                terms,
            };
            if !alternatives.contains(&alt) {
                alternatives.push(alt);
            }
        }
        drop_implied(&mut alternatives);
        Self {
            text: text.to_string(),
            alternatives,
            tokenizer: tokenizer.clone(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.alternatives.is_empty()
    }

    /// Every term of every alternative (for snippets).
    pub fn all_terms(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self
            .alternatives
            .iter()
            .flat_map(|a| a.terms.iter().map(String::as_str))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// The terms the user typed (snippets prefer them to an actor's other names).
    pub fn own_terms(&self) -> Vec<&str> {
        self.alternatives
            .first()
            .map(|a| a.terms.iter().map(String::as_str).collect())
            .unwrap_or_default()
    }

    /// The words typed alone, ranked first, and the actor's other names alone, which fill
    /// the rest of the page ([`crate::Store::search`]): each ranking's cost grows with its
    /// alternatives, and the typed words alone have one.
    pub fn tiers(&self) -> (SearchQuery, Option<SearchQuery>) {
        let only = |alternatives: &[Alternative]| SearchQuery {
            text: self.text.clone(),
            alternatives: alternatives.to_vec(),
            tokenizer: self.tokenizer.clone(),
        };
        let (typed, others) = self.alternatives.split_at(self.alternatives.len().min(1));
        (only(typed), (!others.is_empty()).then(|| only(others)))
    }

    /// The query in FTS5 syntax: `("a"* "b"*) OR ("c"* + "d"*)`.
    pub fn fts5(&self) -> String {
        self.alternatives
            .iter()
            .map(|a| {
                let parts: Vec<String> = a.terms.iter().map(|t| format!("\"{t}\"*")).collect();
                format!("({})", parts.join(if a.phrase { " + " } else { " " }))
            })
            .collect::<Vec<_>>()
            .join(" OR ")
    }

    /// The query as a PostgreSQL tsquery: `(a:* & b:*) | (c:* <-> d:*)`.
    pub fn tsquery(&self) -> String {
        self.alternatives
            .iter()
            .map(|a| {
                let parts: Vec<String> = a.terms.iter().map(|t| format!("{t}:*")).collect();
                format!("({})", parts.join(if a.phrase { " <-> " } else { " & " }))
            })
            .collect::<Vec<_>>()
            .join(" | ")
    }
}

/// Drop the alternatives that match nothing another does not ([`finds_all_of`]): a query
/// naming an actor has dozens of alternatives, and each costs the database a pass over the
/// articles of its terms, twice with bm25 ranking (PostgreSQL then prefers reading the
/// whole table to its index). The same articles match. The first alternative, the words
/// typed, stays.
fn drop_implied(alternatives: &mut Vec<Alternative>) {
    let mut kept: Vec<Alternative> = Vec::with_capacity(alternatives.len());
    for (i, alt) in alternatives.iter().enumerate() {
        let implied = i > 0
            && alternatives.iter().enumerate().any(|(j, other)| {
                j != i && finds_all_of(other, alt) && !(finds_all_of(alt, other) && j > i)
            });
        if !implied {
            kept.push(alt.clone());
        }
    }
    *alternatives = kept;
}

/// Does every article `b` matches match `a` too? With terms as prefixes: yes when each
/// term of `a` opens a term of `b` («حوثي» and «جماعه حوثي»; «قوات امن» and «قوات امنيه
/// سعوديه» in a row), and when `a` asks its terms in a row, `b` holds them in a row
/// too, in the same order.
fn finds_all_of(a: &Alternative, b: &Alternative) -> bool {
    let opens = |q: &String, t: &String| t.starts_with(q.as_str());
    if !a.phrase || a.terms.len() == 1 {
        return a.terms.iter().all(|q| b.terms.iter().any(|t| opens(q, t)));
    }
    b.phrase
        && b.terms
            .windows(a.terms.len())
            .any(|w| w.iter().zip(&a.terms).all(|(t, q)| opens(q, t)))
}

/// The words typed, less those that carry no topic (the kb's `segmentation.stopwords`:
/// «في», «من» …), unless nothing else is left: a word that nearly every article holds
/// selects nothing and costs the database a pass over every article. (Another name of
/// an actor asks its words in a row, and keeps them.)
fn topic_words(terms: Vec<String>, kb: &Kb) -> Vec<String> {
    let stop = &kb.segmentation.stopwords;
    if terms.iter().all(|t| stop.contains(t)) {
        return terms;
    }
    terms.into_iter().filter(|t| !stop.contains(t)).collect()
}

/// Query words → prefix terms, without the plural and dual endings of the kb's
/// `suffixes.search` list.
fn query_terms(text: &str, kb: &Kb) -> Vec<String> {
    let indexed = index_terms_query(text, &kb.tokenizer);
    indexed
        .into_iter()
        .map(|t| kb.suffixes.search.strip(&t).to_string())
        .collect()
}

fn index_terms_query(text: &str, tokenizer: &Tokenizer) -> Vec<String> {
    tokenizer
        .tokenize(text)
        .into_iter()
        .filter_map(|t| {
            let s = match t.kind {
                TokenKind::Word => t.stem_norm,
                TokenKind::Latin | TokenKind::Number => t.norm,
                _ => return None,
            };
            let clean: String = s.chars().filter(|c| c.is_alphanumeric()).collect();
            (!clean.is_empty()).then_some(clean)
        })
        .collect()
}

/// The Arabic names of the actors that `text` names as a whole
/// ([`rasid_kb::ActorDictionary::named_by`]), if it does.
fn actor_names(text: &str, kb: &Kb) -> Vec<String> {
    let mut names = Vec::new();
    for a in kb.actors.named_by(text) {
        names.push(a.name_ar.clone());
        names.extend(a.aliases.iter().filter(|n| is_arabic(n)).cloned());
    }
    names
}

fn is_arabic(s: &str) -> bool {
    s.chars().any(rasid_text::script::is_arabic_letter)
}

/// The char span of the first word of `body` matching one of `terms`, else of the first
/// matching one of `fallback`. A word's normalised form, and its stem after the
/// proclitics, are pieces of its line normalised, so only the words where the normalised
/// line holds a term are tokenised: a search's snippets do not cost the tokenisation of
/// every hit's whole text.
fn first_match(
    body: &str,
    terms: &[&str],
    fallback: &[&str],
    tokenizer: &Tokenizer,
) -> Option<(usize, usize)> {
    let mut first_fallback = None;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let wanted: &[&str] = if first_fallback.is_none() {
            fallback
        } else {
            &[]
        };
        for (from, to) in words_holding(line, terms, wanted) {
            let word: String = line.chars().skip(from).take(to - from).collect();
            for t in tokenizer.tokenize(&word) {
                let span = (offset + from + t.span.start, offset + from + t.span.end);
                if word_matches(&t, terms) {
                    return Some(span);
                }
                if first_fallback.is_none() && word_matches(&t, fallback) {
                    first_fallback = Some(span);
                }
            }
        }
        offset += line.chars().count();
    }
    first_fallback
}

/// Does a token's stem (or its whole normalised form) open with one of `terms`?
fn word_matches(t: &rasid_text::Token, terms: &[&str]) -> bool {
    let s = if t.kind == TokenKind::Word {
        &t.stem_norm
    } else {
        &t.norm
    };
    !s.is_empty()
        && terms
            .iter()
            .any(|q| s.starts_with(q) || t.norm.starts_with(q))
}

/// The char spans, in order, of the space-separated words of `line` whose normalised
/// form holds one of `terms` or `fallback` (none when the line holds none: most lines).
fn words_holding(line: &str, terms: &[&str], fallback: &[&str]) -> Vec<(usize, usize)> {
    let plain = rasid_text::normalize(line);
    if !terms.iter().chain(fallback).any(|q| plain.contains(q)) {
        return Vec::new();
    }
    let norm = rasid_text::Normalized::new(line);
    let text = norm.text();
    let mut starts: Vec<usize> = terms
        .iter()
        .chain(fallback)
        .flat_map(|q| {
            text.match_indices(q)
                .map(|(byte, _)| text[..byte].chars().count())
        })
        .map(|at| norm.to_original(rasid_text::Span::new(at, at + 1)).start)
        .collect();
    starts.sort_unstable();
    let chars: Vec<char> = line.chars().collect();
    let mut words: Vec<(usize, usize)> = Vec::new();
    for at in starts {
        if words.last().is_some_and(|&(_, to)| at < to) {
            continue;
        }
        let from = (0..at)
            .rev()
            .find(|&i| chars[i].is_whitespace())
            .map_or(0, |i| i + 1);
        let to = (at..chars.len())
            .find(|&i| chars[i].is_whitespace())
            .unwrap_or(chars.len());
        words.push((from, to));
    }
    words
}

/// A short piece of `body` around the first word matching one of `terms` (else one of
/// `fallback`), the match in [brackets]; words as the kb's `tokenizer` splits them.
pub fn snippet(
    body: &str,
    terms: &[&str],
    fallback: &[&str],
    width: usize,
    tokenizer: &Tokenizer,
) -> String {
    let hit = first_match(body, terms, fallback, tokenizer);
    let (start, end) = hit.unwrap_or((0, 0));
    let (from, to) = match hit {
        Some(_) => (start.saturating_sub(width / 3), end + width * 2 / 3),
        None => (0, width),
    };
    let offsets =
        rasid_text::chars::byte_offsets(body, &[from, start.max(from), end.max(from), to]);
    let [b_from, b_start, b_end, b_to] = [offsets[0], offsets[1], offsets[2], offsets[3]];
    let piece = |a: usize, b: usize| body[a..b].replace('\n', " ");
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    if hit.is_some() {
        out.push_str(&piece(b_from, b_start));
        out.push('[');
        out.push_str(&piece(b_start, b_end));
        out.push(']');
        out.push_str(&piece(b_end, b_to));
    } else {
        out.push_str(&piece(b_from, b_to));
    }
    if b_to < body.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kb() -> Kb {
        Kb::builtin().expect("built-in kb")
    }

    #[test]
    fn clitics_diacritics_and_letter_variants_fold() {
        let kb = kb();
        let index_terms = |text: &str| index_terms(text, &kb.tokenizer);
        assert_eq!(index_terms("والحوثيين"), "والحوثيين حوثيين");
        assert_eq!(index_terms("الحُوثِيّون"), "حوثيون");
        assert_eq!(index_terms("مأرب"), index_terms("مارب"));
        assert_eq!(index_terms("القاعدة"), "قاعده");
        // the kb's protected words are not cut into
        assert_eq!(index_terms("لبنان"), "لبنان");
    }

    #[test]
    fn alternatives_another_one_finds_all_of_are_dropped() {
        let kb = kb();
        let q = SearchQuery::new("الحوثي", &kb);
        assert_eq!(q.own_terms(), ["حوثي"]);
        // «جماعة الحوثي», «ميليشيا الحوثي» … find nothing «حوثي*» does not
        for a in &q.alternatives[1..] {
            assert!(!a.terms.iter().any(|t| t.starts_with("حوثي")), "{a:?}");
        }
        // the other names of the actor stay («أنصار الله»)
        assert!(
            q.alternatives.iter().any(|a| a.terms == ["انصار", "الله"]),
            "{q:?}"
        );
    }

    #[test]
    fn typed_words_that_carry_no_topic_are_not_asked() {
        let kb = kb();
        let q = SearchQuery::new("تنظيم الدولة في ليبيا", &kb);
        assert_eq!(q.own_terms(), ["تنظيم", "دوله", "ليبيا"]);
        // alone, such a word is still searched
        assert_eq!(SearchQuery::new("في", &kb).own_terms(), ["في"]);
    }

    #[test]
    fn query_terms_drop_plural_endings() {
        let kb = kb();
        let query_terms = |text: &str| query_terms(text, &kb);
        assert_eq!(query_terms("الحوثيون"), ["حوثي"]);
        assert_eq!(query_terms("الحوثي"), ["حوثي"]);
        let q = SearchQuery::new("الحوثي مأرب", &kb);
        assert_eq!(q.fts5(), "(\"حوثي\"* \"مارب\"*)");
        assert_eq!(q.tsquery(), "(حوثي:* & مارب:*)");
    }

    #[test]
    fn snippet_marks_the_match() {
        let s = snippet(
            "قال مسلحون إن الحوثيين هاجموا الموقع",
            &["حوثي"],
            &["مسلح"],
            30,
            &kb().tokenizer,
        );
        assert!(s.contains("[الحوثيين]"), "{s}");
    }
}
