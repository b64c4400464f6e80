//! `kb/actors.toml` (the actor dictionary) and `kb/recognition.toml` (context rules).

use std::collections::HashMap;

use rasid_model::ActorKind;
use serde::Deserialize;

use crate::error::{check_version, KbError};
use crate::files::KbFile;
use crate::phrase::{PhraseMatcher, PhraseMode};

/// The kinds an actor of `kb/actors.toml` may have (persons come from `people.toml`).
const KINDS: [ActorKind; 5] = [
    ActorKind::ArmedGroup,
    ActorKind::State,
    ActorKind::StateForce,
    ActorKind::Organization,
    ActorKind::Media,
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawActors {
    version: u32,
    actor: Vec<RawActor>,
}

/// One `[[actor]]` as written; its `kind` is checked against [`KINDS`] on load.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawActor {
    id: String,
    #[serde(default)]
    qid: Option<String>,
    kind: String,
    name_ar: String,
    name_en: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    generic: Vec<String>,
    #[serde(default)]
    parent: Option<String>,
    #[serde(default)]
    countries: Vec<String>,
    #[serde(default)]
    demonyms: Vec<String>,
    #[serde(default)]
    plural_demonyms: Vec<String>,
    #[serde(default)]
    multinational: bool,
}

/// One actor of the dictionary.
#[derive(Debug, Clone)]
pub struct Actor {
    pub id: String,
    pub qid: Option<String>,
    pub kind: ActorKind,
    pub name_ar: String,
    pub name_en: String,
    pub aliases: Vec<String>,
    /// Names shared with a parent or siblings, resolved by context.
    pub generic: Vec<String>,
    pub parent: Option<String>,
    pub countries: Vec<String>,
    /// A state's adjectives, masculine and without the article («تركي»): «الغارات
    /// التركية», «الطيران الحربي التركي» name the state's acts and forces.
    pub demonyms: Vec<String>,
    /// Broken plurals of the adjective («أتراك»); the sound plurals («مصريين») are made
    /// from `demonyms`. A plural qualifies the state's men only («جنود أتراك»).
    pub plural_demonyms: Vec<String>,
    /// A force of several states (a coalition, a mission): its `countries` are where it
    /// fights, and it is no state's own force there.
    pub multinational: bool,
}

impl RawActor {
    /// The actor with its kind checked: one of [`KINDS`], else an error naming the actor.
    fn into_actor(self, file: &str) -> Result<Actor, KbError> {
        let kind = ActorKind::from_name(&self.kind)
            .filter(|k| KINDS.contains(k))
            .ok_or_else(|| {
                let names: Vec<&str> = KINDS.iter().map(|k| k.as_str()).collect();
                KbError::invalid(
                    file,
                    format!(
                        "actor {:?}: kind {:?} is not one of {names:?}",
                        self.id, self.kind
                    ),
                )
            })?;
        if !(self.demonyms.is_empty() && self.plural_demonyms.is_empty())
            && kind != ActorKind::State
        {
            return Err(KbError::invalid(
                file,
                format!("actor {:?}: only a state has demonyms", self.id),
            ));
        }
        if let Some(d) = self.demonyms.iter().chain(&self.plural_demonyms).find(|d| {
            let n = rasid_text::normalize(d);
            n.trim().is_empty() || n.starts_with("ال") || n.contains(' ')
        }) {
            return Err(KbError::invalid(
                file,
                format!(
                    "actor {:?}: demonym {d:?} must be one word that does not open with «ال» once normalised",
                    self.id
                ),
            ));
        }
        Ok(Actor {
            id: self.id,
            qid: self.qid,
            kind,
            name_ar: self.name_ar,
            name_en: self.name_en,
            aliases: self.aliases,
            generic: self.generic,
            parent: self.parent,
            countries: self.countries,
            demonyms: self.demonyms,
            plural_demonyms: self.plural_demonyms,
            multinational: self.multinational,
        })
    }
}

/// What a matched name stands for. A name that is one actor's alias and other actors'
/// `generic` name (a parent's name used for its branches) is shared by all of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameTarget {
    /// An unambiguous name of one actor.
    Actor(usize),
    /// A name shared by these actors (indices), resolved by context.
    Shared(Vec<usize>),
}

