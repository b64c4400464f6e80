//! The JSON Lines output contract: one [`DocumentRecord`] per input document.
//!
//! Field names and meanings follow `shared/eval/CONTRACT.md`; fields beyond the contract
//! (spans, provenance, relevance cues) are additions the contract allows.

use serde::{Deserialize, Serialize};

use crate::provenance::Evidence;

/// One input document split into articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentRecord {
    /// Input file name (basename) or the document id of a JSON Lines record.
    pub source: String,
    /// Number of chars in the document text that every span points into.
    pub chars: usize,
    pub articles: Vec<ArticleRecord>,
}

/// One article of a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleRecord {
    pub title: String,
    /// The page's own article, not appended material.
    pub main: bool,
    /// About armed groups / political violence.
    pub relevant: bool,
    /// `source` of an earlier copy of this article in the same run, if any.
    pub duplicate_of: Option<String>,
    /// ISO 8601 date (`YYYY-MM-DD`) or null.
    pub published: Option<String>,
    /// Publishing agency or site if stated, else null.
    pub outlet: Option<String>,
    pub actors: Vec<Actor>,
    pub places: Vec<Place>,
    pub events: Vec<Event>,
    pub relations: Vec<Relation>,
    /// Dates in the article, resolved against the publication date.
    #[serde(default)]
    pub dates: Vec<DateRecord>,
    /// Numbers in the article (digits, words, vague quantities).
    #[serde(default)]
    pub numbers: Vec<NumberRecord>,
    /// Char span of the article in the document (title to last kept line).
    pub span: [usize; 2],
    /// Char spans of the lines kept as the article's text (boilerplate removed).
    pub blocks: Vec<[usize; 2]>,
    /// Span and rule of the title.
    pub title_evidence: Option<Evidence>,
    /// How `published` was found.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub published_evidence: Option<Evidence>,
    /// How `outlet` was found.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub outlet_evidence: Option<Evidence>,
    /// Why the article was judged relevant or not.
    pub relevance: RelevanceInfo,
    /// Index of the earlier copy's article within its document, with `duplicate_of`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub duplicate_of_article: Option<usize>,
    /// Estimated Jaccard similarity to the earlier copy (1.0 for an exact copy).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub duplicate_similarity: Option<f32>,
}

/// Relevance decision with its cues.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct RelevanceInfo {
    pub score: f32,
    /// Number of distinct strong cues (armed groups, terrorism).
    pub strong: usize,
    /// The cues found, as evidence spans.
    pub cues: Vec<Evidence>,
}

/// A mention of an entity in the document, with the rule that recognised it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub rule: String,
}

/// What an actor is. Written as the contract's snake_case strings (`"armed_group"`,
/// `"state_force"` …) in the output and in `kb/actors.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// An armed group, its branches and wings («تنظيم القاعدة», «حركة الشباب»).
    ArmedGroup,
    /// A state as an actor («السعودية» when it acts, not as a place).
    State,
    /// A state's armed or security force («الجيش اليمني», «قوات الأمن»).
    StateForce,
    /// An international or civil organisation («الأمم المتحدة»).
    Organization,
    /// A media outlet or an armed group's media arm («وكالة أعماق»).
    Media,
    /// A person, recognised by pattern or from `kb/people.toml`.
    Person,
}

impl ActorKind {
    /// Every kind, in the contract's order.
    pub const ALL: [ActorKind; 6] = [
        Self::ArmedGroup,
        Self::State,
        Self::StateForce,
        Self::Organization,
        Self::Media,
        Self::Person,
    ];

    /// The contract's name of the kind (`"armed_group"`), as serde writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ArmedGroup => "armed_group",
            Self::State => "state",
            Self::StateForce => "state_force",
            Self::Organization => "organization",
            Self::Media => "media",
            Self::Person => "person",
        }
    }

    /// The kind a contract name stands for; `None` for any other string.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// A state or one of its forces: the side of public authority.
    pub fn is_state_side(self) -> bool {
        matches!(self, Self::State | Self::StateForce)
    }
}

