//! `kb/relevance.toml`: weighted cues that an article is about armed groups or political
//! violence, and the decision thresholds.

use rasid_model::ActorKind;
use serde::Deserialize;

use crate::actors::ActorDictionary;
use crate::error::{check_version, KbError};
use crate::files::KbFile;
use crate::phrase::{PhraseMatch, PhraseMatcher, PhraseMode};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    version: u32,
    title_weight: f32,
    min_strong: usize,
    base_score: f32,
    per_100_words: f32,
    cue: Vec<RawCue>,
    armed_group_names: Option<RawGroupNames>,
}

/// `[armed_group_names]`: the armed groups' Arabic names in `actors.toml` as strong cues.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroupNames {
    weight: f32,
    min_words: usize,
    #[serde(default)]
    except: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCue {
    terms: Vec<String>,
    weight: f32,
    strong: bool,
    #[serde(default)]
    strong_in_title: bool,
    #[serde(rename = "match")]
    mode: String,
}

/// One cue term with its weight.
#[derive(Debug, Clone)]
pub struct RelevanceCue {
    pub term: String,
    pub weight: f32,
    pub strong: bool,
    /// Strong when found in the title (an act of war the article is about).
    pub strong_in_title: bool,
}

/// Compiled relevance lexicon.
#[derive(Debug)]
pub struct RelevanceLexicon {
    pub cues: Vec<RelevanceCue>,
    /// The written cues (payload: index into `cues`).
    matcher: PhraseMatcher,
    /// The armed groups' names of `[armed_group_names]` (payload: index into `cues`).
    group_names: PhraseMatcher,
    /// How many times a cue in the title counts.
    pub title_weight: f32,
    pub min_strong: usize,
    pub base_score: f32,
    pub per_100_words: f32,
}

impl RelevanceLexicon {
    pub(crate) fn parse(file: &KbFile, actors: &ActorDictionary) -> Result<Self, KbError> {
        let name = file.name.as_str();
        let raw: Raw = toml::from_str(&file.text).map_err(|e| KbError::parse(name, e))?;
        check_version(name, raw.version, 1)?;
        let mut cues = Vec::new();
        let mut phrases = Vec::new();
        for (i, c) in raw.cue.iter().enumerate() {
            let mode = match c.mode.as_str() {
                "word" => PhraseMode::Word,
                "prefix" => PhraseMode::Prefix,
                other => {
                    return Err(KbError::invalid(
                        name,
                        format!(
                            "cue #{}: match = {other:?}; use \"word\" or \"prefix\"",
                            i + 1
                        ),
                    ))
                }
            };
            check_weight(name, &format!("cue #{}", i + 1), c.weight)?;
            for t in &c.terms {
                if rasid_text::normalize(t).trim().is_empty() {
                    return Err(KbError::invalid(
                        name,
                        format!("cue #{}: empty term", i + 1),
                    ));
                }
                phrases.push((t.clone(), mode, cues.len()));
                cues.push(RelevanceCue {
                    term: t.clone(),
                    weight: c.weight,
                    strong: c.strong,
                    strong_in_title: c.strong_in_title,
                });
            }
        }
        let mut names = Vec::new();
        if let Some(g) = &raw.armed_group_names {
            check_weight(name, "armed_group_names", g.weight)?;
            for t in group_names(g, actors, &phrases) {
                names.push((t.clone(), cues.len()));
                cues.push(RelevanceCue {
                    term: t,
                    weight: g.weight,
                    strong: true,
                    strong_in_title: false,
                });
            }
        }
        if !(1.0..=10.0).contains(&raw.title_weight) {
            return Err(KbError::invalid(
                name,
                format!("title_weight {} is outside 1..10", raw.title_weight),
            ));
        }
        if cues.is_empty() {
            return Err(KbError::invalid(name, "no cues"));
        }
        let matcher = PhraseMatcher::new(phrases.iter().map(|(t, m, i)| (t.as_str(), *m, *i)));
        let group_names = PhraseMatcher::new(
            names
                .iter()
                .map(|(t, i)| (t.as_str(), PhraseMode::Word, *i)),
        );
        Ok(Self {
            cues,
            matcher,
            group_names,
            title_weight: raw.title_weight,
            min_strong: raw.min_strong,
            base_score: raw.base_score,
            per_100_words: raw.per_100_words,
        })
    }

