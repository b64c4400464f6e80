//! Proclitic analysis of Arabic words: `(و|ف)? (ب|ل|ك)? (ال)?`, with `لل` read
//! as `ل` + `ال` whose alef is elided.
//!
//! Every reading that leaves a long enough stem is an *alternative*
//! (at least 2 letters after `ال`, at least 3 otherwise); [`Token::candidates`] lists
//! the forms of all of them, longest first, for lexicon lookup. The *best
//! guess* (the `proclitics`/`stem` of a [`Token`]) is the longest alternative after two extra
//! precautions:
//! - `ك` is only split off before the article (`كالحوثي`), because words
//!   starting with `ك` (`كانت`, `كبير`) are far more frequent in news than the
//!   preposition on an indefinite noun;
//! - [protected words](ProtectedWords) (`فلسطين`, `ولاية`, `لبنان`, `الذي`,
//!   …, a list the caller gives) are never cut into: a reading is dropped if it
//!   strips letters from a protected word. Such readings are not offered as
//!   candidates either.
//!
//! Clitics are found on the *letter skeleton* (diacritics, tatweel and
//! invisibles removed, presentation forms decomposed, no letter folding), so
//! `ألقى` (hamza on alef) is never mistaken for `ال` + `قى`.

use crate::normalize::{normalize, skeleton_normalizer, Normalized};
use crate::tokens::protected::ProtectedWords;
#[cfg(doc)]
use crate::Token;
use crate::{slice_chars, Span};
use std::collections::HashSet;

/// A proclitic attached to the front of an Arabic word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Clitic {
    /// Conjunction `و` "and".
    Wa,
    /// Conjunction `ف` "so, then".
    Fa,
    /// Preposition `ب` "with, in, by".
    Bi,
    /// Preposition `ل` "to, for".
    Li,
    /// Preposition `ك` "like, as".
    Ka,
    /// Definite article `ال` (also when its alef is elided after `ل`: `لل`).
    Al,
    /// Future particle `س`. Reserved: the default analysis never produces it,
    /// since `س`-initial nouns (`سيطرة`, `سيارة`) dominate news text.
    Sa,
}

impl Clitic {
    /// The clitic as written in full (`ال` for the article).
    pub fn as_str(&self) -> &'static str {
        match self {
            Clitic::Wa => "و",
            Clitic::Fa => "ف",
            Clitic::Bi => "ب",
            Clitic::Li => "ل",
            Clitic::Ka => "ك",
            Clitic::Al => "ال",
            Clitic::Sa => "س",
        }
    }

    /// True for the conjunctions `و` and `ف`.
    pub fn is_conjunction(&self) -> bool {
        matches!(self, Clitic::Wa | Clitic::Fa)
    }

    /// True for the prepositions `ب`, `ل`, `ك`.
    pub fn is_preposition(&self) -> bool {
        matches!(self, Clitic::Bi | Clitic::Li | Clitic::Ka)
    }
}

const ALEF: char = '\u{0627}';
const ALEF_WASLA: char = '\u{0671}';
const LAM: char = '\u{0644}';

/// A word's letter skeleton, with its default normalisation aligned to it.
struct Letters {
    skeleton: Vec<char>,
    folded: Normalized,
}

impl Letters {
    fn new(skeleton_text: &str) -> Self {
        Self {
            skeleton: skeleton_text.chars().collect(),
            folded: Normalized::new(skeleton_text),
        }
    }

    fn len(&self) -> usize {
        self.skeleton.len()
    }

    /// Normalised form of the skeleton from letter `from` on (equal to
    /// normalising that part of the skeleton: folding is char by char).
    fn norm_from(&self, from: usize) -> &str {
        let span = self
            .folded
            .to_normalized(Span::new(from, self.skeleton.len()));
        slice_chars(self.folded.text(), span)
    }
}

/// One reading of a word as proclitics + stem, over its letter skeleton.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Reading {
    conj: Option<Clitic>,
    prep: Option<Clitic>,
    article: bool,
    /// `ل` + `ال` written `لل`.
    elided: bool,
    /// Skeleton index after the conjunction.
    after_conj: usize,
    /// Skeleton index after the preposition.
    after_prep: usize,
    /// Skeleton index where the stem starts.
    stem_at: usize,
}

