//! The persons of one article: the names found in its blocks, merged by id into persons
//! with their mentions, affiliation and role.

use std::collections::HashMap;

use rasid_kb::Kb;
use rasid_model::{Actor, ActorKind, Mention};
use rasid_text::Span;

use super::block::Block;
use super::cues::Cues;
use super::known::related_to_known;
use super::{person_id, FoundName};

/// A person being collected.
pub(super) struct ArticlePerson {
    pub id: String,
    pub mentions: Vec<Mention>,
    pub affiliation: Option<String>,
    /// The name as first written, or the dictionary's `name_ar`.
    pub name: String,
    /// "leads" or "member".
    pub role: Option<&'static str>,
    /// The affiliation came from `kb/people.toml`, not from the text.
    pub affiliation_from_kb: bool,
    /// A person of `kb/people.toml`.
    pub known: bool,
}

/// The persons of an article so far, and which id (a name's or an alias's) is which.
#[derive(Default)]
pub(super) struct ArticlePersons {
    pub list: Vec<ArticlePerson>,
    index: HashMap<String, usize>,
}

impl ArticlePersons {
    /// Add the names found in `block`. A name inside a `not_persons` phrase («أبو ظبي») is
    /// dropped; a known person keeps the dictionary's id and name, any other is identified
    /// by the words of its name; an alias becomes a mention of the same person.
    pub fn add(
        &mut self,
        doc: &[char],
        block: &Block,
        cues: &Cues,
        names: Vec<FoundName>,
        published: Option<&str>,
        kb: &Kb,
    ) {
        for f in names {
            let span = f.exact.unwrap_or(Span {
                start: block.start_of_name(f.start),
                end: block.toks[f.end - 1].span.end,
            });
            if cues.not_persons.iter().any(|n| n.overlaps(span)) {
                continue;
            }
            let text: String = doc[span.start..span.end].iter().collect();
            let known = f.known.and_then(|k| kb.people.get(k));
            let (id, name) = match known {
                Some(k) => (k.id.clone(), k.name_ar.clone()),
                None => (person_id(&rasid_text::normalize(&text)), text.clone()),
            };
            let slot = self.slot(id, name, known.is_some());
            let p = &mut self.list[slot];
            // the text's role wins over the dictionary's (the first one the text gives
            // stays), unless it names a group the list does not relate the person to: for a
            // known person that is more often a misread anaphor («زعيم التنظيم …») or a
            // misread shared name («المتحدث باسم طالبان» read as another Taliban) than news
            let consistent = match (known, &f.affiliation) {
                (Some(k), Some(a)) => related_to_known(k, a, kb),
                _ => true,
            };
            if p.affiliation.is_none() && (f.affiliation.is_none() || !consistent) {
                // the text gives no role it can be trusted with: the dictionary's
                // affiliation at publication
                if let Some(a) = known.and_then(|k| k.affiliation_on(published)) {
                    p.affiliation = Some(a.actor.to_string());
                    p.role = Some(a.role);
                    p.affiliation_from_kb = true;
                }
            }
            p.mentions.push(Mention {
                text,
                start: span.start,
                end: span.end,
                rule: f.rule.to_string(),
            });
            if f.affiliation.is_some()
                && consistent
                && (p.affiliation.is_none() || p.affiliation_from_kb)
            {
                p.affiliation = f.affiliation.clone();
                p.role = f.role;
                p.affiliation_from_kb = false;
            }
            if let Some((s, e)) = f.alias {
                self.add_alias(doc, block, slot, s, e);
            }
        }
    }

    /// The index of the person `id`, added with `name` if new.
    fn slot(&mut self, id: String, name: String, known: bool) -> usize {
        let list = &mut self.list;
        *self.index.entry(id.clone()).or_insert_with(|| {
            list.push(ArticlePerson {
                id,
                mentions: Vec::new(),
                affiliation: None,
                name,
                role: None,
                affiliation_from_kb: false,
                known,
            });
            list.len() - 1
        })
    }

    /// The alias at tokens `s..e` of `block` is a mention of person `slot`; a later name
    /// equal to it is the same person.
    fn add_alias(&mut self, doc: &[char], block: &Block, slot: usize, s: usize, e: usize) {
        let span = Span {
            start: block.toks[s].span.start,
            end: block.toks[e - 1].span.end,
        };
        let text: String = doc[span.start..span.end].iter().collect();
        let id = person_id(&rasid_text::normalize(&text));
        self.list[slot].mentions.push(Mention {
            text,
            start: span.start,
            end: span.end,
            rule: "person:alias".to_string(),
        });
        self.index.entry(id).or_insert(slot);
    }

    /// The persons as actors, mentions in text order, with their English names (the
    /// dictionary's, else transliterated).
    pub fn into_actors(self, kb: &Kb) -> Vec<Actor> {
        self.list
            .into_iter()
            .map(|mut p| {
                p.mentions.sort_by_key(|m| m.start);
                p.mentions.dedup_by_key(|m| m.start);
                let name_en = kb
                    .people
                    .by_id(&p.id)
                    .map_or_else(|| kb.transliteration.name(&p.name), |k| k.name_en.clone());
                Actor {
                    id: p.id,
                    kind: ActorKind::Person,
                    name_en: Some(name_en),
                    name_ar: p.name,
                    affiliation: p.affiliation,
                    role: p.role.map(str::to_string),
                    mentions: p.mentions,
                }
            })
            .collect()
    }
}