    /// The cues in a normalised text, in text order: the written cues, then each group
    /// name that no written cue overlaps (the written cues read a name's words their own
    /// way: «مليشيات الحوثيين» is the two cues «مليشيات» and «الحوثيين»).
    pub fn find(&self, normalised: &str) -> Vec<PhraseMatch> {
        let mut hits = self.matcher.find(normalised);
        let names = self.group_names.find(normalised);
        if names.is_empty() {
            return hits;
        }
        let free: Vec<PhraseMatch> = names
            .into_iter()
            .filter(|n| !hits.iter().any(|h| h.start < n.end && n.start < h.end))
            .collect();
        hits.extend(free);
        hits.sort_by_key(|h| h.start);
        hits
    }

    pub fn cue_count(&self) -> usize {
        self.cues.len()
    }
}

fn check_weight(file: &str, what: &str, weight: f32) -> Result<(), KbError> {
    if (0.0..=10.0).contains(&weight) {
        Ok(())
    } else {
        Err(KbError::invalid(
            file,
            format!("{what}: weight {weight} is outside 0..10"),
        ))
    }
}

/// The Arabic names of the armed groups of the actor dictionary of at least `min_words`
/// words, less the exceptions and the names the hand-written cues already hold (compared
/// normalised). A one-word name is often a common word too («حماس» is zeal), so the
/// hand-written cues decide which of those count.
fn group_names(
    g: &RawGroupNames,
    actors: &ActorDictionary,
    written: &[(String, PhraseMode, usize)],
) -> Vec<String> {
    let key = |t: &str| rasid_text::normalize(t).trim().to_string();
    let mut seen: std::collections::HashSet<String> = written
        .iter()
        .map(|(t, _, _)| key(t))
        .chain(g.except.iter().map(|t| key(t)))
        .collect();
    let arabic = |t: &str| t.chars().any(rasid_text::script::is_arabic_letter);
    actors
        .iter()
        .filter(|a| a.kind == ActorKind::ArmedGroup)
        .flat_map(|a| std::iter::once(&a.name_ar).chain(&a.aliases))
        .filter(|t| arabic(t) && t.split_whitespace().count() >= g.min_words)
        .filter(|t| seen.insert(key(t)))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::Kb;

    /// The cue terms found in `text`, in text order.
    fn cues(kb: &Kb, text: &str) -> Vec<(String, bool)> {
        let lex = &kb.relevance;
        lex.find(&rasid_text::normalize(text))
            .into_iter()
            .filter_map(|m| lex.cues.get(m.payload))
            .map(|c| (c.term.clone(), c.strong))
            .collect()
    }

    #[test]
    fn an_armed_group_added_to_the_actors_is_a_strong_cue() {
        let name = "كتائب الفجر الجديد";
        let text = format!("أعلنت {name} مسؤوليتها عن الهجوم");
        let builtin = Kb::builtin().expect("built-in kb");
        assert!(!cues(&builtin, &text).iter().any(|(t, _)| t == name));

        let dir = std::env::temp_dir().join(format!("rasid-kb-relevance-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let actors = crate::KbSource::builtin()
            .read("actors.toml")
            .expect("built-in actors")
            .text;
        let added = format!(
            "{actors}\n[[actor]]\nid = \"new_dawn_brigades\"\nkind = \"armed_group\"\nname_ar = \"{name}\"\nname_en = \"New Dawn Brigades\"\n"
        );
        std::fs::write(dir.join("actors.toml"), added).expect("write");
        let kb = Kb::from_dir(&dir).expect("overlay loads");
        let _ = std::fs::remove_dir_all(&dir);
        assert!(cues(&kb, &text).contains(&(name.to_string(), true)));
    }

    #[test]
    fn the_written_cues_read_a_group_name_their_own_way() {
        let kb = Kb::builtin().expect("built-in kb");
        // «مليشيات الحوثيين» is a name of the Houthis and two written cues: the two count
        let found = cues(&kb, "هاجمت مليشيات الحوثيين مواقع في تعز");
        let terms: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert!(!terms.contains(&"مليشيات الحوثيين"), "{terms:?}");
        assert!(terms.len() >= 2, "{terms:?}");
        // a two-word name no written cue holds is found whole
        let found = cues(&kb, "شن جيش الفتح هجوما على مواقع قوات النظام");
        assert!(
            found.contains(&("جيش الفتح".to_string(), true)),
            "{found:?}"
        );
    }
}