/// The quote pairs a group's name may stand in after its head word.
const NAME_QUOTES: [(char, char); 3] = [('«', '»'), ('"', '"'), ('“', '”')];

/// **A group's name quoted after its head word is the name.** «حركة «الشباب»», «تنظيم
/// "بيت المقدس"»: news quotes what follows the head, and the quote breaks the phrase, while
/// the quoted rest alone is no name («الشباب» is youth, «بيت المقدس» Jerusalem). For every
/// normalised name of two words or more of an armed group (`phrases`: name → target), the
/// forms with the words after the first in each of [`NAME_QUOTES`].
fn quoted_group_names(
    phrases: &[(String, usize)],
    targets: &[NameTarget],
    actors: &[Actor],
) -> Vec<(String, usize)> {
    let armed = |i: &usize| {
        actors
            .get(*i)
            .is_some_and(|a| a.kind == ActorKind::ArmedGroup)
    };
    let of_groups = |t: usize| match targets.get(t) {
        Some(NameTarget::Actor(i)) => armed(i),
        Some(NameTarget::Shared(list)) => list.iter().all(armed),
        None => false,
    };
    phrases
        .iter()
        .filter(|(_, t)| of_groups(*t))
        .filter_map(|(n, t)| n.split_once(' ').map(|(head, rest)| (head, rest, *t)))
        .flat_map(|(head, rest, t)| {
            NAME_QUOTES
                .iter()
                .map(move |(open, close)| (format!("{head} {open}{rest}{close}"), t))
        })
        .collect()
}

/// The first word of a normalised name without its article: «تنظيم» of «التنظيم
/// الإرهابي», «جماعة» of «الجماعة الحوثية».
pub fn name_head(name: &str) -> String {
    let first = name.split_whitespace().next().unwrap_or("");
    first.strip_prefix("ال").unwrap_or(first).to_string()
}

/// The compiled actor dictionary.
#[derive(Debug)]
pub struct ActorDictionary {
    actors: Vec<Actor>,
    by_id: HashMap<String, usize>,
    /// Per actor: the head nouns of its names ([`name_head`]), for group anaphora.
    heads: Vec<std::collections::HashSet<String>>,
    /// Payload = index into `targets`.
    pub names: PhraseMatcher,
    targets: Vec<NameTarget>,
    /// Country code → index of the state actor.
    state_of_country: HashMap<String, usize>,
    /// States' adjectives, masculine and feminine («تركي», «تركية»; the article is
    /// matched as a proclitic). Payload = index of the state.
    pub demonyms: PhraseMatcher,
    /// Their plurals (payload: the state's index): after a head of
    /// `demonym_personnel_heads` only («جنود أتراك»).
    pub plural_demonyms: PhraseMatcher,
}

