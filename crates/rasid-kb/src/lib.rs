//! The knowledge base: loads and validates the data files under `kb/` and builds the
//! matchers the pipeline uses from them.
//!
//! Owns: file formats of `kb/`, their validation, phrase matching over normalised text.
//! May import `rasid-text`, and `rasid-model` for the plain kinds the files name
//! ([`ActorKind`]). Must never hold knowledge in code: every cue, name and month
//! comes from a `kb/` file (the repository's copy is embedded as the default).

mod acled;
mod actors;
mod calendar;
mod clitics;
mod confidence;
mod countries;
mod error;
mod events;
mod files;
mod merge;
mod ner;
mod numbers;
mod outlets;
mod people;
mod persons;
mod phrase;
mod places;
mod relevance;
mod roles;
mod segmentation;
mod suffixes;
mod transliteration;

pub use acled::{
    AcledCategories, AcledEventShape, AcledRule, AcledTable, DoerCondition, TargetCondition,
};
pub use actors::{
    name_head, Actor, ActorDictionary, FacilityHomonym, NameTarget, RecognitionRules,
};
pub use calendar::{regex_alternation, Calendar, Relative, RelativeDay};
pub use confidence::{Confidence, ConfidenceModel, EVENT_SIGNALS, RELATION_SIGNALS};
pub use countries::{Countries, Country};
pub use error::KbError;
pub use events::{
    relation_is_symmetric, CasualtyCue, EventLexicon, GappedTrigger, RelationCue,
    SubjectNamedTrigger, TriggerDef, TriggerRoles, EVENT_TYPES, MODALITIES, RELATION_TYPES,
};
pub use files::KbSource;
pub use merge::{EventMerge, MergeConfig};
pub use ner::{NerCue, NerCues, NER_CUE_CLASSES};
pub use numbers::{NumberWord, NumberWords};
pub use outlets::{Outlet, Outlets};
pub use people::{Affiliation, PeopleDictionary, Person};
pub use persons::{PersonPatterns, PersonTrigger};
pub use phrase::{PhraseMatch, PhraseMatcher, PhraseMode};
pub use places::{Gazetteer, GazetteerPlace};
pub use relevance::{RelevanceCue, RelevanceLexicon};
pub use roles::{Decide, RoleModels, ROLE_FEATURE_TEMPLATES};
pub use segmentation::SegmentationCues;
pub use suffixes::{SuffixList, Suffixes};
pub use transliteration::Transliterator;

pub use rasid_model::ActorKind;

use std::path::Path;

/// Everything loaded from `kb/`, validated and compiled into matchers.
#[derive(Debug)]
pub struct Kb {
    pub segmentation: SegmentationCues,
    pub relevance: RelevanceLexicon,
    pub outlets: Outlets,
    pub calendar: Calendar,
    pub actors: ActorDictionary,
    pub recognition: RecognitionRules,
    pub persons: PersonPatterns,
    /// Well-known persons with stable ids and dated affiliations.
    pub people: PeopleDictionary,
    pub numbers: NumberWords,
    pub places: Gazetteer,
    pub events: EventLexicon,
    /// English renderings of person names.
    pub transliteration: Transliterator,
    /// Cue words of the named-entity tagger (`ner_cues.txt`).
    pub ner_cues: NerCues,
    /// The tokenizer, with the words it never cuts into (`clitics.toml`). Every caller
    /// that splits proclitics uses this one.
    pub tokenizer: rasid_text::Tokenizer,
    /// How the store merges facts across articles (`merge.toml`).
    pub merge: MergeConfig,
    /// Inflectional endings per step: plural, topic similarity, search (`suffixes.toml`).
    pub suffixes: Suffixes,
    /// How sure each event and relation is (`confidence.toml`).
    pub confidence: Confidence,
    /// The learned role layer over the rules' roles (`roles.toml`).
    pub roles: RoleModels,
    /// `kb/acled.toml`: ACLED's categories and inter codes (ACLED-style export).
    pub acled: AcledTable,
    /// `kb/countries.tsv`: ISO codes, English names and ACLED regions (exports).
    pub countries: Countries,
}

impl Kb {
    /// The knowledge base embedded in the binary (the repository's `kb/`).
    pub fn builtin() -> Result<Self, KbError> {
        Self::load(&KbSource::builtin())
    }

    /// Load from `dir`, falling back to the built-in copy for files `dir` lacks.
    pub fn from_dir(dir: &Path) -> Result<Self, KbError> {
        Self::load(&KbSource::overlay(dir)?)
    }

