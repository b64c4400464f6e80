//! The phrases of `kb/persons.toml` found in a block: titles, nouns of occupation and
//! roles that introduce a name, alias introducers («المكنى»), and names that are no persons
//! («أبو ظبي»).

use rasid_kb::PersonTrigger;
use rasid_text::Span;

use super::block::Block;

/// A title, noun or role phrase in a block.
#[derive(Debug, Clone, Copy)]
pub(super) struct Cue {
    pub kind: PersonTrigger,
    /// Its first token.
    pub start: usize,
    /// The token right after it.
    pub after: usize,
}

/// The cues of one block.
pub(super) struct Cues {
    /// Titles, nouns and roles, in text order (never alias introducers).
    pub phrases: Vec<Cue>,
    /// The token right after each alias introducer («المكنى»).
    pub introducer_ends: Vec<usize>,
    /// `not_persons` phrases («أبو ظبي», «الشيخ زويد»), in document chars.
    pub not_persons: Vec<Span>,
}

impl Cues {
    /// Every cue of `block`. A phrase that does not end on a token boundary is none.
    pub fn find(block: &Block) -> Self {
        let pp = block.pp;
        let text = block.normalized.text();
        let tok_ending_at = |orig_end: usize| {
            block
                .toks
                .iter()
                .position(|t| t.span.end == block.start + orig_end)
        };
        let mut phrases = Vec::new();
        let mut introducer_ends = Vec::new();
        for m in pp.triggers.find(text) {
            let o = block.normalized.to_original(Span {
                start: m.start,
                end: m.end,
            });
            let (Some(kind), Some(end_tok)) =
                (PersonTrigger::from_payload(m.payload), tok_ending_at(o.end))
            else {
                continue;
            };
            if kind == PersonTrigger::AliasIntroducer {
                introducer_ends.push(end_tok + 1);
            } else {
                let start = block
                    .toks
                    .iter()
                    .position(|t| t.span.end > block.start + o.start)
                    .unwrap_or(end_tok);
                phrases.push(Cue {
                    kind,
                    start,
                    after: end_tok + 1,
                });
            }
        }
        let not_persons = pp
            .not_persons
            .find(text)
            .iter()
            .map(|m| {
                block.to_document(Span {
                    start: m.start,
                    end: m.end,
                })
            })
            .collect();
        Self {
            phrases,
            introducer_ends,
            not_persons,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::persons::testing::Text;

    #[test]
    fn titles_roles_introducers_and_places_named_like_persons_are_found() {
        let text = "وصل العميد سالم الحارثي، المكنى أبو علي، إلى أبو ظبي مع القيادي عمر البكري.";
        let t = Text::new(text, &[]);
        let b = t.block();
        let cues = Cues::find(&b);
        let kinds: Vec<(PersonTrigger, String)> = cues
            .phrases
            .iter()
            .map(|c| (c.kind, t.words(&b, c.start, c.after)))
            .collect();
        assert_eq!(
            kinds,
            [
                (PersonTrigger::Title, "العميد".to_string()),
                (PersonTrigger::Member, "القيادي".to_string())
            ]
        );
        assert_eq!(cues.introducer_ends.len(), 1);
        assert_eq!(
            t.words(&b, cues.introducer_ends[0], cues.introducer_ends[0] + 1),
            "أبو"
        );
        let places: Vec<String> = cues
            .not_persons
            .iter()
            .map(|s| t.doc[s.start..s.end].iter().collect())
            .collect();
        assert_eq!(places, ["أبو ظبي"]);
    }
}
