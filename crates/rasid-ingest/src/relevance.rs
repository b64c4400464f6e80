//! Relevance: is an article about armed groups / political violence?
//!
//! Cues come from `kb/relevance.toml`. A cue term found n times adds weight × (1 + ln n);
//! the article is relevant when it has at least `min_strong` distinct strong cues (an armed
//! group, terrorism) and its score reaches base_score + per_100_words × words / 100, so a
//! long article that names a group once in passing is not relevant.

use std::collections::BTreeMap;

use rasid_kb::RelevanceLexicon;
use rasid_model::{Evidence, RelevanceInfo};
use rasid_text::Span;

/// A cue found in the document: its span in the original text, the cue index, and
/// whether it is in the article's title.
#[derive(Debug, Clone, Copy)]
pub struct CueHit {
    pub span: Span,
    pub cue: usize,
    pub in_title: bool,
}

/// How many cue spans to report as evidence per article.
const MAX_EVIDENCE: usize = 12;

/// Judge one article from the cue hits inside it and its length in words.
pub fn judge(
    hits: &[CueHit],
    words: usize,
    doc: &[char],
    lex: &RelevanceLexicon,
) -> (bool, RelevanceInfo) {
    // per cue: how many times found (a title hit counts title_weight times), and whether
    // the title holds it
    let mut per_cue: BTreeMap<usize, (f32, bool)> = BTreeMap::new();
    for h in hits {
        let (n, titled) = per_cue.entry(h.cue).or_insert((0.0, false));
        *n += if h.in_title { lex.title_weight } else { 1.0 };
        *titled |= h.in_title;
    }
    let mut score = 0.0f32;
    let mut strong = 0usize;
    for (&cue, &(n, titled)) in &per_cue {
        let Some(c) = lex.cues.get(cue) else { continue };
        score += c.weight * (1.0 + n.ln());
        if c.strong || (c.strong_in_title && titled) {
            strong += 1;
        }
    }
    let threshold = lex.base_score + lex.per_100_words * words as f32 / 100.0;
    let relevant = strong >= lex.min_strong && score >= threshold;
    let cues = hits
        .iter()
        .take(MAX_EVIDENCE)
        .map(|h| Evidence {
            text: doc[h.span.start.min(doc.len())..h.span.end.min(doc.len())]
                .iter()
                .collect(),
            start: h.span.start,
            end: h.span.end,
            rule: format!(
                "relevance:{}",
                lex.cues.get(h.cue).map_or("?", |c| c.term.as_str())
            ),
        })
        .collect();
    (
        relevant,
        RelevanceInfo {
            score: (score * 100.0).round() / 100.0,
            strong,
            cues,
        },
    )
}

#[cfg(test)]
mod tests {
    use crate::document::{Document, DocumentMeta};
    use crate::pipeline::Pipeline;

    fn relevant(text: &str) -> (bool, f32) {
        let kb = rasid_kb::Kb::builtin().expect("kb");
        let p = Pipeline::new(&kb);
        let doc = Document {
            source: "t".into(),
            origin: "t".into(),
            text: text.into(),
            meta: DocumentMeta::default(),
        };
        let rec = p.process(&doc).record;
        let a = &rec.articles[0];
        (a.relevant, a.relevance.score)
    }

    #[test]
    fn a_short_wire_item_about_an_attack_is_relevant() {
        let (r, s) = relevant("مقتل جنديين بهجوم في سيناء\n\nقتل جنديان مصريان وأصيب ثلاثة آخرون في هجوم شنه مسلحون على كمين أمني جنوب مدينة العريش، وتبنى تنظيم ولاية سيناء الهجوم.");
        assert!(r, "score {s}");
    }

    #[test]
    fn a_group_named_only_in_the_actor_dictionary_makes_its_story_relevant() {
        // «جيش الفتح» is in kb/actors.toml, not among the written cues
        let (r, s) = relevant("جيش الفتح يتقدم في سهل الغاب\n\nسيطر جيش الفتح على ثلاث قرى في سهل الغاب بريف حماة بعد معارك مع قوات النظام استمرت يومين.");
        assert!(r, "score {s}");
    }

    #[test]
    fn an_act_of_war_in_the_title_makes_a_story_naming_no_group_relevant() {
        let (r, s) = relevant("مقتل 31 على الأقل في تفجيرين بشرق العراق\n\nقتل 31 شخصا على الأقل وأصيب العشرات في تفجيرين استهدفا سوقا شعبية في محافظة ديالى شرقي العراق، بحسب مصادر في الشرطة.");
        assert!(r, "score {s}");
    }

    #[test]
    fn a_scuffle_in_the_title_is_no_act_of_war() {
        let (r, s) = relevant("الأمن يفض اشتباكا بين طبيب وذوي مريضة\n\nتدخل رجال الأمن في المستشفى لفض اشتباك بالأيدي بين طبيب وذوي مريضة بعد خلاف على موعد العملية، وأحيل الطرفان إلى الشرطة.");
        assert!(!r, "score {s}");
    }

    #[test]
    fn ordinary_crime_is_not_relevant() {
        let (r, s) = relevant("القبض على متهم بقتل جاره\n\nتمكنت الأجهزة الأمنية من القبض على شاب متهم بقتل جاره طعنا بسبب خلافات على قطعة أرض، وأحيل المتهم إلى النيابة العامة التي أمرت بحبسه على ذمة التحقيق.");
        assert!(!r, "score {s}");
    }

    #[test]
    fn a_long_article_naming_a_group_once_in_passing_is_not_relevant() {
        let filler = "وبحث الجانبان سبل تعزيز التعاون الاقتصادي والتجاري وزيادة حجم الاستثمارات المشتركة في مجالات الطاقة والنقل والتعليم والصحة. ";
        let text = format!(
            "وزير الخارجية يستقبل نظيره الإيطالي\n\n{}وتطرق اللقاء إلى جهود مكافحة الإرهاب في المنطقة. {}",
            filler.repeat(6),
            filler.repeat(6)
        );
        let (r, s) = relevant(&text);
        assert!(!r, "score {s}");
    }
}