impl Reading {
    fn clitics(&self) -> Vec<Clitic> {
        let mut v: Vec<Clitic> = self.conj.into_iter().chain(self.prep).collect();
        if self.article {
            v.push(Clitic::Al);
        }
        v
    }

    fn has_clitic(&self) -> bool {
        self.stem_at > 0
    }

    /// The spec's length rule: at least 2 stem letters after the article, at
    /// least 3 after any other clitic.
    fn stem_long_enough(&self, letters: usize) -> bool {
        let stem = letters.saturating_sub(self.stem_at);
        if self.article {
            stem >= 2
        } else {
            !self.has_clitic() || stem >= 3
        }
    }
}

/// Every structural reading of `letters` (no length rule applied); the
/// reading without clitics comes first.
fn readings(letters: &[char]) -> Vec<Reading> {
    let at = |i: usize| letters.get(i).copied();
    let mut out = Vec::new();
    for conj in [None, Some(Clitic::Wa), Some(Clitic::Fa)] {
        let after_conj = match conj {
            None => 0,
            Some(Clitic::Wa) if at(0) == Some('و') => 1,
            Some(Clitic::Fa) if at(0) == Some('ف') => 1,
            Some(_) => continue,
        };
        for prep in [None, Some(Clitic::Bi), Some(Clitic::Li), Some(Clitic::Ka)] {
            let after_prep = match prep {
                None => after_conj,
                Some(Clitic::Bi) if at(after_conj) == Some('ب') => after_conj + 1,
                Some(Clitic::Li) if at(after_conj) == Some('ل') => after_conj + 1,
                Some(Clitic::Ka) if at(after_conj) == Some('ك') => after_conj + 1,
                Some(_) => continue,
            };
            let base = Reading {
                conj,
                prep,
                article: false,
                elided: false,
                after_conj,
                after_prep,
                stem_at: after_prep,
            };
            out.push(base);
            if prep == Some(Clitic::Li) {
                // ل + ال is always written لل.
                if at(after_prep) == Some(LAM) {
                    out.push(Reading {
                        article: true,
                        elided: true,
                        stem_at: after_prep + 1,
                        ..base
                    });
                }
            } else if matches!(at(after_prep), Some(ALEF | ALEF_WASLA))
                && at(after_prep + 1) == Some(LAM)
            {
                out.push(Reading {
                    article: true,
                    stem_at: after_prep + 2,
                    ..base
                });
            }
        }
    }
    out
}

/// True when the reading strips letters off a protected word.
fn cuts_protected(letters: &Letters, r: &Reading, protected: &ProtectedWords) -> bool {
    [0, r.after_conj, r.after_prep]
        .into_iter()
        .filter(|&b| b < r.stem_at)
        .any(|b| protected.protects(letters.norm_from(b)))
}

/// Readings that satisfy the length rule and leave protected words whole.
fn alternatives(letters: &Letters, protected: &ProtectedWords) -> Vec<Reading> {
    readings(&letters.skeleton)
        .into_iter()
        .filter(|r| r.stem_long_enough(letters.len()))
        .filter(|r| !r.has_clitic() || !cuts_protected(letters, r, protected))
        .collect()
}

/// The best-guess split of one Arabic word token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WordAnalysis {
    pub proclitics: Vec<Clitic>,
    /// Stem span relative to the word's first char.
    pub stem: Span,
    pub stem_norm: String,
}

/// Splits a word token's surface text; `norm` is its default normalisation.
/// `clitic_only_context` says the word is glued to what follows (it ends in
/// tatweel, or an opening quote follows without a space): a word made only of
/// clitic letters (`لـ`, `وبـ`) is then read as clitics with an empty stem.
pub(crate) fn analyze(
    surface: &str,
    norm: &str,
    clitic_only_context: bool,
    protected: &ProtectedWords,
) -> WordAnalysis {
    let surface_len = crate::char_len(surface);
    let whole = WordAnalysis {
        proclitics: Vec::new(),
        stem: Span::new(0, surface_len),
        stem_norm: norm.to_string(),
    };
    let skeleton = skeleton_normalizer().normalize_mapped(surface);
    let starts_like_clitic = skeleton
        .text()
        .starts_with(['و', 'ف', 'ب', 'ل', 'ك', ALEF, ALEF_WASLA]);
    if !starts_like_clitic {
        return whole;
    }
    let letters = Letters::new(skeleton.text());
    if clitic_only_context {
        let clitic_only = readings(&letters.skeleton).into_iter().find(|r| {
            r.has_clitic()
                && r.stem_at == letters.len()
                && !(r.article && !r.elided && r.conj.is_none() && r.prep.is_none())
        });
        if let Some(r) = clitic_only {
            return WordAnalysis {
                proclitics: r.clitics(),
                stem: Span::new(surface_len, surface_len),
                stem_norm: String::new(),
            };
        }
    }
    let best = alternatives(&letters, protected)
        .into_iter()
        .filter(|r| r.prep != Some(Clitic::Ka) || r.article)
        .max_by_key(|r| r.stem_at);
    match best {
        Some(r) if r.has_clitic() => {
            let stem = skeleton.to_original(Span::new(r.stem_at, letters.len()));
            WordAnalysis {
                proclitics: r.clitics(),
                stem: Span::new(stem.start, surface_len),
                stem_norm: letters.norm_from(r.stem_at).to_string(),
            }
        }
        _ => whole,
    }
}

