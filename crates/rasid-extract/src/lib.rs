//! Facts of segmented articles: actors (armed groups, states, forces, organisations,
//! media) resolved to stable ids from `kb/actors.toml` with context disambiguation of
//! shared names and anaphora; persons, places, dates and numbers; events with their roles,
//! place, date, casualties and modality; relations; each with its evidence and rule.
//!
//! Owns: turning an article's text into facts with provenance. May import `rasid-text`,
//! `rasid-kb`, `rasid-model`, `rasid-ingest` (for the segmented page) and `rasid-ner` (the
//! optional tagger's person spans). Must never do I/O or touch a store.

mod actors;
pub mod confidence;
mod dates;
mod demonyms;
mod events;
mod explain;
mod ner;
mod numbers;
mod persons;
mod places;
mod relations;

pub use actors::recognize_actors;
pub use dates::DateResolver;
pub use events::ArticleFacts;
pub use explain::explain;
pub use numbers::find_numbers;
pub use persons::{recognize_persons, ActorSpan};
pub use places::{country_votes, recognize_places, CountryVotes, StateMention};

use events::recognize_events;
use relations::recognize_relations;

use rasid_ingest::ProcessedDocument;
use rasid_kb::Kb;
use rasid_model::{ActorKind, RoleReading};
use rasid_text::Span;

/// A dictionary match in the document: its span in the normalised text, in the original,
/// the matcher's payload, and the letters of the name's article that the preposition «ل»
/// elides before it (see [`rasid_kb::PhraseMatch::elided`]).
#[derive(Debug, Clone, Copy)]
pub struct DocMatch {
    pub norm: Span,
    pub orig: Span,
    pub payload: usize,
    pub elided: &'static str,
}

/// Dictionary matches over the whole document, computed once and shared by its articles
/// (matching per article would cost articles × document length).
#[derive(Debug, Default)]
pub struct DocMatches {
    /// The normalised document text as chars.
    pub ntext: Vec<char>,
    pub actor_names: Vec<DocMatch>,
    pub anaphora: Vec<DocMatch>,
    pub head_anaphora: Vec<DocMatch>,
    pub exclusions: Vec<DocMatch>,
    pub place_names: Vec<DocMatch>,
    pub place_triggers: Vec<DocMatch>,
    /// States named by their adjective after an act («الغارات التركية»): the adjective.
    pub demonym_acts: Vec<DocMatch>,
    /// … and after a force or craft («الطيران الحربي التركي»): head through adjective.
    pub demonym_forces: Vec<DocMatch>,
    /// … and after an office («وزير الخارجية الإيطالي»): the adjective.
    pub demonym_offices: Vec<DocMatch>,
    /// … and after the state's men («ضابط تركي»): head through adjective.
    pub demonym_personnel: Vec<DocMatch>,
}

impl DocMatches {
    fn new(norm: &rasid_text::Normalized, kb: &Kb) -> Self {
        let run = |m: &rasid_kb::PhraseMatcher| -> Vec<DocMatch> {
            m.find(norm.text())
                .into_iter()
                .map(|x| {
                    let n = Span {
                        start: x.start,
                        end: x.end,
                    };
                    DocMatch {
                        norm: n,
                        orig: norm.to_original(n),
                        payload: x.payload,
                        elided: x.elided,
                    }
                })
                .collect()
        };
        let ntext: Vec<char> = norm.text().chars().collect();
        let (mut demonym_acts, mut demonym_forces, mut demonym_offices, mut demonym_personnel) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for p in demonyms::demonym_phrases(norm.text(), &ntext, kb) {
            let m = DocMatch {
                norm: p.norm,
                orig: norm.to_original(p.norm),
                payload: p.state,
                elided: "",
            };
            match p.head {
                demonyms::DemonymHead::Act => demonym_acts.push(m),
                demonyms::DemonymHead::Force => demonym_forces.push(m),
                demonyms::DemonymHead::Office => demonym_offices.push(m),
                demonyms::DemonymHead::Personnel => demonym_personnel.push(m),
            }
        }
        Self {
            ntext,
            actor_names: run(&kb.actors.names),
            anaphora: run(&kb.recognition.group_anaphora),
            head_anaphora: run(&kb.recognition.head_anaphora),
            exclusions: run(&kb.recognition.name_exclusions),
            place_names: run(&kb.places.names),
            place_triggers: run(&kb.recognition.place_triggers),
            demonym_acts,
            demonym_forces,
            demonym_offices,
            demonym_personnel,
        }
    }

