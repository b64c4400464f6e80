//! Lines of a page, each classified by what it is on the page: body text, a bullet, a
//! "read also" marker, a tag line, a source line, a paywall notice, navigation, a caption,
//! a repeat of an earlier line, or junk. Segmentation works on these.

use std::collections::HashMap;

use rasid_kb::{PhraseMatcher, SegmentationCues};
use rasid_text::script::is_letter;
use rasid_text::{normalize, Span};

/// What a line is on the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineKind {
    /// Body text (a paragraph or a headline).
    Text,
    /// A line opening with a bullet character.
    Bullet,
    /// A "read also" / related-articles marker on its own.
    Marker,
    /// A marker followed by a teaser title on the same line («اقرأ أيضا: …»).
    InlineTeaser,
    /// «كلمات دلالية: …»
    Tag,
    /// «المصدر: …» with the char span of the value.
    Source(Span),
    Paywall,
    Navigation,
    Caption,
    /// Site furniture after the body («رابط الخبر بصحيفة …»).
    Trailer,
    /// A repeat of an earlier identical line (repeated photo captions, pull quotes).
    Repeat,
    /// No Arabic letters and very short («38serv», «+ -»).
    Junk,
}

impl LineKind {
    /// Does this line end the page's own article body?
    pub fn ends_body(&self) -> bool {
        matches!(
            self,
            Self::Marker | Self::Tag | Self::Source(_) | Self::Paywall | Self::Trailer
        )
    }

    /// The rule id recorded when such a line is dropped.
    pub fn rule(&self) -> &'static str {
        match self {
            Self::Text => "seg:text",
            Self::Bullet => "seg:bullet",
            Self::Marker => "seg:appended_marker",
            Self::InlineTeaser => "seg:inline_teaser",
            Self::Tag => "seg:tag_line",
            Self::Source(_) => "seg:source_line",
            Self::Paywall => "seg:paywall",
            Self::Navigation => "seg:navigation",
            Self::Caption => "seg:caption",
            Self::Trailer => "seg:trailer",
            Self::Repeat => "seg:repeated_line",
            Self::Junk => "seg:junk",
        }
    }
}

/// One non-blank line of the document.
#[derive(Debug, Clone)]
pub struct Line {
    /// Char span in the document, trimmed of surrounding whitespace.
    pub span: Span,
    pub text: String,
    pub norm: String,
    pub words: usize,
    pub kind: LineKind,
    /// Short, without final punctuation: could be a headline.
    pub headline_like: bool,
}

const FINAL_PUNCT: &[char] = &['.', '!', '?', '؟', '،', ',', '؛', ';', ':', '…'];
/// A headline may end with an exclamation or question mark, or a double stop, but not
/// with the punctuation of running text.
const NOT_HEADLINE_END: &[char] = &['.', '،', ',', '؛', ';', ':'];

/// Could this line be a headline by its form? Short, ends without running-text
/// punctuation (a final «!», «؟» or «..» is fine), and does not open with a word that
/// continues the text before it.
fn looks_like_headline(text: &str, norm: &str, words: usize, cues: &SegmentationCues) -> bool {
    if words > cues.headline_max_words || text.chars().count() > cues.headline_max_chars {
        return false;
    }
    let trimmed = text.trim_end_matches(|c: char| c.is_whitespace() || QUOTE_CLOSERS.contains(&c));
    let ends_ok = match trimmed.chars().last() {
        Some(c) if NOT_HEADLINE_END.contains(&c) => {
            trimmed.ends_with("..") || trimmed.ends_with('…')
        }
        Some(_) => true,
        None => false,
    };
    let first = norm.split_whitespace().next().unwrap_or("");
    ends_ok && !cues.continuation_openers.contains(first)
}

const QUOTE_CLOSERS: &[char] = &['"', '»', '”', '\'', ')'];
const LABEL_COLON: &[char] = &[':', '：', '-', '–'];

fn has_arabic_letter(s: &str) -> bool {
    s.chars().any(rasid_text::script::is_arabic_letter)
}

