//! `kb/transliteration.toml`: English renderings of Arabic person names.
//!
//! Arabic writes no short vowels. A word is rendered, first rule that applies:
//! 1. from the `words` table, the spellings English-language news uses for common name
//!    parts («محمد» → «Mohammed»; the article is kept as «al-»: «الدوسري» → «al-Dosari»);
//! 2. by a vowel pattern of `[[patterns]]`, a consonant skeleton shape with its long vowels
//!    («CاCC» → «CaCiC»: «ساجد» → «Sajid»), matched against the whole word;
//! 3. by an ending of `[[endings]]` («ي» after the article, «ه», «ان») whose stem is a
//!    `words` entry or itself fits a pattern («الجابري» → «al-Jaberi», «نجيبة» → «Najiba»);
//! 4. letter by letter, as its consonant skeleton with long vowels and an «a» in an opening
//!    cluster («مجبر» → «Majbr»).
//!
//! «عبد الله» is one name, Abdullah; «عبد» glued to a definite word is split
//! («عبدالرحيم» → «Abd al-Rahim»), as are the kunya heads glued to a known word
//! («أبوعبيدة» → «Abu Ubaida»).

use std::collections::HashMap;

use serde::Deserialize;

use crate::error::{check_version, KbError};
use crate::files::KbFile;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    version: u32,
    letters: HashMap<String, String>,
    #[serde(default)]
    words: HashMap<String, String>,
    #[serde(default)]
    patterns: Vec<RawPattern>,
    #[serde(default)]
    endings: Vec<RawEnding>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPattern {
    shape: String,
    latin: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEnding {
    ending: String,
    latin: String,
    #[serde(default)]
    after_article: bool,
}

/// One place of a pattern's shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// `C`: one consonant of the word.
    Consonant,
    /// This letter itself (a long vowel, a prefix «م»).
    Letter(char),
}

/// A vowel pattern: a word of exactly `shape` is written `latin`, whose `C`s are the word's
/// consonants in order.
#[derive(Debug)]
struct Pattern {
    shape: Vec<Slot>,
    latin: String,
}

/// An ending: a word ending in `ending` is its stem's rendering followed by `latin`.
#[derive(Debug)]
struct Ending {
    ending: Vec<char>,
    latin: String,
    /// Only in a word that has the article («الحارثي»: the nisba).
    after_article: bool,
}

/// Renders Arabic names in Latin letters.
#[derive(Debug)]
pub struct Transliterator {
    letters: HashMap<char, String>,
    words: HashMap<String, String>,
    patterns: Vec<Pattern>,
    endings: Vec<Ending>,
}

/// Kunya heads that may be glued to the name («أبوعبيدة»), normalised.
const GLUED_HEADS: [&str; 3] = ["ابو", "ابي", "ام"];
/// «عبد», which may be glued to a definite word («عبدالرحيم»).
const ABD: &str = "عبد";
/// The article, normalised.
const ARTICLE: &str = "ال";
/// The fewest letters an ending leaves for its stem.
const MIN_STEM_LETTERS: usize = 3;