impl std::fmt::Display for ActorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    pub id: String,
    pub kind: ActorKind,
    pub name_ar: String,
    pub name_en: Option<String>,
    pub affiliation: Option<String>,
    /// Persons: "leads" or "member" of `affiliation`, from the role word that named it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    pub mentions: Vec<Mention>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// The name as the article writes it (its most frequent mention); the gazetteer's
    /// own spelling may differ («انجامينا» for «نجامينا»): `id` says which entry it is.
    pub name_ar: String,
    /// The gazetteer entry (`kb/places.tsv` id), when the place is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub name_en: Option<String>,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub admin1: Option<String>,
    /// Admin level: country | admin1 | admin2 | city | locality (a name no gazetteer holds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    pub mentions: Vec<Mention>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    #[serde(rename = "type")]
    pub kind: String,
    pub subtype: Option<String>,
    pub actors: Vec<String>,
    /// The actors acted on: hit, arrested, expelled, released, supported. With a doer named
    /// those the event's sentences name also follow it in `actors`; with none, `actors` is
    /// empty and they are only here, so that no victim stands in the doer's place. A side
    /// only another sentence of the article names (a takeover's loser) is only here too,
    /// that sentence among the evidence. The doers are the actors not listed here
    /// ([`Event::doers`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<String>,
    pub place: Option<String>,
    pub date: Option<String>,
    pub date_end: Option<String>,
    pub killed: Option<u32>,
    pub injured: Option<u32>,
    pub modality: String,
    pub claimed_by: Option<String>,
    /// Recalled from before the article's news («منذ عام 2009»), not news itself.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub background: bool,
    /// How likely the event is right (type, doer, target, place), 0–1, calibrated on the
    /// development gold (`kb/confidence.toml`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    pub evidence: Evidence,
    /// Every sentence of the article that reports this event (the first is `evidence`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<Evidence>,
}

impl Event {
    /// Who did it: the actors not acted on (the initiator first, then its co-doers, a
    /// meeting's other parties and mediators).
    pub fn doers(&self) -> impl Iterator<Item = &String> {
        doers(&self.actors, &self.targets)
    }
}

/// The doers among an event's `actors`, given the `targets` it acted on (the one reading of
/// the two lists, for extracted and merged events alike).
pub fn doers<'a>(actors: &'a [String], targets: &'a [String]) -> impl Iterator<Item = &'a String> {
    actors.iter().filter(move |id| !targets.contains(id))
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    pub a: String,
    pub b: String,
    #[serde(rename = "type")]
    pub kind: String,
    /// How likely the text asserts this relation, 0–1 (`kb/confidence.toml`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    pub evidence: Vec<Evidence>,
}

/// A date expression and what it resolves to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRecord {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// ISO 8601: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: String,
    /// End of a range («من 7 - 14 نوفمبر»), or of a week.
    pub date_end: Option<String>,
    /// day | week | month | year
    pub precision: String,
    pub rule: String,
}

/// A number in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumberRecord {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub value: u64,
    /// A vague plural («عشرات») counted conservatively.
    pub vague: bool,
    /// more_than | at_least | about | less_than, from «أكثر من», «ما لا يقل عن», «نحو» …
    pub qualifier: Option<String>,
    pub rule: String,
}

#[cfg(test)]
mod tests {
    use super::ActorKind;

    #[test]
    fn actor_kinds_are_written_as_the_contract_names_them() {
        for kind in ActorKind::ALL {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
            assert_eq!(serde_json::from_str::<ActorKind>(&json).unwrap(), kind);
            assert_eq!(ActorKind::from_name(kind.as_str()), Some(kind));
            assert_eq!(kind.to_string(), kind.as_str());
        }
        assert_eq!(ActorKind::ArmedGroup.as_str(), "armed_group");
        assert_eq!(ActorKind::StateForce.as_str(), "state_force");
        assert_eq!(ActorKind::from_name("gang"), None);
        assert!(serde_json::from_str::<ActorKind>("\"gang\"").is_err());
    }
}