impl ActorDictionary {
    pub(crate) fn parse(file: &KbFile) -> Result<Self, KbError> {
        let name = file.name.as_str();
        let raw: RawActors = toml::from_str(&file.text).map_err(|e| KbError::parse(name, e))?;
        check_version(name, raw.version, 1)?;
        let mut by_id = HashMap::new();
        let mut actors = Vec::with_capacity(raw.actor.len());
        for (i, a) in raw.actor.into_iter().enumerate() {
            if a.id.trim().is_empty() || a.name_ar.trim().is_empty() {
                return Err(KbError::invalid(
                    name,
                    format!("actor #{}: empty id or name_ar", i + 1),
                ));
            }
            let a = a.into_actor(name)?;
            if by_id.insert(a.id.clone(), i).is_some() {
                return Err(KbError::invalid(
                    name,
                    format!("actor id {:?} is used twice", a.id),
                ));
            }
            actors.push(a);
        }
        for a in &actors {
            if let Some(p) = &a.parent {
                if !by_id.contains_key(p) {
                    return Err(KbError::invalid(
                        name,
                        format!("actor {:?}: parent {p:?} is not an actor", a.id),
                    ));
                }
            }
        }
        // normalised name -> target
        let mut own: HashMap<String, usize> = HashMap::new();
        let mut shared: HashMap<String, Vec<usize>> = HashMap::new();
        let mut surface: HashMap<String, String> = HashMap::new();
        for (i, a) in actors.iter().enumerate() {
            for alias in std::iter::once(&a.name_ar)
                .chain(&a.aliases)
                .chain(std::iter::once(&a.name_en))
            {
                let n = rasid_text::normalize(alias).trim().to_string();
                if n.is_empty() {
                    continue;
                }
                if let Some(&other) = own.get(&n) {
                    if other != i {
                        return Err(KbError::invalid(
                            name,
                            format!(
                                "alias {alias:?} is given to both {:?} and {:?}; list it under `generic` of both",
                                actors[other].id, a.id
                            ),
                        ));
                    }
                }
                own.insert(n.clone(), i);
                surface.entry(n).or_insert_with(|| alias.clone());
            }
            for g in &a.generic {
                let n = rasid_text::normalize(g).trim().to_string();
                if n.is_empty() {
                    continue;
                }
                let list = shared.entry(n.clone()).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
                surface.entry(n).or_insert_with(|| g.clone());
            }
        }
        let mut targets = Vec::new();
        let mut phrases: Vec<(String, usize)> = Vec::new();
        for (n, i) in &own {
            // a parent's own name that branches list as `generic` is shared with them
            if let Some(list) = shared.get_mut(n) {
                if !list.contains(i) {
                    list.insert(0, *i);
                }
                continue;
            }
            phrases.push((n.clone(), targets.len()));
            targets.push(NameTarget::Actor(*i));
        }
        for (n, list) in &shared {
            phrases.push((n.clone(), targets.len()));
            targets.push(NameTarget::Shared(list.clone()));
        }
        phrases.extend(quoted_group_names(&phrases, &targets, &actors));
        phrases.sort();
        let names = PhraseMatcher::new(
            phrases
                .iter()
                .map(|(p, t)| (p.as_str(), PhraseMode::Word, *t)),
        );
        let state_of_country = actors
            .iter()
            .enumerate()
            .filter(|(_, a)| a.kind == ActorKind::State)
            .filter_map(|(i, a)| a.countries.first().map(|c| (c.clone(), i)))
            .collect();
        let demonym_forms: Vec<(String, usize)> = actors
            .iter()
            .enumerate()
            .flat_map(|(i, a)| {
                a.demonyms
                    .iter()
                    .flat_map(move |d| [(d.clone(), i), (format!("{d}ة"), i)])
            })
            .collect();
        let demonyms = PhraseMatcher::new(
            demonym_forms
                .iter()
                .map(|(form, i)| (form.as_str(), PhraseMode::Word, *i)),
        );
        // plurals: sound («مصريين», «مصريون») and broken («أتراك»), and the singular
        // accusative that qualifies counted men («17 جنديا مصريا»)
        let plural_forms: Vec<(String, usize)> = actors
            .iter()
            .enumerate()
            .flat_map(|(i, a)| {
                let sound = a.demonyms.iter().flat_map(move |d| {
                    [
                        (format!("{d}ين"), i),
                        (format!("{d}ون"), i),
                        (format!("{d}ا"), i),
                    ]
                });
                sound.chain(a.plural_demonyms.iter().map(move |d| (d.clone(), i)))
            })
            .collect();
        let plural_demonyms = PhraseMatcher::new(
            plural_forms
                .iter()
                .map(|(form, i)| (form.as_str(), PhraseMode::Word, *i)),
        );
        let heads = actors
            .iter()
            .map(|a| {
                std::iter::once(&a.name_ar)
                    .chain(&a.aliases)
                    .chain(&a.generic)
                    .map(|n| name_head(&rasid_text::normalize(n)))
                    .collect()
            })
            .collect();
        Ok(Self {
            actors,
            by_id,
            heads,
            names,
            targets,
            state_of_country,
            demonyms,
            plural_demonyms,
        })
    }

    pub fn len(&self) -> usize {
        self.actors.len()
    }

    pub fn is_empty(&self) -> bool {
        self.actors.is_empty()
    }

    /// Every actor, in the file's order.
    pub fn iter(&self) -> impl Iterator<Item = &Actor> {
        self.actors.iter()
    }

    pub fn get(&self, index: usize) -> Option<&Actor> {
        self.actors.get(index)
    }

    /// Has the actor at `index` a name whose head noun ([`name_head`]) is `head`
    /// («تنظيم» for «تنظيم القاعدة»)?
    pub fn named_with_head(&self, index: usize, head: &str) -> bool {
        self.heads.get(index).is_some_and(|h| h.contains(head))
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The actor whose id is `id`.
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.index_of(id).and_then(|i| self.get(i))
    }

