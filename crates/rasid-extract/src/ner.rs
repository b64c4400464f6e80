//! Persons the rules miss, from the statistical tagger (`rasid-ner`): an article's sentences
//! are tagged as one document and every PERS span that no other fact covers becomes a person
//! mention (rule `person:ner`).

use rasid_model::{Actor, ActorKind, Mention};
use rasid_ner::Model;
use rasid_text::{Clitic, Span, Tokenizer};

use crate::persons::person_id;

/// Shortest person name the tagger may add, in chars.
const MIN_NAME_CHARS: usize = 3;

/// Char spans (in `doc`) of the PERS entities the model finds in the article's `blocks`.
fn person_spans(doc: &[char], blocks: &[Span], model: &Model, tokenizer: &Tokenizer) -> Vec<Span> {
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
                        // «وأحمد»: the conjunction or preposition is not part of the name
                        let glued = t
                            .proclitics
                            .iter()
                            .filter(|c| !matches!(c, Clitic::Al))
                            .count();
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
        let mut open: Option<Span> = None;
        for (tag, span) in tags.iter().zip(spans) {
            match tag.as_str() {
                "B-PERS" => {
                    out.extend(open.take());
                    open = Some(*span);
                }
                "I-PERS" if open.is_some() => {
                    if let Some(o) = open.as_mut() {
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

/// Add the persons the tagger finds and no rule covered to `actors` (sentences split by the
/// kb's tokenizer, English names by its transliteration).
pub fn add_tagged_persons(
    doc: &[char],
    blocks: &[Span],
    model: &Model,
    kb: &rasid_kb::Kb,
    actors: &mut Vec<Actor>,
) {
    let taken: Vec<Span> = actors
        .iter()
        .flat_map(|a| &a.mentions)
        .map(|m| Span {
            start: m.start,
            end: m.end,
        })
        .collect();
    for span in person_spans(doc, blocks, model, &kb.tokenizer) {
        if span.end - span.start < MIN_NAME_CHARS || taken.iter().any(|t| t.overlaps(span)) {
            continue;
        }
        let text: String = doc[span.start..span.end].iter().collect();
        let id = person_id(&rasid_text::normalize(&text));
        let mention = Mention {
            text: text.clone(),
            start: span.start,
            end: span.end,
            rule: "person:ner".into(),
        };
        match actors.iter_mut().find(|a| a.id == id) {
            Some(a) => a.mentions.push(mention),
            None => actors.push(Actor {
                id,
                kind: ActorKind::Person,
                name_en: Some(kb.transliteration.name(&text)),
                name_ar: text,
                affiliation: None,
                role: None,
                mentions: vec![mention],
            }),
        }
    }
}
