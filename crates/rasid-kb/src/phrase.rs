//! Whole-word phrase matching over normalised Arabic text.
//!
//! Phrases are normalised with `rasid_text::normalize` on load and searched in the
//! normalised text with Aho-Corasick. A match must start at a word start, possibly after
//! the proclitics (و|ف)? (ب|ل|ك)? (ال)?, and must end at a word end (`PhraseMode::Word`) or
//! anywhere (`PhraseMode::Prefix`, for stems like «ارهاب» in «الارهابيين»). A phrase
//! starting with «ال» also matches after «ل», which elides the article's alef («للحوثيين»:
//! ل + الحوثيين) or, before a lam, the whole article («للاذقية»: ل + اللاذقية); the match
//! then says which letters of the phrase the text leaves unwritten ([`PhraseMatch::elided`]).
//! A phrase whose last word is the lone preposition «ل» or «ب» after a word of two letters
//! or more («يخطط ل», «قام ب») matches that preposition glued to the next word, as Arabic
//! writes it («يخطط لتنفيذ», «قام بتفجير»): the match ends after the preposition.

use std::sync::Arc;

use aho_corasick::{AhoCorasick, MatchKind};
use rasid_text::{normalize, CharIndex, ProtectedWords};

/// How a phrase's end must fall.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhraseMode {
    /// The phrase ends at a word end.
    Word,
    /// The phrase may be followed by more letters of the same word.
    Prefix,
}

/// One match: a span of chars in the normalised text (with the proclitics excluded)
/// and the payload index given when the phrase was added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseMatch {
    pub start: usize,
    pub end: usize,
    pub payload: usize,
    /// The letters of the phrase's article that the text does not write, because the
    /// preposition «ل» before it elides them: «ا» in «للجيش» (ل + الجيش, the match is
    /// «لجيش»), «ال» in «للاذقية» (ل + اللاذقية, the match is «لاذقية»), else empty.
    /// `elided` followed by the matched text is the name as written on its own.
    pub elided: &'static str,
}

#[derive(Debug, Clone)]
struct Pattern {
    payload: usize,
    mode: PhraseMode,
    /// Non-empty when the stored pattern is the preposition «ل» + the phrase without these
    /// letters of its article («لل…» for «ل» + «ال…», «لل…» for «ل» + «الل…»); the match
    /// starts after that «ل».
    elided: &'static str,
    /// The phrase ends in a lone «ل»/«ب», which the text glues to the next word.
    glued: bool,
}

/// Does the normalised phrase end in the lone preposition «ل» or «ب» after a word of two
/// letters or more? («يخطط ل», not the initials «أ ف ب»)
fn ends_in_glued_preposition(norm: &str) -> bool {
    let mut words = norm.rsplit(' ');
    let last = words.next().unwrap_or_default();
    let before = words.next().unwrap_or_default();
    matches!(last, "ل" | "ب") && before.chars().count() >= 2
}

/// A compiled set of phrases.
#[derive(Debug, Clone)]
pub struct PhraseMatcher {
    ac: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
    /// Words the proclitics of a match may not cut into (the tokenizer's list): with it,
    /// «لجنة» holds no «ل» + «جنة», «بلاد» no «ب» + «لاد».
    protected: Option<Arc<ProtectedWords>>,
}

fn is_letter(c: char) -> bool {
    rasid_text::script::is_letter(c)
}

/// Can the letters `word_prefix` (from the word start to the match start) be proclitics?
fn proclitics_ok(word_prefix: &[char], phrase_has_article: bool) -> bool {
    let mut i = 0;
    if i < word_prefix.len() && matches!(word_prefix[i], 'و' | 'ف') {
        i += 1;
    }
    if i < word_prefix.len() && matches!(word_prefix[i], 'ب' | 'ل') {
        i += 1;
    } else if i < word_prefix.len() && word_prefix[i] == 'ك' {
        // «ك» only before the article («كالحوثي»): «كبيرا» is not «ك» + «بيرا»
        let article_follows = word_prefix.get(i + 1..i + 3) == Some(&['ا', 'ل'][..]);
        if !(phrase_has_article || article_follows) {
            return false;
        }
        i += 1;
    }
    if !phrase_has_article
        && word_prefix.len() >= i + 2
        && word_prefix[i] == 'ا'
        && word_prefix[i + 1] == 'ل'
    {
        i += 2;
    }
    i == word_prefix.len()
}