impl Transliterator {
    pub(crate) fn parse(file: &KbFile) -> Result<Self, KbError> {
        let name = file.name.as_str();
        let raw: Raw = toml::from_str(&file.text).map_err(|e| KbError::parse(name, e))?;
        check_version(name, raw.version, 1)?;
        let mut letters = HashMap::new();
        for (k, v) in raw.letters {
            let mut chars = k.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => {
                    letters.insert(c, v);
                }
                _ => {
                    return Err(KbError::invalid(
                        name,
                        format!("letters: {k:?} is not one letter"),
                    ))
                }
            }
        }
        let words = parse_words(name, raw.words)?;
        let patterns = raw
            .patterns
            .iter()
            .map(|p| parse_pattern(name, p, &letters))
            .collect::<Result<_, _>>()?;
        let endings = raw
            .endings
            .iter()
            .map(|e| parse_ending(name, e, &letters))
            .collect::<Result<_, _>>()?;
        Ok(Self {
            letters,
            words,
            patterns,
            endings,
        })
    }

    /// The name in Latin letters, word by word.
    pub fn name(&self, arabic: &str) -> String {
        // «عبد الله» is one name, Abdullah
        let norm = rasid_text::normalize(arabic).replace("عبد الله", "عبدالله");
        let mut out: Vec<String> = Vec::new();
        for w in norm.split(|c: char| c.is_whitespace() || c == '-') {
            if w.is_empty() {
                continue;
            }
            if let Some(parts) = self.glued(w) {
                out.extend(parts);
            } else {
                out.push(self.word(w));
            }
        }
        // a name opening with «بن» is «Bin …»
        if let Some(first) = out.first_mut() {
            *first = capitalised(first);
        }
        out.join(" ")
    }

    /// «ابوعبيده» → «Abu Ubaida» when the rest is a known word; «عبدالرحيم» →
    /// «Abd al-Rahim» when the rest is definite.
    fn glued(&self, w: &str) -> Option<Vec<String>> {
        if self.words.contains_key(w) {
            return None;
        }
        GLUED_HEADS
            .iter()
            .find_map(|h| {
                let rest = w.strip_prefix(h)?;
                let known = self.words.get(rest)?;
                Some(vec![self.word(h), known.clone()])
            })
            .or_else(|| {
                let rest = w.strip_prefix(ABD)?;
                let name = rest.strip_prefix(ARTICLE)?;
                (name.chars().count() >= MIN_STEM_LETTERS)
                    .then(|| vec![self.word(ABD), self.word(rest)])
            })
    }

    fn word(&self, w: &str) -> String {
        if let Some(known) = self.words.get(w) {
            return known.clone();
        }
        if let Some(rest) = w.strip_prefix(ARTICLE).filter(|r| r.chars().count() >= 2) {
            let core = match self.words.get(rest) {
                Some(known) => known.trim_start_matches("al-").to_string(),
                None => self
                    .vowelled(rest, true)
                    .unwrap_or_else(|| self.skeleton(rest)),
            };
            return format!("al-{core}");
        }
        self.vowelled(w, false).unwrap_or_else(|| self.skeleton(w))
    }

    /// `w` (without the article) by the patterns: the first shape that fits the whole word,
    /// else the first ending that fits (those `after_article` only when `after_article`);
    /// `None` when nothing fits, and the word is rendered letter by letter.
    fn vowelled(&self, w: &str, after_article: bool) -> Option<String> {
        let chars: Vec<char> = w.chars().collect();
        self.patterns
            .iter()
            .find_map(|p| self.by_shape(p, &chars))
            .or_else(|| {
                self.endings
                    .iter()
                    .filter(|e| after_article || !e.after_article)
                    .find_map(|e| self.by_ending(e, &chars))
            })
    }

    /// A word of exactly the pattern's shape, written as its `latin` with the word's
    /// consonants in place of the `C`s («سالم» on «CاCC» → «CaCiC» is «Salim»). A `C` is any
    /// letter but «ا», and never a final «و», «ي» or «ه» (a vowel or the feminine ending
    /// there: «ساره» is no «CاCC»), nor a «و» or «ي» second in the word or after «ا» (a
    /// vowel or a folded hamza there: «سوزان», «لويس», «قائد» fit nothing); «ع» or «ء»
    /// opening the word is silent, the vowel after it carries it («عابد» → «Abid»).
    fn by_shape(&self, pattern: &Pattern, w: &[char]) -> Option<String> {
        if pattern.shape.len() != w.len() {
            return None;
        }
        let mut consonants = Vec::new();
        for (i, (slot, &c)) in pattern.shape.iter().zip(w).enumerate() {
            match *slot {
                Slot::Letter(l) if l == c => {}
                Slot::Letter(_) => return None,
                Slot::Consonant => {
                    let last = i + 1 == w.len();
                    let weak = matches!(c, 'و' | 'ي');
                    let vowel = c == 'ا'
                        || (last && (weak || c == 'ه'))
                        || (weak && (i == 1 || (i > 1 && w[i - 1] == 'ا')));
                    if vowel {
                        return None;
                    }
                    let latin = match c {
                        'ع' | 'ء' if i == 0 => "",
                        _ => self.letters.get(&c)?.as_str(),
                    };
                    consonants.push(latin);
                }
            }
        }
        let mut consonants = consonants.into_iter();
        let mut s = String::new();
        for c in pattern.latin.chars() {
            if c == 'C' {
                s.push_str(consonants.next()?);
            } else {
                s.push(c);
            }
        }
        Some(capitalised(&s))
    }

    /// A word with the ending, written as its stem followed by the ending's `latin`
    /// («نجيبه» → «Najib» + «a», «الجابري» → «al-» + «Jaber» + «i»), when at least
    /// `MIN_STEM_LETTERS` letters remain and the stem is a `words` entry or fits the
    /// patterns (endings `after_article` excluded), in Latin letters ending in a consonant
    /// («Hani» + «a» is left to the letters).
    fn by_ending(&self, ending: &Ending, w: &[char]) -> Option<String> {
        let stem = w.strip_suffix(ending.ending.as_slice())?;
        if stem.len() < MIN_STEM_LETTERS {
            return None;
        }
        let stem: String = stem.iter().collect();
        let head = match self.words.get(&stem) {
            Some(known) => known.clone(),
            None => self.vowelled(&stem, false)?,
        };
        plain_ending_in_consonant(&head).then(|| format!("{head}{}", ending.latin))
    }

    /// Letter by letter: و and ي are vowels after a consonant, ة at the end is «a», ع at the
    /// start is «a»; two consonants opening the word take an «a» between them («نهدي» →
    /// «Nahdi»), the commonest vowel there; the first letter is capitalised.
    fn skeleton(&self, w: &str) -> String {
        let chars: Vec<char> = w.chars().collect();
        let mut pieces: Vec<(&str, bool)> = Vec::new(); // (latin, is a vowel)
        for (i, c) in chars.iter().enumerate() {
            let after_consonant = i > 0 && !matches!(chars[i - 1], 'ا' | 'و' | 'ي');
            let piece = match c {
                'و' if after_consonant => ("u", true),
                'ي' if after_consonant => ("i", true),
                'ه' if i + 1 == chars.len() && i > 0 => ("a", true),
                'ع' if i == 0 => ("a", true),
                'ا' => ("a", true),
                _ => match self.letters.get(c) {
                    Some(l) => (l.as_str(), false),
                    None => continue,
                },
            };
            pieces.push(piece);
        }
        let mut s = String::new();
        for (i, (p, _)) in pieces.iter().enumerate() {
            s.push_str(p);
            let opens_cluster = i == 0 && pieces.len() > 2 && !pieces[0].1 && !pieces[1].1;
            if opens_cluster {
                s.push('a');
            }
        }
        capitalised(&s)
    }
}