/// A match of `m` that starts the (normalised) line, returning the char end of the match.
fn starts_with(m: &PhraseMatcher, norm: &str) -> Option<usize> {
    m.find(norm)
        .into_iter()
        .find(|x| x.start == 0)
        .map(|x| x.end)
}

/// The rest of a normalised line after a leading label and its colon, if the colon is
/// there: «المصدر: وكالة خبر» → Some(offset of «وكالة»).
fn after_label_colon(norm: &str, label_end: usize) -> Option<usize> {
    let chars: Vec<char> = norm.chars().collect();
    let mut i = label_end;
    while i < chars.len() && chars[i] == ' ' {
        i += 1;
    }
    if i < chars.len() && LABEL_COLON.contains(&chars[i]) {
        i += 1;
        while i < chars.len() && chars[i] == ' ' {
            i += 1;
        }
        Some(i)
    } else {
        None
    }
}

/// Is the whole normalised line just a marker (with optional trailing colon/punctuation)?
fn is_whole(norm: &str, end: usize) -> bool {
    norm.chars().skip(end).all(|c| {
        c.is_whitespace()
            || FINAL_PUNCT.contains(&c)
            || LABEL_COLON.contains(&c)
            || c == '»'
            || c == '«'
    })
}

/// Do matches of `m` cover most letters of the line? («فيسبوك تويتر واتساب», «زر الذهاب
/// إلى الأعلى») — a headline that merely contains «بمشاركة» is not navigation.
fn mostly_covered(m: &PhraseMatcher, norm: &str) -> bool {
    let letters = norm.chars().filter(|&c| is_letter(c)).count();
    if letters == 0 {
        return false;
    }
    let chars: Vec<char> = norm.chars().collect();
    let mut covered = 0usize;
    for x in m.find(norm) {
        // count the proclitics in front of the match as covered too
        let mut ws = x.start;
        while ws > 0 && is_letter(chars[ws - 1]) {
            ws -= 1;
        }
        covered += chars[ws..x.end]
            .iter()
            .filter(|c| c.is_alphabetic())
            .count();
    }
    covered * 10 >= letters * 7
}

fn classify(text: &str, norm: &str, words: usize, cues: &SegmentationCues) -> LineKind {
    if !has_arabic_letter(text) && words <= 4 {
        return LineKind::Junk;
    }
    let first = text.chars().next().unwrap_or(' ');
    if cues.bullets.contains(&first) {
        return LineKind::Bullet;
    }
    if let Some(end) = starts_with(&cues.appended_markers, norm) {
        if is_whole(norm, end) {
            return LineKind::Marker;
        }
        if after_label_colon(norm, end).is_some() {
            return LineKind::InlineTeaser;
        }
    }
    if let Some(end) = starts_with(&cues.tag_prefixes, norm) {
        if after_label_colon(norm, end).is_some() || is_whole(norm, end) {
            return LineKind::Tag;
        }
    }
    if let Some(end) = starts_with(&cues.source_prefixes, norm) {
        if let Some(value_start) = after_label_colon(norm, end) {
            if words <= 12 {
                return LineKind::Source(Span {
                    start: value_start,
                    end: norm.chars().count(),
                });
            }
        }
    }
    if words <= 30 && cues.paywall.matches(norm) {
        return LineKind::Paywall;
    }
    if words <= cues.navigation_max_words && mostly_covered(&cues.navigation, norm) {
        return LineKind::Navigation;
    }
    if words <= 30 && starts_with(&cues.trailers, norm).is_some() {
        return LineKind::Trailer;
    }
    if words <= 15 && starts_with(&cues.caption_prefixes, norm).is_some() {
        return LineKind::Caption;
    }
    LineKind::Text
}

