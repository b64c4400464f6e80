//! The place of an act whose sentences name none, read from the article.

use rasid_kb::Kb;
use rasid_model::Evidence;

use super::{Candidate, SentenceView};

/// **An act whose sentences name no place happened where the article first places its
/// story** (kb `placed_from_the_article`: attacks, arrests, seizures, takeovers, releases):
/// the first town, district or province its headline or lead names (as a dateline
/// would), not a country; none when they name none. The sentence that names it joins the act's
/// evidence, marked with this rule; an act recalled from the past (`background`) keeps no
/// place, as the story's place is today's.
///
/// Why: reports of one incident name its place once and tell the rest in sentences of
/// their own («ووقعت الاشتباكات بعدما أطلق مسلحون النار على عناصر من الشرطة»); an act with
/// no place is lost to an analyst's map, and on the blind audits nine in ten of them were
/// placed in the article.
///
/// Example: «المقاومة تحاصر زنجبار … واستهدفت الغارات منازل قادة من الحوثيين»: the raids
/// are placed in Zinjibar, the sentence of the headline as the place's evidence.
pub(crate) fn place_from_the_article(
    events: &mut [Candidate],
    sentences: &[SentenceView],
    kb: &Kb,
) {
    let Some((place, named_in)) = first_place_of_the_story(sentences) else {
        return;
    };
    for c in events.iter_mut() {
        if c.event.place.is_some()
            || c.event.background
            || !kb.events.placed_from_the_article.contains(&c.event.kind)
        {
            continue;
        }
        c.event.place = Some(place.name.clone());
        c.place_country = place.country.clone();
        c.place_is_country = false;
        c.add_inferred_evidence(&named_in, RULE);
    }
}

/// The rule's name in the evidence it adds (one of `INFERRED_EVIDENCE`).
pub(crate) const RULE: &str = "event:the article's place";

/// The headline and the lead: where a story is placed, as a dateline would.
const LEAD_SENTENCES: usize = 2;

/// The first place the headline or the lead names that is not a country, with its sentence.
fn first_place_of_the_story(sentences: &[SentenceView]) -> Option<(super::PlaceRef, Evidence)> {
    sentences.iter().take(LEAD_SENTENCES).find_map(|s| {
        s.places
            .iter()
            .filter(|p| !p.is_country && p.end > p.start)
            .min_by_key(|p| p.start)
            .map(|p| (p.clone(), s.evidence(RULE)))
    })
}