    fn load(src: &KbSource) -> Result<Self, KbError> {
        let actors = ActorDictionary::parse(&src.read("actors.toml")?)?;
        let suffixes = Suffixes::parse(&src.read("suffixes.toml")?)?;
        let persons = PersonPatterns::parse(
            &src.read("persons.toml")?,
            &src.read("person_names.txt")?,
            &suffixes.plural,
        )?;
        let people = PeopleDictionary::parse(&src.read("people.toml")?, &actors, &persons)?;
        let tokenizer = clitics::parse(&src.read("clitics.toml")?)?;
        let mut places = Gazetteer::parse(
            &src.read("places.tsv")?,
            &src.read("place_common_words.txt")?,
        )?;
        // a place name read out of a word only where the tokenizer would split it so
        places.names.protect(tokenizer.shared_protected());
        Ok(Self {
            segmentation: SegmentationCues::parse(&src.read("segmentation.toml")?)?,
            relevance: RelevanceLexicon::parse(&src.read("relevance.toml")?, &actors)?,
            outlets: Outlets::parse(&src.read("outlets.toml")?)?,
            calendar: Calendar::parse(&src.read("calendar.toml")?)?,
            actors,
            people,
            recognition: RecognitionRules::parse(&src.read("recognition.toml")?)?,
            numbers: NumberWords::parse(&src.read("numbers.toml")?)?,
            places,
            events: EventLexicon::parse(&src.read("events.toml")?)?,
            transliteration: Transliterator::parse(&src.read("transliteration.toml")?)?,
            persons,
            ner_cues: NerCues::parse(&src.read("ner_cues.txt")?)?,
            tokenizer,
            merge: MergeConfig::load(src)?,
            suffixes,
            confidence: Confidence::parse(&src.read("confidence.toml")?)?,
            roles: RoleModels::parse(&src.read("roles.toml")?)?,
            acled: AcledTable::parse(&src.read("acled.toml")?)?,
            countries: Countries::parse(&src.read("countries.tsv")?)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_kb_loads_and_validates() {
        let kb = Kb::builtin().expect("the repository's kb/ must be valid");
        assert!(kb.relevance.cue_count() > 50);
        assert!(kb.outlets.len() >= 20);
        assert_eq!(kb.calendar.gregorian_month("تشرين الثاني"), Some(11));
        assert!(kb.ner_cues.len() > 200);
        assert!(kb.tokenizer.protected().len() > 150);
        // the suffix lists as each step used them before they were data
        let s = &kb.suffixes;
        assert_eq!(s.plural.endings(), ["ون", "ين", "ات"]);
        assert_eq!(
            s.topic.endings(),
            ["يين", "يون", "ون", "ين", "ات", "يه", "ه", "ي"]
        );
        assert_eq!(s.search.endings(), ["ون", "ين", "ات", "ان"]);
        let toks = kb.tokenizer.tokenize("أعلنت وزارة الخارجية الفلسطينية");
        assert!(toks
            .iter()
            .find(|t| t.text == "وزارة")
            .is_some_and(|t| t.proclitics.is_empty()));
    }

    #[test]
    fn ner_cues_come_from_the_overlay_and_are_validated() {
        let dir = std::env::temp_dir().join(format!("rasid-kb-ner-cues-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(dir.join("ner_cues.txt"), "# mine\nORG نادي\nSPORT مباراة\n")
            .expect("write");
        let kb = Kb::from_dir(&dir).expect("overlay loads");
        assert_eq!(kb.ner_cues.len(), 2);
        std::fs::write(dir.join("ner_cues.txt"), "ORG نادي\nTEAM فريق\n").expect("write");
        let err = Kb::from_dir(&dir).expect_err("unknown class");
        let msg = err.to_string();
        assert!(
            msg.contains("ner_cues.txt") && msg.contains("line 2"),
            "{msg}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn locative_words_not_inside_are_checked_against_the_locative_words() {
        let kb = Kb::builtin().expect("built-in kb");
        let rules = &kb.recognition;
        for w in ["خارج", "نحو", "عبر"] {
            assert!(rules.locative_not_inside.contains(w), "{w}");
            assert!(rules.locative_words.contains(w), "{w}");
        }
        assert!(!rules.locative_not_inside.contains("في"));

        let dir = std::env::temp_dir().join(format!("rasid-kb-not-inside-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let builtin = include_str!("../../../kb/recognition.toml");
        let text = builtin.replace(
            "locative_not_inside = [",
            "locative_not_inside = [\"قرب\", ",
        );
        assert_ne!(text, builtin);
        std::fs::write(dir.join("recognition.toml"), text).expect("write");
        let msg = Kb::from_dir(&dir)
            .expect_err("not a locative word")
            .to_string();
        assert!(
            msg.contains("recognition.toml") && msg.contains("قرب"),
            "{msg}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn type_word_kinds_name_gazetteer_kinds() {
        let kb = Kb::builtin().expect("built-in kb");
        let kinds = &kb.recognition.type_word_kinds;
        assert_eq!(
            kinds.get("محافظه").map(Vec::as_slice),
            Some(&["admin1".to_string()][..])
        );
        assert!(kinds.get("بلده").is_some_and(|k| k.len() == 2));

        let dir = std::env::temp_dir().join(format!("rasid-kb-type-kinds-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let builtin = include_str!("../../../kb/recognition.toml");
        let text = builtin.replace("admin2 = [\"مديرية\"", "district = [\"مديرية\"");
        assert_ne!(text, builtin);
        std::fs::write(dir.join("recognition.toml"), text).expect("write");
        let msg = Kb::from_dir(&dir).expect_err("no such kind").to_string();
        assert!(
            msg.contains("recognition.toml") && msg.contains("district"),
            "{msg}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn overlay_dir_replaces_only_files_it_has() {
        let dir = std::env::temp_dir().join(format!("rasid-kb-overlay-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(
            dir.join("calendar.toml"),
            "version = 1\n[gregorian]\n1 = [\"يناير\"]\n2 = [\"فبراير\"]\n3 = [\"مارس\"]\n4 = [\"أبريل\"]\n5 = [\"مايو\"]\n6 = [\"يونيو\"]\n7 = [\"يوليو\"]\n8 = [\"أغسطس\"]\n9 = [\"سبتمبر\", \"سبتمبرر\"]\n10 = [\"أكتوبر\"]\n11 = [\"نوفمبر\"]\n12 = [\"ديسمبر\"]\n[hijri]\n[weekdays]\n",
        )
        .expect("write");
        let kb = Kb::from_dir(&dir).expect("overlay loads");
        assert_eq!(kb.calendar.gregorian_month("سبتمبرر"), Some(9));
        assert_eq!(kb.calendar.gregorian_month("تشرين الثاني"), None);
        assert!(
            kb.outlets.len() >= 20,
            "outlets fall back to the built-in file"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