    /// The matches of `list` inside an article's blocks.
    /// `list` is sorted by position (matchers report in text order), so each block is a
    /// binary search, not a scan of the whole document.
    pub fn within(list: &[DocMatch], blocks: &[Span]) -> Vec<DocMatch> {
        let mut out = Vec::new();
        for b in blocks {
            let from = list.partition_point(|m| m.orig.start < b.start);
            out.extend(
                list[from..]
                    .iter()
                    .take_while(|m| m.orig.start < b.end)
                    .filter(|m| m.orig.end <= b.end)
                    .copied(),
            );
        }
        out
    }
}

/// Everything compiled once per run for recognition.
#[derive(Debug)]
pub struct Extractor<'kb> {
    kb: &'kb Kb,
    dates: DateResolver,
    /// The statistical tagger, when given: it adds persons the rules miss.
    ner: Option<&'kb rasid_ner::Model>,
}

impl<'kb> Extractor<'kb> {
    pub fn new(kb: &'kb Kb) -> Self {
        Self {
            kb,
            dates: DateResolver::new(&kb.calendar),
            ner: None,
        }
    }

    /// Also add the persons a trained NER model finds in relevant articles (`person:ner`).
    pub fn with_ner(mut self, model: &'kb rasid_ner::Model) -> Self {
        self.ner = Some(model);
        self
    }