/// Normalised forms of an Arabic word to look up in a lexicon, longest first,
/// without duplicates: the full word, then for every alternative reading the
/// word after stripping the conjunction, after stripping the preposition
/// (with `ال` restored for `لل`), and after stripping the article.
pub(crate) fn candidates(surface: &str, protected: &ProtectedWords) -> Vec<String> {
    let letters = Letters::new(&skeleton_normalizer().normalize(surface));
    let mut forms = vec![normalize(surface)];
    for r in alternatives(&letters, protected)
        .iter()
        .filter(|r| r.has_clitic())
    {
        if r.conj.is_some() {
            forms.push(letters.norm_from(r.after_conj).to_string());
        }
        if r.prep.is_some() {
            if r.elided {
                forms.push(format!("ال{}", letters.norm_from(r.stem_at)));
            } else {
                forms.push(letters.norm_from(r.after_prep).to_string());
            }
        }
        if r.article {
            forms.push(letters.norm_from(r.stem_at).to_string());
        }
    }
    let mut seen = HashSet::new();
    forms.retain(|f| !f.is_empty() && seen.insert(f.clone()));
    forms.sort_by_key(|f| std::cmp::Reverse(f.chars().count()));
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A few protected words of the kinds the kb lists (not the kb's list: this crate
    /// knows none): a word whose ال is not the article, places, frequent verbs.
    fn protected() -> ProtectedWords {
        ProtectedWords::new([
            "الله",
            "الذي",
            "الآن",
            "فلسطين*",
            "لبنان*",
            "ولاي*",
            "بلغت",
            "بايع*",
            "فجر*",
            "كان",
            "بيان*",
        ])
        .expect("valid list")
    }

    fn analyze(word: &str, glued: bool) -> WordAnalysis {
        super::analyze(word, &normalize(word), glued, &protected())
    }

    fn candidates(word: &str) -> Vec<String> {
        super::candidates(word, &protected())
    }

    fn split(word: &str) -> (Vec<Clitic>, String) {
        let a = analyze(word, false);
        (a.proclitics, a.stem_norm)
    }

    use Clitic::*;

    #[test]
    fn splits_the_required_examples() {
        assert_eq!(split("والقاعدة"), (vec![Wa, Al], "قاعده".into()));
        assert_eq!(split("بالبيضاء"), (vec![Bi, Al], "بيضاء".into()));
        assert_eq!(split("للحوثيين"), (vec![Li, Al], "حوثيين".into()));
        assert_eq!(split("وبالعاصمة"), (vec![Wa, Bi, Al], "عاصمه".into()));
        assert_eq!(split("فللتنظيم"), (vec![Fa, Li, Al], "تنظيم".into()));
        assert_eq!(split("كالحوثي"), (vec![Ka, Al], "حوثي".into()));
        assert_eq!(split("وبحسب"), (vec![Wa, Bi], "حسب".into()));
        assert_eq!(split("وقال"), (vec![Wa], "قال".into()));
    }

    #[test]
    fn short_stems_are_not_split() {
        for word in ["ولد", "بلد", "كان", "فقط", "الى", "ألقى", "إلى", "أكثر"]
        {
            assert_eq!(split(word).0, vec![], "{word}");
        }
        // ال + two letters is allowed
        assert_eq!(split("الحق"), (vec![Al], "حق".into()));
    }

    #[test]
    fn ka_only_before_the_article() {
        assert_eq!(split("وكانت"), (vec![Wa], "كانت".into()));
        assert_eq!(split("كاتفاق").0, vec![]);
        assert!(candidates("كاتفاق").contains(&"اتفاق".to_string()));
    }

    #[test]
    fn protected_words_are_not_cut() {
        assert_eq!(split("فلسطين").0, vec![]);
        assert_eq!(split("الفلسطينيين"), (vec![Al], "فلسطينيين".into()));
        assert_eq!(split("ولاية").0, vec![]);
        assert_eq!(split("وولاية"), (vec![Wa], "ولايه".into()));
        assert_eq!(split("للبنان"), (vec![Li], "لبنان".into()));
        assert_eq!(split("الله").0, vec![]);
        assert_eq!(split("بالله"), (vec![Bi], "الله".into()));
        assert_eq!(split("والذي"), (vec![Wa], "الذي".into()));
        assert_eq!(split("الآن").0, vec![]);
        assert_eq!(split("بلغت").0, vec![]);
        assert_eq!(split("وبايعت"), (vec![Wa], "بايعت".into()));
        assert_eq!(split("فجّرت").0, vec![]);
        assert!(!candidates("فلسطين").contains(&"سطين".to_string()));
    }

    #[test]
    fn protection_comes_only_from_the_given_list() {
        let none = ProtectedWords::default();
        let split_with = |word: &str, p: &ProtectedWords| {
            let a = super::analyze(word, &normalize(word), false, p);
            (a.proclitics, a.stem_norm)
        };
        assert_eq!(split_with("فلسطين", &none), (vec![Fa, Li], "سطين".into()));
        assert!(super::candidates("فلسطين", &none).contains(&"سطين".to_string()));
        assert_eq!(split_with("فلسطين", &protected()).0, vec![]);
    }

    #[test]
    fn candidates_longest_first_with_restored_article() {
        assert_eq!(
            candidates("للحوثيين"),
            vec!["للحوثيين", "الحوثيين", "لحوثيين", "حوثيين"]
        );
        assert_eq!(
            candidates("وبالعاصمة"),
            vec!["وبالعاصمه", "بالعاصمه", "العاصمه", "عاصمه"]
        );
        let c = candidates("وكالة");
        assert_eq!(c.first().map(String::as_str), Some("وكاله"));
        assert_eq!(candidates("ولد"), vec!["ولد"]);
        assert_eq!(candidates("ألقى"), vec!["القي"]);
    }

    #[test]
    fn stem_span_points_into_the_surface() {
        let word = "وَبِالعاصِمَةِ";
        let a = analyze(word, false);
        assert_eq!(crate::slice_chars(word, a.stem), "عاصِمَةِ");
        let word = "الـحوثي";
        let a = analyze(word, false);
        assert_eq!(crate::slice_chars(word, a.stem), "حوثي");
        let word = "للحوثيين";
        assert_eq!(
            crate::slice_chars(word, analyze(word, false).stem),
            "حوثيين"
        );
    }

    #[test]
    fn clitic_only_words() {
        let a = analyze("لـ", true);
        assert_eq!(a.proclitics, vec![Li]);
        assert_eq!(a.stem, Span::new(2, 2));
        assert_eq!(a.stem_norm, "");
        assert_eq!(analyze("وبـ", true).proclitics, vec![Wa, Bi]);
        assert_eq!(analyze("للـ", true).proclitics, vec![Li, Al]);
        // not in a glued context, a lone letter is just a word
        assert_eq!(analyze("ل", false).proclitics, vec![]);
        // a bare article is not a clitic-only word
        assert_eq!(analyze("الـ", true).proclitics, vec![]);
        // a real word in glued context keeps its normal analysis
        assert_eq!(analyze("بيان", true).proclitics, vec![]);
    }

    #[test]
    fn degenerate_words() {
        assert_eq!(analyze("", false).stem, Span::new(0, 0));
        assert_eq!(analyze("\u{064E}", true).proclitics, vec![]);
        assert_eq!(candidates("ـ"), Vec::<String>::new());
        assert_eq!(Clitic::Al.as_str(), "ال");
        assert!(Clitic::Fa.is_conjunction());
        assert!(Clitic::Ka.is_preposition());
        assert!(!Clitic::Sa.is_preposition());
    }
}
