//! Persons the rules miss, from the statistical tagger (`rasid-ner`): an article's sentences
//! are tagged as one document; its PERS spans that name no place or outlet of the kb go to
//! the person rules, which admit them where no rule found a name (rule `person:ner`).

use rasid_ner::Model;
use rasid_text::{Clitic, Span, Tokenizer};

use crate::DocMatch;

/// Shortest person name the tagger may add, in chars.
const MIN_NAME_CHARS: usize = 3;

/// How many leading chars of token `t` are proclitics, not name: «وأحمد», «لمحمد» lose
/// one; «فتحي», «فيديريكا», «بشار», «وليد» keep theirs. A glued «و» goes unless the whole
/// word is a known given name; «ف», «ب», «ل», «ك» go only when what is left is one (a name
/// opens with these letters far more often than a preposition sticks to a name).
fn name_proclitics(
    t: &rasid_text::Token,
    given_names: &std::collections::HashSet<String>,
) -> usize {
    let glued: Vec<&Clitic> = t
        .proclitics
        .iter()
        .filter(|c| !matches!(c, Clitic::Al))
        .collect();
    if glued.is_empty() || given_names.contains(&t.norm) {
        return 0;
    }
    let only_wa = glued.iter().all(|c| matches!(c, Clitic::Wa));
    if only_wa || given_names.contains(&t.stem_norm) {
        glued.len()
    } else {
        0
    }
}

/// The entities the tagger finds in an article, as char spans of `doc`.
#[derive(Debug, Default, Clone)]
pub struct TaggedSpans {
    /// PERS spans that name no place or outlet of the kb and are long enough: candidates
    /// for the person rules ([`crate::recognize_persons`]).
    pub persons: Vec<Span>,
    /// LOC spans.
    pub places: Vec<Span>,
}

/// Char spans (in `doc`) of the entities the model finds in the article's `blocks`, by
/// class (`PERS`, `LOC`, …).
fn entity_spans(
    doc: &[char],
    blocks: &[Span],
    model: &Model,
    tokenizer: &Tokenizer,
    given_names: &std::collections::HashSet<String>,
) -> Vec<(String, Span)> {
    let mut sentences: Vec<Vec<String>> = Vec::new();
    let mut spans: Vec<Vec<Span>> = Vec::new();
    for b in blocks {
        let end = b.end.min(doc.len());
        if b.start >= end {
            continue;
        }
        let text: String = doc[b.start..end].iter().collect();
        for s in rasid_text::sentences(&text) {
            let sentence: String = text.chars().skip(s.start).take(s.end - s.start).collect();
            let toks = tokenizer.tokenize(&sentence);
            if toks.is_empty() {
                continue;
            }
            sentences.push(toks.iter().map(|t| t.text.clone()).collect());
            spans.push(
                toks.iter()
                    .map(|t| {
                        let glued = name_proclitics(t, given_names);
                        Span {
                            start: (t.span.start + glued).min(t.span.end),
                            end: t.span.end,
                        }
                        .shift(b.start + s.start)
                    })
                    .collect(),
            );
        }
    }
    let tags = model.tag_many(&sentences);
    let mut out = Vec::new();
    for (tags, spans) in tags.iter().zip(&spans) {
        let mut open: Option<(String, Span)> = None;
        for (tag, span) in tags.iter().zip(spans) {
            match tag.split_once('-') {
                Some(("B", class)) => {
                    out.extend(open.take());
                    open = Some((class.to_string(), *span));
                }
                Some(("I", class)) if open.as_ref().is_some_and(|(c, _)| c == class) => {
                    if let Some((_, o)) = open.as_mut() {
                        o.end = span.end;
                    }
                }
                _ => out.extend(open.take()),
            }
        }
        out.extend(open.take());
    }
    out
}

/// Is `span` the name of something the kb knows that is not a person: a gazetteer place
/// covering it, or a news outlet it names or contains («وكالة فرانس برس»)?
fn names_a_known_thing(doc: &[char], span: Span, places: &[DocMatch], kb: &rasid_kb::Kb) -> bool {
    if places
        .iter()
        .any(|p| p.orig.start <= span.start && span.end <= p.orig.end)
    {
        return true;
    }
    let text: String = doc[span.start..span.end].iter().collect();
    let norm = rasid_text::normalize(&text);
    kb.outlets.by_name(&text).is_some() || kb.outlets.mentions(&norm)
}

/// Tag a (relevant) article's `blocks`: its person candidates, less the too short and
/// those that name a place or an outlet of the kb (`places`: the article's gazetteer
/// matches), and its place spans. Whether a person's words make a name is the person
/// rules' question; whether a place is one, the place rules'.
pub fn tag_article(
    doc: &[char],
    blocks: &[Span],
    places: &[DocMatch],
    model: &Model,
    kb: &rasid_kb::Kb,
) -> TaggedSpans {
    let mut out = TaggedSpans::default();
    for (class, span) in entity_spans(doc, blocks, model, &kb.tokenizer, &kb.persons.given_names) {
        match class.as_str() {
            "PERS"
                if span.end - span.start >= MIN_NAME_CHARS
                    && !names_a_known_thing(doc, span, places, kb) =>
            {
                out.persons.push(span)
            }
            "LOC" => out.places.push(span),
            _ => {}
        }
    }
    out
}