/// Split `text` into classified non-blank lines.
pub fn classify_lines(text: &str, cues: &SegmentationCues) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut char_pos = 0usize;
    for raw in text.split('\n') {
        let raw_chars = raw.chars().count();
        let lead = raw.chars().take_while(|c| c.is_whitespace()).count();
        let trimmed = raw.trim();
        if !trimmed.is_empty() {
            let len = trimmed.chars().count();
            let norm = normalize(trimmed).trim().to_string();
            let words = trimmed.split_whitespace().count();
            let kind = classify(trimmed, &norm, words, cues);
            let headline_like =
                kind == LineKind::Text && looks_like_headline(trimmed, &norm, words, cues);
            lines.push(Line {
                span: Span {
                    start: char_pos + lead,
                    end: char_pos + lead + len,
                },
                text: trimmed.to_string(),
                norm,
                words,
                kind,
                headline_like,
            });
        }
        char_pos += raw_chars + 1; // the '\n'
    }
    mark_repeats(&mut lines, cues);
    lines
}

/// Later copies of a short text line (photo captions, pull quotes) become `Repeat`.
fn mark_repeats(lines: &mut [Line], cues: &SegmentationCues) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for line in lines.iter_mut() {
        if line.kind != LineKind::Text || line.words > cues.headline_max_words * 2 {
            continue;
        }
        let count = seen.entry(line.norm.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            line.kind = LineKind::Repeat;
            line.headline_like = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<LineKind> {
        let kb = rasid_kb::Kb::builtin().expect("kb");
        classify_lines(text, &kb.segmentation)
            .into_iter()
            .map(|l| l.kind)
            .collect()
    }

    #[test]
    fn boilerplate_lines_are_recognised() {
        let page = "عنوان الخبر\n\nنص الخبر عن اشتباكات في المدينة.\n\nالمصدر: وكالة الأنباء اليمنية\n\nكلمات دلالية: الحوثي القاعدة\n\nإقرأ أيضاً:\nاقرأ أيضا: عنوان خبر آخر\n  • عنوان في قائمة\nزر الذهاب إلى الأعلى\n38serv\n+ -\nهذا المقال مؤرشف, يتوجب عليك الإشتراك لتتمكن من الإطلاع";
        let k = kinds(page);
        assert_eq!(k[0], LineKind::Text);
        assert_eq!(k[1], LineKind::Text);
        assert!(matches!(k[2], LineKind::Source(_)));
        assert_eq!(k[3], LineKind::Tag);
        assert_eq!(k[4], LineKind::Marker);
        assert_eq!(k[5], LineKind::InlineTeaser);
        assert_eq!(k[6], LineKind::Bullet);
        assert_eq!(k[7], LineKind::Navigation);
        assert_eq!(k[8], LineKind::Junk);
        assert_eq!(k[9], LineKind::Junk);
        assert_eq!(k[10], LineKind::Paywall);
    }

    #[test]
    fn a_headline_containing_a_navigation_word_is_text() {
        let k = kinds("افتتاح معرض الكتاب الدولي بمشاركة مئتي دار نشر\nشارك | طباعة | تويتر");
        assert_eq!(k, vec![LineKind::Text, LineKind::Navigation]);
    }

    #[test]
    fn source_needs_a_colon_and_marker_must_stand_alone() {
        // «مصدر أمني» opening a sentence is not a source line; «ذات صلة» inside a sentence is text
        let k = kinds("المصدر الأمني أكد أن الهجوم وقع فجرا.\nأخبار ذات صلة بالهجوم تحدثت عن ضحايا كثيرين في المدينة.");
        assert_eq!(k, vec![LineKind::Text, LineKind::Text]);
    }

    #[test]
    fn repeated_caption_lines_after_the_first_are_repeats() {
        let k = kinds("قائد الشرطة: الخلايا النائمة تحت الرصد\nنص.\nقائد الشرطة: الخلايا النائمة تحت الرصد\nقائد الشرطة: الخلايا النائمة تحت الرصد");
        assert_eq!(
            k,
            vec![
                LineKind::Text,
                LineKind::Text,
                LineKind::Repeat,
                LineKind::Repeat
            ]
        );
    }

    #[test]
    fn spans_point_into_the_document() {
        let kb = rasid_kb::Kb::builtin().expect("kb");
        let doc = "  سطر أول  \r\n\n\tسطر ثانٍ مع تشكيل";
        for l in classify_lines(doc, &kb.segmentation) {
            assert_eq!(rasid_text::slice_chars(doc, l.span), l.text);
        }
    }
}