/// The `words` table with normalised keys. A key that is not one Arabic word, an empty
/// spelling, or two keys that normalise alike («فؤاد», «فواد») spelled differently are
/// errors naming the entry.
fn parse_words(
    file: &str,
    raw: HashMap<String, String>,
) -> Result<HashMap<String, String>, KbError> {
    let mut entries: Vec<(String, String)> = raw.into_iter().collect();
    entries.sort(); // the first of two clashing keys is named, whatever the hash order
    let mut words: HashMap<String, String> = HashMap::new();
    let mut sources: HashMap<String, String> = HashMap::new();
    for (k, v) in entries {
        let key = rasid_text::normalize(&k).trim().to_string();
        let arabic_word =
            !key.is_empty() && key.chars().all(|c| c.is_alphabetic() && !c.is_ascii());
        if !arabic_word {
            return Err(KbError::invalid(
                file,
                format!("words: {k:?} is not one Arabic word"),
            ));
        }
        if v.trim().is_empty() {
            return Err(KbError::invalid(
                file,
                format!("words: {k:?} has an empty spelling"),
            ));
        }
        if let (Some(prev), Some(src)) = (words.get(&key), sources.get(&key)) {
            if *prev != v {
                return Err(KbError::invalid(
                    file,
                    format!(
                        "words: {src:?} = {prev:?} and {k:?} = {v:?} are one word once normalised"
                    ),
                ));
            }
        }
        sources.insert(key.clone(), k);
        words.insert(key, v);
    }
    Ok(words)
}

/// One `[[patterns]]` entry: `shape` of `C`s and letters of `[letters]`, `latin` of
/// lower-case letters, «'» and as many `C`s as the shape.
fn parse_pattern(
    file: &str,
    raw: &RawPattern,
    letters: &HashMap<char, String>,
) -> Result<Pattern, KbError> {
    let bad = |why: String| {
        KbError::invalid(
            file,
            format!(
                "patterns: shape = {:?}, latin = {:?}: {why}",
                raw.shape, raw.latin
            ),
        )
    };
    let mut shape = Vec::new();
    for c in raw.shape.chars() {
        if c == 'C' {
            shape.push(Slot::Consonant);
            continue;
        }
        let norm = rasid_text::normalize(&c.to_string());
        let mut it = norm.chars();
        match (it.next(), it.next()) {
            (Some(l), None) if letters.contains_key(&l) => shape.push(Slot::Letter(l)),
            _ => return Err(bad(format!("{c:?} is neither C nor a letter of [letters]"))),
        }
    }
    let in_shape = shape.iter().filter(|s| **s == Slot::Consonant).count();
    let in_latin = raw.latin.chars().filter(|c| *c == 'C').count();
    if in_shape == 0 {
        return Err(bad("the shape has no C".into()));
    }
    if in_shape != in_latin {
        return Err(bad(format!(
            "the shape has {in_shape} C, the latin {in_latin}"
        )));
    }
    if let Some(c) = raw
        .latin
        .chars()
        .find(|&c| !(c == 'C' || c == '\'' || c.is_ascii_lowercase()))
    {
        return Err(bad(format!(
            "{c:?} in latin is not C, a lower-case letter or '"
        )));
    }
    Ok(Pattern {
        shape,
        latin: raw.latin.clone(),
    })
}