    pub fn target(&self, payload: usize) -> Option<&NameTarget> {
        self.targets.get(payload)
    }

    /// The state actor of a country code.
    pub fn state_of_country(&self, code: &str) -> Option<usize> {
        self.state_of_country.get(code).copied()
    }

    /// Are both a state or its forces, of the same one country (the Iraqi army and Iraq's
    /// security forces)? They are one side: never enemies, and two of them named side by
    /// side are one party («رجال الأمن قوات الطوارئ»).
    pub fn one_state(&self, a: &str, b: &str) -> bool {
        let state = |id: &str| {
            self.actor(id)
                .filter(|x| x.kind.is_state_side())
                .map(|x| x.countries.as_slice())
        };
        match (state(a), state(b)) {
            (Some(x), Some(y)) => x.len() == 1 && x == y,
            _ => false,
        }
    }

    /// Are both one state's own (no `multinational` force among them: the Saudi-led
    /// coalition is listed with Yemen, where it fights, and is no force of Yemen's)? Never
    /// allies of each other.
    pub fn own_forces(&self, a: &str, b: &str) -> bool {
        let multinational = |id: &str| self.actor(id).is_some_and(|x| x.multinational);
        self.one_state(a, b) && !multinational(a) && !multinational(b)
    }

    /// Is `ancestor` the actor `index` or one of its parents?
    pub fn descends_from(&self, index: usize, ancestor: usize) -> bool {
        let mut cur = Some(index);
        let mut guard = 0;
        while let Some(i) = cur {
            if i == ancestor {
                return true;
            }
            guard += 1;
            if guard > 16 {
                return false;
            }
            cur = self
                .actors
                .get(i)
                .and_then(|a| a.parent.as_ref())
                .and_then(|p| self.index_of(p));
        }
        false
    }

    /// The actors a user's `text` (a search query, a command-line argument, an API
    /// parameter) names exactly: the actor whose id it is, else the actors one of whose
    /// names (Arabic or English, compared normalised: diacritics, letter variants, case) is
    /// the whole text. A name shared by several actors (a parent's name that its branches
    /// list as `generic`, or a common name such as «الجيش») names those of them that are
    /// not a branch of another: «القاعدة» names al-Qaeda, not AQAP; «الجيش» names every
    /// army. Empty when the text is neither an id nor a whole name.
    pub fn named_by(&self, text: &str) -> Vec<&Actor> {
        let text = text.trim();
        if let Some(a) = self.actor(text) {
            return vec![a];
        }
        let norm = rasid_text::Normalized::new(text);
        let len = norm.char_len();
        let mut found: Vec<usize> = Vec::new();
        for m in self.names.find(norm.text()) {
            if m.start != 0 || m.end != len {
                continue;
            }
            match self.target(m.payload) {
                Some(NameTarget::Actor(i)) => found.push(*i),
                Some(NameTarget::Shared(set)) => found.extend(
                    set.iter()
                        .copied()
                        .filter(|&i| !set.iter().any(|&j| j != i && self.descends_from(i, j))),
                ),
                None => {}
            }
        }
        let mut seen = std::collections::HashSet::new();
        found
            .into_iter()
            .filter(|i| seen.insert(*i))
            .filter_map(|i| self.get(i))
            .collect()
    }
}

