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
        let own = query_terms(text, kb);
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

/// Drop the alternatives that match nothing another does not: with terms as prefixes, one
/// with a term that opens with the one term of another («جماعه حوثي» after «حوثي») finds
/// only what that one finds. The same articles match, with less work for the database (a
/// query naming an actor has dozens of alternatives; PostgreSQL then prefers reading the
/// whole table to its index). The first alternative, the words typed, stays.
fn drop_implied(alternatives: &mut Vec<Alternative>) {
    let singles: Vec<String> = alternatives
        .iter()
        .filter(|a| a.terms.len() == 1)
        .map(|a| a.terms[0].clone())
        .collect();
    let mut i = 0;
    alternatives.retain(|a| {
        let first = i == 0;
        i += 1;
        let implied = singles.iter().any(|single| {
            !(a.terms.len() == 1 && &a.terms[0] == single)
                && a.terms.iter().any(|t| t.starts_with(single.as_str()))
        });
        first || !implied
    });
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
/// matching one of `fallback`. Words never cross a line, so `body` is tokenised line by
/// line and only as far as the first match of `terms`: a search's snippets do not cost
/// the tokenisation of every hit's whole text.
fn first_match(
    body: &str,
    terms: &[&str],
    fallback: &[&str],
    tokenizer: &Tokenizer,
) -> Option<(usize, usize)> {
    let matches = |t: &rasid_text::Token, terms: &[&str]| {
        let s = if t.kind == TokenKind::Word {
            &t.stem_norm
        } else {
            &t.norm
        };
        !s.is_empty()
            && terms
                .iter()
                .any(|q| s.starts_with(q) || t.norm.starts_with(q))
    };
    let mut first_fallback = None;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        if !may_match(line, terms, first_fallback.is_none().then_some(fallback)) {
            offset += line.chars().count();
            continue;
        }
        for t in tokenizer.tokenize(line) {
            let span = (offset + t.span.start, offset + t.span.end);
            if matches(&t, terms) {
                return Some(span);
            }
            if first_fallback.is_none() && matches(&t, fallback) {
                first_fallback = Some(span);
            }
        }
        offset += line.chars().count();
    }
    first_fallback
}

/// Can a word of `line` match one of `terms` (or of `fallback`)? A word's normalised
/// form, and its stem after the proclitics, are pieces of the normalised line, so a line
/// that contains no term normalised holds no match and need not be tokenised.
fn may_match(line: &str, terms: &[&str], fallback: Option<&[&str]>) -> bool {
    let norm = rasid_text::normalize(line);
    terms
        .iter()
        .chain(fallback.unwrap_or_default())
        .any(|q| norm.contains(q))
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
    let chars: Vec<char> = body.chars().collect();
    let (start, end) = hit.unwrap_or((0, 0));
    let from = start.saturating_sub(width / 3);
    let to = (end + width * 2 / 3).min(chars.len());
    let piece = |a: usize, b: usize| -> String {
        chars[a.min(chars.len())..b.min(chars.len())]
            .iter()
            .map(|&c| if c == '\n' { ' ' } else { c })
            .collect()
    };
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    if hit.is_some() {
        out.push_str(&piece(from, start));
        out.push('[');
        out.push_str(&piece(start, end));
        out.push(']');
        out.push_str(&piece(end, to));
    } else {
        out.push_str(&piece(0, width.min(chars.len())));
    }
    if to < chars.len() {
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