/// One `[[endings]]` entry: `ending` of letters of `[letters]`, `latin` of lower-case
/// letters.
fn parse_ending(
    file: &str,
    raw: &RawEnding,
    letters: &HashMap<char, String>,
) -> Result<Ending, KbError> {
    let bad = |why: &str| {
        KbError::invalid(
            file,
            format!(
                "endings: ending = {:?}, latin = {:?}: {why}",
                raw.ending, raw.latin
            ),
        )
    };
    let ending: Vec<char> = rasid_text::normalize(&raw.ending).trim().chars().collect();
    if ending.is_empty() || !ending.iter().all(|c| letters.contains_key(c)) {
        return Err(bad("the ending is not letters of [letters]"));
    }
    if raw.latin.is_empty() || !raw.latin.chars().all(|c| c.is_ascii_lowercase()) {
        return Err(bad("latin is not lower-case letters"));
    }
    Ok(Ending {
        ending,
        latin: raw.latin.clone(),
        after_article: raw.after_article,
    })
}

/// One capitalised word of Latin letters (and «'») whose last letter is a consonant: a
/// stem an ending may follow («Jaber» + «i», not «al-Bakr», «Hani»).
fn plain_ending_in_consonant(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_uppercase())
        && s.chars().all(|c| c.is_ascii_alphabetic() || c == '\'')
        && !s.ends_with(['a', 'e', 'i', 'o', 'u', 'y'])
}