    /// Fill the recognised facts of every article of a processed document.
    pub fn annotate(&self, doc_text: &str, processed: &mut ProcessedDocument) {
        let kb = self.kb;
        let chars: Vec<char> = doc_text.chars().collect();
        let matches = DocMatches::new(&processed.norm, kb);
        for n in 0..processed.record.articles.len() {
            let blocks: Vec<Span> = processed.record.articles[n]
                .blocks
                .iter()
                .map(|b| Span {
                    start: b[0],
                    end: b[1],
                })
                .collect();
            let place_names = DocMatches::within(&matches.place_names, &blocks);
            let place_votes = country_votes(&matches.ntext, &place_names, kb);
            let home = processed.record.articles[n]
                .outlet
                .as_deref()
                .and_then(|o| kb.outlets.by_name(o))
                .and_then(|o| o.country.as_deref());
            let mut actors = recognize_actors(&chars, &blocks, &matches, (&place_votes, home), kb);
            let spans: Vec<ActorSpan> = actors
                .iter()
                .flat_map(|a| {
                    a.mentions.iter().map(|m| ActorSpan {
                        span: Span {
                            start: m.start,
                            end: m.end,
                        },
                        id: a.id.clone(),
                        office: m.rule == actors::DEMONYM_OF_OFFICE,
                    })
                })
                .collect();
            let published = processed.record.articles[n].published.clone();
            let tagged = self
                .ner
                .filter(|_| processed.record.articles[n].relevant)
                .map(|model| ner::tag_article(&chars, &blocks, &place_names, model, kb));
            actors.extend(recognize_persons(
                &chars,
                &blocks,
                &spans,
                tagged.as_ref().map_or(&[], |t| t.persons.as_slice()),
                published.as_deref(),
                kb,
            ));
            let source = &processed.record.source;
            cap_actor_mentions(source, n, &mut actors);
            let taken: Vec<Span> = actors
                .iter()
                .filter(|a| a.kind != ActorKind::State)
                .flat_map(|a| {
                    a.mentions.iter().map(|m| Span {
                        start: m.start,
                        end: m.end,
                    })
                })
                .collect();
            // a state acting («أعلنت الولايات المتحدة») names no country place there
            let acting_states: Vec<StateMention> = actors
                .iter()
                .filter(|a| a.kind == ActorKind::State)
                .flat_map(|a| {
                    let countries = kb
                        .actors
                        .actor(&a.id)
                        .map(|d| d.countries.clone())
                        .unwrap_or_default();
                    a.mentions
                        .iter()
                        .filter(|m| !m.rule.ends_with("+locative"))
                        .map(move |m| StateMention {
                            span: Span {
                                start: m.start,
                                end: m.end,
                            },
                            countries: countries.clone(),
                        })
                })
                .collect();
            let groups: Vec<Span> = actors
                .iter()
                .filter(|a| a.kind == ActorKind::ArmedGroup)
                .flat_map(|a| &a.mentions)
                .map(|m| {
                    processed.norm.to_normalized(Span {
                        start: m.start,
                        end: m.end,
                    })
                })
                .collect();
            let country = place_votes.leader(None);
            let country = country.as_deref();
            let triggers = DocMatches::within(&matches.place_triggers, &blocks);
            let places = recognize_places(
                &chars,
                &matches.ntext,
                &processed.norm,
                &place_names,
                &triggers,
                (&taken, &acting_states),
                &groups,
                tagged.as_ref().map(|t| t.places.as_slice()),
                (country, &place_votes),
                kb,
            );
            let mut places = places;
            cap_place_mentions(&processed.record.source, n, &mut places);
            let article = &mut processed.record.articles[n];
            let published = article
                .published
                .as_deref()
                .and_then(|p| chrono::NaiveDate::parse_from_str(p, "%Y-%m-%d").ok());
            let mut dates = Vec::new();
            let mut numbers = Vec::new();
            for b in &blocks {
                let text: String = chars[b.start..b.end.min(chars.len())].iter().collect();
                let mut ds = self.dates.find(&text, published);
                let mut ns = find_numbers(&text, kb);
                // a number inside a date is part of the date (the dates are disjoint and in
                // text order: only the last one starting at or before the number can hold it)
                ns.retain(|n| {
                    let i = ds.partition_point(|d| d.start <= n.start);
                    !(i > 0 && n.end <= ds[i - 1].end)
                });
                for d in &mut ds {
                    d.start += b.start;
                    d.end += b.start;
                }
                for x in &mut ns {
                    x.start += b.start;
                    x.end += b.start;
                }
                dates.extend(ds);
                numbers.extend(ns);
            }
            if article.relevant {
                let facts = ArticleFacts {
                    doc: &chars,
                    ntext: &matches.ntext,
                    norm: &processed.norm,
                    blocks: &blocks,
                    actors: &actors,
                    places: &places,
                    dates: &dates,
                    numbers: &numbers,
                    published: article.published.clone(),
                };
                let sentences = facts.sentences(&kb.events);
                let mut readings = Vec::new();
                let events =
                    recognize_events(&sentences, article.published.as_deref(), kb, &mut readings);
                processed.role_readings.extend(
                    readings
                        .into_iter()
                        .map(|r| RoleReading { article: n, ..r }),
                );
                // the title line, when the title is one («title:container», a first line)
                let headline = blocks.first().copied().filter(|b| {
                    article
                        .title_evidence
                        .as_ref()
                        .is_some_and(|t| t.start == b.start && t.end == b.end)
                });
                article.relations = recognize_relations(&events, &sentences, &actors, kb, headline);
                article.events = events.into_iter().map(|c| c.event).collect();
                confidence::assign(&mut article.events, &mut article.relations, kb);
            }
            article.actors = actors;
            article.places = places;
            article.dates = dates;
            article.numbers = numbers;
        }
    }
}

/// Mentions kept per actor and per place of an article. In the 31,018 SaudiNewsNet
/// articles one actor is named at most 135 times in an article and one place 64 times; a
/// pathological text naming one a million times would otherwise make every later stage,
/// the output and the store grow with it.
pub const MAX_MENTIONS: usize = 500;

/// Keep the first [`MAX_MENTIONS`] mentions of each actor, with a warning naming the
/// document when some are dropped.
fn cap_actor_mentions(source: &str, article: usize, actors: &mut [rasid_model::Actor]) {
    for a in actors {
        if a.mentions.len() > MAX_MENTIONS {
            tracing::warn!(
                "{source} article {article}: {} is named {} times; the first {MAX_MENTIONS} \
                 mentions are kept",
                a.id,
                a.mentions.len()
            );
            a.mentions.truncate(MAX_MENTIONS);
        }
    }
}

/// Keep the first [`MAX_MENTIONS`] mentions of each place, with a warning naming the
/// document when some are dropped.
fn cap_place_mentions(source: &str, article: usize, places: &mut [rasid_model::Place]) {
    for p in places {
        if p.mentions.len() > MAX_MENTIONS {
            tracing::warn!(
                "{source} article {article}: the place {} is named {} times; the first \
                 {MAX_MENTIONS} mentions are kept",
                p.name_ar,
                p.mentions.len()
            );
            p.mentions.truncate(MAX_MENTIONS);
        }
    }
}