fn norm_set(list: &[String]) -> std::collections::HashSet<String> {
    list.iter()
        .map(|w| rasid_text::normalize(w).trim().to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRecognition {
    version: u32,
    group_anaphora: Vec<String>,
    #[serde(default)]
    head_anaphora: Vec<String>,
    #[serde(default)]
    group_name_heads: Vec<String>,
    locative_words: Vec<String>,
    #[serde(default)]
    locative_not_inside: Vec<String>,
    min_state_mentions: usize,
    #[serde(default)]
    state_party_markers: Vec<String>,
    qualifier_window_words: usize,
    place_type_words: Vec<String>,
    #[serde(default)]
    place_list_words: Vec<String>,
    #[serde(default)]
    place_dual_words: Vec<String>,
    place_name_heads: Vec<String>,
    #[serde(default)]
    settlement_type_words: Vec<String>,
    #[serde(default)]
    locating_words: Vec<String>,
    #[serde(default)]
    type_word_kinds: std::collections::BTreeMap<String, Vec<String>>,
    #[serde(default)]
    group_named_place_heads: Vec<String>,
    place_stop_words: Vec<String>,
    place_compound_heads: Vec<String>,
    place_trailing_words: Vec<String>,
    #[serde(default)]
    not_place_names: Vec<String>,
    #[serde(default)]
    name_exclusions: Vec<String>,
    #[serde(default)]
    branch_regions: Vec<String>,
    #[serde(default)]
    facility_homonym: Vec<RawFacilityHomonym>,
    #[serde(default)]
    place_in_name_heads: Vec<String>,
    #[serde(default)]
    nationality_words: Vec<String>,
    #[serde(default)]
    common_word_names: Vec<String>,
    #[serde(default)]
    common_word_name_followers: Vec<String>,
    #[serde(default)]
    demonym_act_heads: Vec<String>,
    #[serde(default)]
    demonym_force_heads: Vec<String>,
    #[serde(default)]
    demonym_construct_force_heads: Vec<String>,
    #[serde(default)]
    demonym_office_heads: Vec<String>,
    #[serde(default)]
    demonym_personnel_heads: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFacilityHomonym {
    name: String,
    facility: String,
    #[serde(default)]
    group_words: Vec<String>,
}

/// An actor's name that is also the definite form of a facility noun: «القاعدة» is the
/// group and «the base» once the article has named a base («قاعدة العند»).
#[derive(Debug, Clone)]
pub struct FacilityHomonym {
    /// The name, normalised («القاعدة»).
    pub name: String,
    /// The facility noun, normalised («قاعدة»): followed by a name, it names a facility.
    pub facility: String,
    /// Normalised words right before the name that make it the group again («تنظيم»,
    /// «عناصر»).
    pub group_words: std::collections::HashSet<String>,
}

/// Context rules for actor recognition.
#[derive(Debug)]
pub struct RecognitionRules {
    pub group_anaphora: PhraseMatcher,
    /// «الجهاز», «الوزارة»: the last actor named before whose name opens with the same head
    /// noun («جهاز مكافحة الإرهاب», «وزارة الداخلية»).
    pub head_anaphora: PhraseMatcher,
    /// «تنظيم», «جماعة»: words heading a group's name that do not tell one group from
    /// another (normalised).
    pub group_name_heads: std::collections::HashSet<String>,
    /// Normalised locative words.
    pub locative_words: std::collections::HashSet<String>,
    /// Normalised locative words that place a name near, not inside, what follows
    /// («خارج», «نحو»); a subset of `locative_words`.
    pub locative_not_inside: std::collections::HashSet<String>,
    pub min_state_mentions: usize,
    /// «المدعومة من إيران», «المتحالفة مع إيران»: a state named right after one of these
    /// backs or sides with someone — an actor however often the article names it, and no
    /// place there.
    pub state_party_markers: PhraseMatcher,
    pub qualifier_window_words: usize,
    /// «منطقة», «مديرية»: introduce a place name (not part of it). Payload 0: type word,
    /// 1: name head («جبل»), part of the name, 2: plural type word (quoted lists only),
    /// 3: dual type word («بلدتي»: two names joined by «و»).
    pub place_triggers: PhraseMatcher,
    /// «قرية», «بلدة»: type words whose name is a place even when nothing else says so.
    pub settlement_type_words: std::collections::HashSet<String>,
    /// «التابعة», «الواقعة»: a name after a type word with one of these after it is a
    /// place («منطقة الفاخر التابعة لمديرية قعطبة»).
    pub locating_words: std::collections::HashSet<String>,
    /// Normalised type word → the gazetteer kinds of the place it names («محافظة» →
    /// admin1: «محافظة صعدة» is the governorate, «مدينة صعدة» the city).
    pub type_word_kinds: std::collections::HashMap<String, Vec<String>>,
    /// «منطقة», «مديرية»: a group's name right after one is a place's name («منطقة
    /// القاعدة», a town of Ibb), not the group.
    pub group_named_place_heads: std::collections::HashSet<String>,
    pub place_stop_words: std::collections::HashSet<String>,
    pub place_compound_heads: std::collections::HashSet<String>,
    pub place_trailing_words: std::collections::HashSet<String>,
    /// Normalised phrases a place name head opens that are no place («جبل الجليد»).
    pub not_place_names: std::collections::HashSet<String>,
    /// Phrases that contain a name but are not a mention of it.
    pub name_exclusions: PhraseMatcher,
    /// Normalised regions that complete a group's name after «في» («جزيرة العرب»).
    pub branch_regions: std::collections::HashSet<String>,
    pub facility_homonyms: Vec<FacilityHomonym>,
    /// «جامعة», «اتفاق»: a place right after one of these (normalised) is part of an
    /// organisation's, agreement's or event's name.
    pub place_in_name_heads: std::collections::HashSet<String>,
    /// «الجنسية», «الأصل»: after a state's name they make it a nationality (normalised).
    pub nationality_words: std::collections::HashSet<String>,
    /// One-word actor names that are common words too («حماس», zeal): normalised.
    pub common_word_names: std::collections::HashSet<String>,
    /// Definite words after such a name that leave it the actor («التي», «إلى», days).
    pub common_word_name_followers: std::collections::HashSet<String>,
    /// Acts whose state adjective names their doer: «الغارات التركية» (normalised, without
    /// the article).
    pub demonym_act_heads: std::collections::HashSet<String>,
    /// Forces and craft whose state adjective makes them the state's: «الطيران الحربي
    /// التركي» (normalised, without the article).
    pub demonym_force_heads: std::collections::HashSet<String>,
    /// Forces named by a head in construct with a definite noun, the state's adjective
    /// after both: «سلاح الجو السوري» (normalised; the head is indefinite, the adjective
    /// agrees with the noun).
    pub demonym_construct_force_heads: std::collections::HashSet<String>,
    /// Offices whose state adjective names the state the holder serves: «وزير الخارجية
    /// الإيطالي», «الرئيس الأفغاني» (normalised, without the article).
    pub demonym_office_heads: std::collections::HashSet<String>,
    /// The state's men whose adjective makes them its side: «ضابط تركي» (normalised,
    /// without the article); acted on, never a doer by word order alone.
    pub demonym_personnel_heads: std::collections::HashSet<String>,
}

/// The kinds of places the gazetteer holds (`kb/places.tsv`, column `kind`).
const GAZETTEER_KINDS: [&str; 5] = ["country", "admin1", "admin2", "city", "locality"];

impl RecognitionRules {
    pub(crate) fn parse(file: &KbFile) -> Result<Self, KbError> {
        let name = file.name.as_str();
        let raw: RawRecognition =
            toml::from_str(&file.text).map_err(|e| KbError::parse(name, e))?;
        check_version(name, raw.version, 1)?;
        if raw.min_state_mentions == 0 {
            return Err(KbError::invalid(
                name,
                "min_state_mentions must be at least 1",
            ));
        }
        if let Some(f) = raw.facility_homonym.iter().find(|f| {
            rasid_text::normalize(&f.name).trim().is_empty()
                || rasid_text::normalize(&f.facility).trim().is_empty()
        }) {
            return Err(KbError::invalid(
                name,
                format!("facility_homonym: empty name or facility in {f:?}"),
            ));
        }
        let mut type_word_kinds: std::collections::HashMap<String, Vec<String>> =
            std::collections::HashMap::new();
        for (kind, words) in &raw.type_word_kinds {
            if !GAZETTEER_KINDS.contains(&kind.as_str()) {
                return Err(KbError::invalid(
                    name,
                    format!(
                        "type_word_kinds: «{kind}» is no gazetteer kind (one of {})",
                        GAZETTEER_KINDS.join(", ")
                    ),
                ));
            }
            for w in norm_set(words) {
                type_word_kinds.entry(w).or_default().push(kind.clone());
            }
        }
        let locative_words = norm_set(&raw.locative_words);
        let locative_not_inside = norm_set(&raw.locative_not_inside);
        if let Some(w) = raw
            .locative_not_inside
            .iter()
            .find(|w| !locative_words.contains(rasid_text::normalize(w).trim()))
        {
            return Err(KbError::invalid(
                name,
                format!("locative_not_inside: {w:?} is not one of the locative_words"),
            ));
        }
        Ok(Self {
            group_anaphora: PhraseMatcher::new(
                raw.group_anaphora
                    .iter()
                    .map(|w| (w.as_str(), PhraseMode::Word, 0)),
            ),
            head_anaphora: PhraseMatcher::new(
                raw.head_anaphora
                    .iter()
                    .map(|w| (w.as_str(), PhraseMode::Word, 0)),
            ),
            group_name_heads: norm_set(&raw.group_name_heads),
            locative_words,
            locative_not_inside,
            min_state_mentions: raw.min_state_mentions,
            state_party_markers: PhraseMatcher::new(
                raw.state_party_markers
                    .iter()
                    .map(|w| (w.as_str(), PhraseMode::Word, 0)),
            ),
            qualifier_window_words: raw.qualifier_window_words,
            place_triggers: PhraseMatcher::new(
                raw.place_type_words
                    .iter()
                    .map(|w| (w.as_str(), PhraseMode::Word, 0))
                    .chain(
                        raw.place_name_heads
                            .iter()
                            .map(|w| (w.as_str(), PhraseMode::Word, 1)),
                    )
                    .chain(
                        raw.place_list_words
                            .iter()
                            .map(|w| (w.as_str(), PhraseMode::Word, 2)),
                    )
                    .chain(
                        raw.place_dual_words
                            .iter()
                            .map(|w| (w.as_str(), PhraseMode::Word, 3)),
                    ),
            ),
            settlement_type_words: norm_set(&raw.settlement_type_words),
            locating_words: norm_set(&raw.locating_words),
            type_word_kinds,
            group_named_place_heads: norm_set(&raw.group_named_place_heads),
            place_stop_words: norm_set(&raw.place_stop_words),
            place_compound_heads: norm_set(&raw.place_compound_heads),
            place_trailing_words: norm_set(&raw.place_trailing_words),
            not_place_names: norm_set(&raw.not_place_names),
            name_exclusions: PhraseMatcher::new(
                raw.name_exclusions
                    .iter()
                    .map(|w| (w.as_str(), PhraseMode::Word, 0)),
            ),
            branch_regions: norm_set(&raw.branch_regions),
            place_in_name_heads: norm_set(&raw.place_in_name_heads),
            nationality_words: norm_set(&raw.nationality_words),
            common_word_names: norm_set(&raw.common_word_names),
            common_word_name_followers: norm_set(&raw.common_word_name_followers),
            demonym_act_heads: norm_set(&raw.demonym_act_heads),
            demonym_force_heads: norm_set(&raw.demonym_force_heads),
            demonym_construct_force_heads: norm_set(&raw.demonym_construct_force_heads),
            demonym_office_heads: norm_set(&raw.demonym_office_heads),
            demonym_personnel_heads: norm_set(&raw.demonym_personnel_heads),
            facility_homonyms: raw
                .facility_homonym
                .iter()
                .map(|f| FacilityHomonym {
                    name: rasid_text::normalize(&f.name).trim().to_string(),
                    facility: rasid_text::normalize(&f.facility).trim().to_string(),
                    group_words: norm_set(&f.group_words),
                })
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<ActorDictionary, KbError> {
        ActorDictionary::parse(&KbFile {
            name: "actors.toml".into(),
            text: text.into(),
            builtin: false,
        })
    }

    const SMALL: &str = r#"
version = 1
[[actor]]
id = "al_qaeda"
kind = "armed_group"
name_ar = "تنظيم القاعدة"
name_en = "al-Qaeda"
generic = ["القاعدة"]
[[actor]]
id = "aqap"
kind = "armed_group"
name_ar = "تنظيم القاعدة في جزيرة العرب"
name_en = "AQAP"
aliases = ["قاعدة اليمن"]
generic = ["القاعدة"]
parent = "al_qaeda"
countries = ["YE"]
"#;

    #[test]
    fn shared_names_and_parents() {
        let d = parse(SMALL).expect("valid");
        let n = rasid_text::normalize("أعلن تنظيم القاعدة في جزيرة العرب وقاعدة اليمن والقاعدة");
        let found: Vec<_> = d
            .names
            .find(&n)
            .iter()
            .filter_map(|m| d.target(m.payload).cloned())
            .collect();
        assert_eq!(
            found,
            vec![
                NameTarget::Actor(1),
                NameTarget::Actor(1),
                NameTarget::Shared(vec![0, 1])
            ]
        );
        assert!(d.descends_from(1, 0));
        assert!(!d.descends_from(0, 1));
    }

    #[test]
    fn a_coalition_fighting_in_a_country_is_not_its_own_force() {
        let d = parse(
            r#"version = 1
[[actor]]
id = "yemen"
kind = "state"
name_ar = "اليمن"
name_en = "Yemen"
countries = ["YE"]
[[actor]]
id = "yemen_army"
kind = "state_force"
name_ar = "الجيش اليمني"
name_en = "Yemeni army"
countries = ["YE"]
[[actor]]
id = "coalition"
kind = "state_force"
name_ar = "التحالف العربي"
name_en = "Saudi-led coalition"
countries = ["YE"]
multinational = true
"#,
        )
        .expect("valid");
        assert!(d.own_forces("yemen", "yemen_army"));
        assert!(d.one_state("yemen_army", "coalition"));
        assert!(!d.own_forces("yemen_army", "coalition"));
        assert!(!d.own_forces("yemen", "coalition"));
    }

    #[test]
    fn a_text_names_actors_by_id_or_whole_name() {
        let two_armies = format!(
            "{SMALL}
[[actor]]
id = \"yemen_army\"
kind = \"state_force\"
name_ar = \"الجيش اليمني\"
name_en = \"Yemeni Army\"
generic = [\"الجيش\"]
[[actor]]
id = \"iraqi_army\"
kind = \"state_force\"
name_ar = \"الجيش العراقي\"
name_en = \"Iraqi Army\"
generic = [\"الجيش\"]
"
        );
        let d = parse(&two_armies).expect("valid");
        let ids =
            |text: &str| -> Vec<&str> { d.named_by(text).iter().map(|a| a.id.as_str()).collect() };
        assert_eq!(ids(" aqap "), ["aqap"]);
        // spelling variants and diacritics of a name
        assert_eq!(ids("قاعدةُ اليمن"), ["aqap"]);
        assert_eq!(ids("al-qaeda"), ["al_qaeda"]);
        // a name shared with a branch names the parent only
        assert_eq!(ids("القاعدة"), ["al_qaeda"]);
        // a name shared by siblings names all of them
        assert_eq!(ids("الجيش"), ["yemen_army", "iraqi_army"]);
        // a part of a name, or more than a name, names nobody
        assert!(ids("تنظيم القاعدة في").is_empty());
        assert!(ids("قاعدة").is_empty());
        assert!(ids("").is_empty());
    }

    #[test]
    fn an_alias_under_two_actors_is_an_error() {
        let bad = SMALL.replace(
            "aliases = [\"قاعدة اليمن\"]",
            "aliases = [\"تنظيم القاعدة\"]",
        );
        let err = parse(&bad).expect_err("duplicate alias").to_string();
        assert!(
            err.contains("تنظيم القاعدة") && err.contains("generic"),
            "{err}"
        );
    }

    #[test]
    fn unknown_parent_and_kind_are_errors() {
        assert!(parse(&SMALL.replace("parent = \"al_qaeda\"", "parent = \"nobody\"")).is_err());
        let err = parse(&SMALL.replace(
            "kind = \"armed_group\"\nname_ar = \"تنظيم القاعدة\"",
            "kind = \"gang\"\nname_ar = \"تنظيم القاعدة\"",
        ))
        .expect_err("unknown kind")
        .to_string();
        assert!(
            err.contains("actors.toml") && err.contains("al_qaeda") && err.contains("gang"),
            "{err}"
        );
    }

    #[test]
    fn a_person_is_no_kind_of_the_actor_dictionary() {
        let err = parse(&SMALL.replace(
            "kind = \"armed_group\"\nname_ar = \"تنظيم القاعدة\"",
            "kind = \"person\"\nname_ar = \"تنظيم القاعدة\"",
        ))
        .expect_err("person kind")
        .to_string();
        assert!(err.contains("al_qaeda") && err.contains("person"), "{err}");
    }

    #[test]
    fn kinds_are_read_as_actor_kinds() {
        let d = parse(SMALL).expect("valid");
        assert_eq!(d.get(0).map(|a| a.kind), Some(ActorKind::ArmedGroup));
    }
}