/// `s` with its first letter upper-case.
fn capitalised(s: &str) -> String {
    let mut it = s.chars();
    match it.next() {
        Some(first) => first.to_uppercase().chain(it).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> Transliterator {
        let file = KbFile {
            name: "transliteration.toml".into(),
            text: include_str!("../../../kb/transliteration.toml").into(),
            builtin: true,
        };
        match Transliterator::parse(&file) {
            Ok(t) => t,
            Err(e) => panic!("{e}"),
        }
    }

    fn parse(text: &str) -> Result<Transliterator, KbError> {
        let file = KbFile {
            name: "transliteration.toml".into(),
            text: format!("version = 1\n[letters]\n\"ب\" = \"b\"\n{text}"),
            builtin: false,
        };
        Transliterator::parse(&file)
    }

    fn error(text: &str) -> String {
        match parse(text) {
            Ok(_) => panic!("{text:?} parsed"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn known_name_parts_take_their_news_spelling() {
        let t = builtin();
        assert_eq!(t.name("عبد المالك دروكدال"), "Abd al-Malik Droukdel");
        assert_eq!(t.name("أبو بكر البغدادي"), "Abu Bakr al-Baghdadi");
        assert_eq!(
            t.name("أبوعبيدة يوسف العنابي"),
            "Abu Ubaida Youssef al-Annabi"
        );
        assert_eq!(t.name("مصطفى"), "Mustafa");
        assert_eq!(t.name("مبارك"), "Mubarak");
        assert_eq!(t.name("خالد سعيد الدوسري"), "Khaled Saeed al-Dosari");
        assert_eq!(t.name("سالم القحطاني"), "Salem al-Qahtani");
        assert_eq!(t.name("فيصل الشهراني"), "Faisal al-Shahrani");
        assert_eq!(t.name("فاطمة الزهراء"), "Fatima al-Zahraa");
        assert_eq!(t.name("آل نهيان"), "Al Nahyan");
        assert_eq!(t.name("مقتدى الصدر"), "Muqtada al-Sadr");
    }

    #[test]
    fn abd_compounds_and_the_article() {
        let t = builtin();
        assert_eq!(t.name("عبد الرحيم"), "Abd al-Rahim");
        assert_eq!(t.name("عبدالرحيم"), "Abd al-Rahim");
        assert_eq!(t.name("عبد الله"), "Abdullah");
        assert_eq!(t.name("عبد الفتاح السيسي"), "Abd al-Fattah al-Sisi");
        // a definite word glued to «عبد» is split even when unknown, and vowelled
        assert_eq!(t.name("عبدالنجيب"), "Abd al-Najib");
        // the article before a known word, and before a pattern
        assert_eq!(t.name("إبراهيم الخليل"), "Ibrahim al-Khalil");
        assert_eq!(t.name("محمد الساجد"), "Mohammed al-Sajid");
    }

    #[test]
    fn unknown_words_are_vowelled_by_their_pattern() {
        let t = builtin();
        // فاعل, with «ع» opening the word silent
        assert_eq!(t.name("ساجد"), "Sajid");
        assert_eq!(t.name("عابد"), "Abid");
        // فعيل, أفيل
        assert_eq!(t.name("نجيب"), "Najib");
        assert_eq!(t.name("سميع"), "Sami'");
        assert_eq!(t.name("أريب"), "Arib");
        // فعول, مفعول
        assert_eq!(t.name("شكور"), "Shakur");
        assert_eq!(t.name("مرزوق"), "Marzuq");
        assert_eq!(t.name("مبروك"), "Mabruk");
        // فعلان
        assert_eq!(t.name("فرحان"), "Farhan");
        // what the patterns give for names the table spells the news way
        assert_eq!(t.vowelled("سعيد", false).as_deref(), Some("Sa'id"));
        assert_eq!(t.vowelled("وليد", false).as_deref(), Some("Walid"));
        assert_eq!(t.vowelled("سالم", false).as_deref(), Some("Salim"));
        assert_eq!(t.vowelled("محمود", false).as_deref(), Some("Mahmud"));
        assert_eq!(t.vowelled("منصور", false).as_deref(), Some("Mansur"));
    }

    #[test]
    fn endings_follow_a_known_or_vowelled_stem() {
        let t = builtin();
        // the nisba after the article: stem from the table, from a pattern, through «ان»
        assert_eq!(t.name("عمر الجابري"), "Omar al-Jaberi");
        assert_eq!(t.name("علي الساجدي"), "Ali al-Sajidi");
        assert_eq!(t.name("حسن الفرحاني"), "Hassan al-Farhani");
        assert_eq!(t.name("أحمد الشعلاني"), "Ahmed al-Sha'lani");
        // ta marbuta
        assert_eq!(t.name("نجيبة"), "Najiba");
        assert_eq!(t.name("مسعودة"), "Masouda");
        // «ان» after a longer stem
        assert_eq!(t.name("عبيدان"), "Obaidan");
        // no nisba without the article, and no ending on a stem that fits nothing
        assert_eq!(t.name("قادري"), "Qadri");
        assert_eq!(t.name("ساره"), "Sara");
    }

    #[test]
    fn words_fitting_nothing_become_consonant_skeletons() {
        let t = builtin();
        assert_eq!(t.name("مجبر"), "Majbr");
        assert_eq!(t.name("عمر عبيد البكري"), "Omar Obaid al-Bakri");
        assert_eq!(t.name("بن هلال قادري"), "Bin Hilal Qadri");
        assert_eq!(t.name("أبو عبد الله الجزائري"), "Abu Abdullah al-Jazairi");
        assert_eq!(t.name("سعد الدوسر"), "Saad al-Dusr");
    }

    #[test]
    fn a_letter_key_must_be_one_letter() {
        let file = KbFile {
            name: "transliteration.toml".into(),
            text: "version = 1\n[letters]\n\"بب\" = \"bb\"\n".into(),
            builtin: false,
        };
        assert!(Transliterator::parse(&file).is_err());
    }

    #[test]
    fn bad_entries_are_errors_naming_the_file_and_the_entry() {
        let e = error("[words]\n\"ab\" = \"Ab\"\n");
        assert!(
            e.contains("transliteration.toml") && e.contains("\"ab\""),
            "{e}"
        );
        let e = error("[words]\n\"بب بب\" = \"Bab\"\n");
        assert!(e.contains("not one Arabic word"), "{e}");
        let e = error("[words]\n\"ببة\" = \"Babba\"\n\"ببه\" = \"Babah\"\n");
        assert!(e.contains("\"ببة\"") && e.contains("\"ببه\""), "{e}");
        assert!(parse("[[patterns]]\nshape = \"CبC\"\nlatin = \"CabC\"\n").is_ok());
        let e = error("[[patterns]]\nshape = \"CبC\"\nlatin = \"CaCiC\"\n");
        assert!(e.contains("the shape has 2 C, the latin 3"), "{e}");
        let e = error("[[patterns]]\nshape = \"CxC\"\nlatin = \"CaC\"\n");
        assert!(e.contains("'x' is neither C nor a letter"), "{e}");
        let e = error("[[endings]]\nending = \"ي\"\nlatin = \"i\"\n");
        assert!(
            e.contains("endings: ending = \"ي\"") && e.contains("[letters]"),
            "{e}"
        );
        let e = error("[[endings]]\nending = \"ب\"\nlatin = \"B\"\n");
        assert!(e.contains("latin is not lower-case letters"), "{e}");
    }
}