/// Does reading the letters `word[..stem]` as proclitics cut into a protected word? The
/// rest of the word from the start and from after each proclitic («و», «ب») is checked, as
/// the tokenizer does («ولجنة»: «لجنة» is protected, so no «ول» + «جنة»).
fn cuts_protected(word: &str, stem: usize, protected: &ProtectedWords) -> bool {
    let first: Vec<(usize, char)> = word.char_indices().take(3).collect();
    let letter = |i: usize| first.get(i).map(|(_, c)| *c);
    let mut bounds = [Some(0), None, None];
    let mut i = 0;
    if letter(0).is_some_and(|c| matches!(c, 'و' | 'ف')) {
        i = 1;
        bounds[1] = Some(1);
    }
    if letter(i).is_some_and(|c| matches!(c, 'ب' | 'ل' | 'ك')) {
        bounds[2] = Some(i + 1);
    }
    // the rest of the word from each boundary, sliced in place (no copy on this hot path)
    let byte_at = |b: usize| first.get(b).map_or(word.len(), |(at, _)| *at);
    bounds
        .into_iter()
        .flatten()
        .filter(|&b| b < stem)
        .any(|b| protected.protects(&word[byte_at(b)..]))
}

impl PhraseMatcher {
    /// Build from `(phrase, mode, payload)` triples. Empty phrases are skipped.
    pub fn new<'a>(phrases: impl IntoIterator<Item = (&'a str, PhraseMode, usize)>) -> Self {
        let mut strings = Vec::new();
        let mut patterns = Vec::new();
        for (phrase, mode, payload) in phrases {
            let norm = normalize(phrase);
            let norm = norm.trim();
            if norm.is_empty() {
                continue;
            }
            let glued = ends_in_glued_preposition(norm);
            strings.push(norm.to_string());
            patterns.push(Pattern {
                payload,
                mode,
                elided: "",
                glued,
            });
            if let Some(rest) = norm.strip_prefix("ال") {
                // ل + ال is written «لل» (the alef elided); before a lam the article's lam
                // goes too: «للاذقية», «للجنة», never «لللاذقية»
                let elided = if rest.starts_with('ل') { "ال" } else { "ا" };
                if let Some(written) = norm.strip_prefix(elided).filter(|_| !rest.is_empty()) {
                    strings.push(format!("ل{written}"));
                    patterns.push(Pattern {
                        payload,
                        mode,
                        elided,
                        glued,
                    });
                }
            }
        }
        let ac = if strings.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&strings)
                .ok()
        };
        Self {
            ac,
            patterns,
            protected: None,
        }
    }

    /// From now on, no match cuts into a word of `protected` by reading its first letters
    /// as proclitics: «لجنة» holds no «ل» + «جنة» once «لجنة» is protected.
    pub fn protect(&mut self, protected: Arc<ProtectedWords>) {
        self.protected = Some(protected);
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// All whole-word matches in `normalised` (a string produced by `rasid_text::normalize`
    /// or `Normalized::text`), leftmost-longest and non-overlapping, as char spans.
    pub fn find(&self, normalised: &str) -> Vec<PhraseMatch> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let chars: Vec<char> = normalised.chars().collect();
        let index = CharIndex::new(normalised);
        // for each char of a letter run: where the run starts and ends
        let mut word_start = vec![0usize; chars.len()];
        let mut word_end = vec![0usize; chars.len()];
        let mut run = 0;
        for (i, &c) in chars.iter().enumerate() {
            if !is_letter(c) || i == 0 || !is_letter(chars[i - 1]) {
                run = i;
            }
            word_start[i] = run;
        }
        let mut run_end = chars.len();
        for i in (0..chars.len()).rev() {
            if !is_letter(chars[i]) {
                run_end = i;
            }
            word_end[i] = if is_letter(chars[i]) { run_end } else { i };
        }
        let mut found = Vec::new();
        for m in ac.find_overlapping_iter(normalised) {
            let pat = &self.patterns[m.pattern().as_usize()];
            let elided = !pat.elided.is_empty();
            let mut start = index.byte_to_char(m.start());
            let end = index.byte_to_char(m.end());
            if elided {
                start += 1; // «ل» + the phrase: the match proper begins after the «ل»
            }
            // word start (precomputed: walking back per match is quadratic on long runs)
            let at = if elided { start - 1 } else { start };
            let ws = if at > 0 && is_letter(chars[at - 1]) {
                word_start[at - 1]
            } else {
                at
            };
            if at - ws > 4 {
                continue; // at most «وبال»/«فلل» of proclitics before a phrase
            }
            let prefix_end = if elided { start - 1 } else { start };
            let has_article = elided || chars.get(start..start + 2) == Some(&['ا', 'ل'][..]);
            if !proclitics_ok(&chars[ws..prefix_end], has_article) {
                continue;
            }
            if let Some(p) = self.protected.as_ref().filter(|_| prefix_end > ws) {
                let word = &normalised[index.char_to_byte(ws)..index.char_to_byte(word_end[ws])];
                if cuts_protected(word, prefix_end - ws, p) {
                    continue;
                }
            }
            let glued_to_next = pat.glued && end < chars.len() && is_letter(chars[end]);
            if pat.mode == PhraseMode::Word
                && !glued_to_next
                && end < chars.len()
                && is_letter(chars[end])
            {
                continue;
            }
            // extend a prefix match to the end of its word, so the span covers the surface word
            let mut end = end;
            if pat.mode == PhraseMode::Prefix
                && !glued_to_next
                && end < chars.len()
                && is_letter(chars[end])
            {
                end = word_end[end];
            }
            found.push(PhraseMatch {
                start,
                end,
                payload: pat.payload,
                elided: pat.elided,
            });
        }
        // leftmost-longest, non-overlapping
        found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut out: Vec<PhraseMatch> = Vec::with_capacity(found.len());
        for m in found {
            if out.last().is_none_or(|last| m.start >= last.end) {
                out.push(m);
            }
        }
        out
    }

    /// Does `normalised` contain a whole-word match?
    pub fn matches(&self, normalised: &str) -> bool {
        !self.find(normalised).is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(m: &PhraseMatcher, text: &str) -> Vec<String> {
        let n = normalize(text);
        let chars: Vec<char> = n.chars().collect();
        m.find(&n)
            .iter()
            .map(|x| chars[x.start..x.end].iter().collect())
            .collect()
    }

    #[test]
    fn a_protected_word_is_not_read_as_proclitics_and_a_phrase() {
        let mut m = PhraseMatcher::new([
            ("جنة", PhraseMode::Word, 0),
            ("عدن", PhraseMode::Word, 1),
            ("لبنان", PhraseMode::Word, 2),
            ("بنان", PhraseMode::Word, 3),
        ]);
        let text = normalize("لجنة وبعدن ولبنان");
        let payloads =
            |m: &PhraseMatcher| m.find(&text).iter().map(|x| x.payload).collect::<Vec<_>>();
        assert_eq!(payloads(&m), [0, 1, 2]);
        let protected = ProtectedWords::new(["لجنة*", "لبنان*"]).expect("valid entries");
        m.protect(Arc::new(protected));
        // «لجنة» holds no «جنة»; «ولبنان» is «و» + «لبنان», never «ول» + «بنان»
        assert_eq!(payloads(&m), [1, 2]);
    }

    #[test]
    fn matches_with_proclitics_and_elided_article() {
        let m = PhraseMatcher::new([
            ("الحوثيين", PhraseMode::Word, 0),
            ("القاعدة", PhraseMode::Word, 1),
        ]);
        assert_eq!(
            spans(&m, "أفرجت للحوثيين عن عناصر والقاعدة وبالقاعدة"),
            vec![
                "الحوثيين".replace("ال", "ل"),
                "القاعده".into(),
                "القاعده".into()
            ]
        );
    }

    #[test]
    fn a_phrase_ending_in_a_lone_preposition_matches_it_glued() {
        let m = PhraseMatcher::new([
            ("يخطط ل", PhraseMode::Word, 0),
            ("قامت ب", PhraseMode::Word, 1),
            ("أ ف ب", PhraseMode::Word, 2),
        ]);
        assert_eq!(
            spans(&m, "كان يخطط لتنفيذ هجوم وقامت باعتقاله"),
            vec!["يخطط ل".to_string(), "قامت ب".into()]
        );
        // standing apart it matches too; a lone letter after initials is no preposition
        assert_eq!(spans(&m, "يخطط ل هجوم"), vec!["يخطط ل".to_string()]);
        assert!(spans(&m, "أ ف بيان").is_empty());
        assert_eq!(spans(&m, "نقلت أ ف ب"), vec![normalize("أ ف ب")]);
    }

    /// Each match as (matched normalised text, elided letters + matched text).
    fn written(m: &PhraseMatcher, text: &str) -> Vec<(String, String)> {
        let n = normalize(text);
        let chars: Vec<char> = n.chars().collect();
        m.find(&n)
            .iter()
            .map(|x| {
                let t: String = chars[x.start..x.end].iter().collect();
                (t.clone(), format!("{}{t}", x.elided))
            })
            .collect()
    }

    #[test]
    fn an_elided_article_is_reported_with_its_missing_letters() {
        let m = PhraseMatcher::new([
            ("الجيش التركي", PhraseMode::Word, 0),
            ("الحوثيين", PhraseMode::Word, 1),
            ("الولايات المتحدة", PhraseMode::Word, 2),
        ]);
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(
            written(
                &m,
                "قصفت طائرات تابعة للجيش التركي مواقع، وأكد أن الهجوم تم للحوثيين وللولايات المتحدة"
            ),
            vec![
                pair("لجيش التركي", "الجيش التركي"),
                pair("لحوثيين", "الحوثيين"),
                pair("لولايات المتحده", "الولايات المتحده"),
            ]
        );
        // with the article written, or after another proclitic, nothing is elided
        let found = m.find(&normalize("بالجيش التركي والحوثيين"));
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|x| x.elided.is_empty()));
        // diacritics do not hide the elision
        assert_eq!(
            written(&m, "تابعة لِلْجَيْشِ التُّرْكِيِّ"),
            vec![pair("لجيش التركي", "الجيش التركي")]
        );
    }

    #[test]
    fn before_a_lam_the_whole_article_is_elided() {
        // ل + اللاذقية is written «للاذقية», ل + اللجنة «للجنة»: one lam, no alef
        let m = PhraseMatcher::new([
            ("اللاذقية", PhraseMode::Word, 0),
            ("اللجنة الدولية للصليب الأحمر", PhraseMode::Word, 1),
        ]);
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(
            written(&m, "وصلت المساعدات للاذقية عبر اللجنة الدولية للصليب الأحمر"),
            vec![
                pair("لاذقيه", "اللاذقيه"),
                pair("اللجنه الدوليه للصليب الاحمر", "اللجنه الدوليه للصليب الاحمر"),
            ]
        );
        assert_eq!(
            written(&m, "وقدم الشكر وللجنة الدولية للصليب الأحمر"),
            vec![pair(
                "لجنه الدوليه للصليب الاحمر",
                "اللجنه الدوليه للصليب الاحمر"
            )]
        );
        // a name that itself starts with «ل» after the preposition «ل» elides nothing
        let lebanon = PhraseMatcher::new([("لبنان", PhraseMode::Word, 0)]);
        assert_eq!(
            written(&lebanon, "دعم للبنان"),
            vec![pair("لبنان", "لبنان")]
        );
    }

    #[test]
    fn word_mode_rejects_partial_words_and_prefix_mode_extends() {
        let m = PhraseMatcher::new([("قاعدة", PhraseMode::Word, 0)]);
        assert!(spans(&m, "قواعد القاعدية").is_empty());
        let p = PhraseMatcher::new([("إرهاب", PhraseMode::Prefix, 0)]);
        assert_eq!(spans(&p, "العناصر الإرهابية"), vec!["ارهابيه"]);
        // «لا» is not a proclitic sequence, so «لاإرهاب» holds no whole-word match
        assert!(spans(&p, "لاإرهاب").is_empty());
    }

    #[test]
    fn multiword_phrase_and_diacritics() {
        let m = PhraseMatcher::new([("إقرأ أيضاً", PhraseMode::Word, 7)]);
        let n = normalize("إِقرأْ  أيضاً:");
        let found = m.find(&n);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].payload, 7);
    }
}
