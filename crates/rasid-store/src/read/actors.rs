//! Actors of the merged view: lists, one actor's page (aliases, articles, timeline,
//! relations), names for labelling ids, and which stored actor a user's text names.

use std::collections::BTreeMap;

use rasid_kb::ActorDictionary;
use serde::{Deserialize, Serialize};

use super::events::{EventFilter, FirstReport, MergedEvent};
use super::graph::ActorRelation;
use super::in_chunks;
use crate::error::Result;
use crate::search::name_key;
use crate::Store;

/// The `actor_names` table as one reader last read it, with the version the merge gave it.
#[derive(Default)]
pub(crate) struct NameIndex {
    version: String,
    /// Every normalised name, each followed by a line break (a name's own line breaks are
    /// spaces here): one text searched once per query, not 45,000 names one by one.
    names: String,
    /// Where each name starts in `names`, ascending, and its actor's id.
    starts: Vec<(usize, String)>,
}

impl NameIndex {
    fn new(version: String, names: Vec<(String, String)>) -> Self {
        let mut joined = String::new();
        let mut starts = Vec::with_capacity(names.len());
        for (id, name) in names {
            starts.push((joined.len(), id));
            joined.extend(name.chars().map(|c| if c == '\n' { ' ' } else { c }));
            joined.push('\n');
        }
        Self {
            version,
            names: joined,
            starts,
        }
    }

    /// The ids of the actors one of whose names contains `key` (a [`name_key`]), sorted.
    fn actors_containing(&self, key: &str) -> Vec<String> {
        if key.is_empty() || key.contains('\n') {
            return Vec::new();
        }
        // a match never crosses a line break, so each lies in one name
        // (memchr's vectorised search: std's `match_indices` is a byte-at-a-time two-way
        // search on Arabic text, most of a search request's time)
        let ids: std::collections::BTreeSet<&str> =
            memchr::memmem::find_iter(self.names.as_bytes(), key.as_bytes())
                .map(|at| {
                    let i = self.starts.partition_point(|(start, _)| *start <= at);
                    self.starts[i - 1].1.as_str()
                })
                .collect();
        ids.into_iter().map(String::from).collect()
    }
}

/// Merged events on an actor's page (the latest dates are cut first: the list is in date
/// order).
pub const TIMELINE_LIMIT: usize = 300;
/// Evidence sentences per relation on an actor's page (`n_evidence` says how many exist).
pub const EVIDENCE_LIMIT: usize = 20;

/// An actor of the merged view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActorSummary {
    pub id: String,
    /// armed_group | state | state_force | organization | media | person
    pub kind: String,
    pub name_ar: String,
    pub name_en: Option<String>,
    /// Articles naming it.
    pub n_articles: i64,
}

/// An actor's names, for labelling ids.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActorName {
    pub name_ar: String,
    pub name_en: Option<String>,
    /// armed_group | state | state_force | organization | media | person
    pub kind: String,
}

/// A way an actor is written, and how often.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Alias {
    /// The mention's text as the article writes it.
    pub text: String,
    /// Mentions with this text over all articles.
    pub mentions: i64,
}

/// An article naming an actor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActorArticle {
    pub id: String,
    pub title: String,
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub source: String,
    /// Mentions of the actor in the article.
    pub mentions: i64,
}

/// One actor: names, articles, timeline and relations with evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActorView {
    pub id: String,
    pub kind: String,
    pub name_ar: String,
    pub name_en: Option<String>,
    pub n_articles: i64,
    /// Persons: the group they belong to, and `leads` or `member`.
    pub affiliation: Option<String>,
    pub role: Option<String>,
    /// Most frequent first.
    pub aliases: Vec<Alias>,
    /// Newest first.
    pub articles: Vec<ActorArticle>,
    /// Merged events the actor takes part in, in date order (at most 300), each with its
    /// first report and that report's first evidence sentence (all reports:
    /// `/api/events?actor=`).
    pub timeline: Vec<MergedEvent<FirstReport>>,
    /// Heaviest first, each with at most 20 evidence sentences.
    pub relations: Vec<ActorRelation>,
    /// Names of every actor id in `timeline` and `relations`.
    pub names: BTreeMap<String, ActorName>,
}

impl Store {
    /// Actors (merged view), most frequent first; `query` keeps those whose id, names or
    /// any mention contains it (compared by [`name_key`], over the `actor_names` table the
    /// merge writes, held in memory while its version stands).
    pub fn actors(&mut self, query: Option<&str>, limit: usize) -> Result<Vec<ActorSummary>> {
        let Some(q) = query.map(name_key).filter(|q| !q.is_empty()) else {
            let rows = self.db.query(
                "SELECT id, kind, name_ar, name_en, n_articles FROM actors
                 ORDER BY n_articles DESC, id LIMIT ?",
                &[limit.into()],
            )?;
            return rows.iter().map(|r| actor_summary(r)).collect();
        };
        let ids: Vec<String> = self.name_index()?.actors_containing(&q);
        let mut out = Vec::new();
        for (marks, params) in in_chunks(&ids) {
            for r in self.db.query(
                &format!(
                    "SELECT id, kind, name_ar, name_en, n_articles FROM actors
                     WHERE id IN ({marks})"
                ),
                &params,
            )? {
                out.push(actor_summary(&r)?);
            }
        }
        out.sort_by(|a, b| b.n_articles.cmp(&a.n_articles).then(a.id.cmp(&b.id)));
        out.truncate(limit);
        Ok(out)
    }

    /// The names of the stored actors, read again from `actor_names` when the merge has
    /// written a new version of it since they were last read.
    fn name_index(&mut self) -> Result<&NameIndex> {
        // (a current copy is returned through `get_or_insert_with`, which never inserts)
        let version = crate::meta(self.db.as_mut(), "actor_names_version")?.unwrap_or_default();
        if self.names.as_ref().is_some_and(|n| n.version == version) {
            return Ok(self.names.get_or_insert_with(NameIndex::default));
        }
        let mut names = Vec::new();
        for r in self
            .db
            .query("SELECT actor_id, name FROM actor_names", &[])?
        {
            names.push((r[0].text("actor_id")?, r[1].text("name")?));
        }
        Ok(self.names.insert(NameIndex::new(version, names)))
    }

    /// The actors a search for `text` shows: those whose id, names or mentions contain it
    /// ([`Store::actors`], at most `limit`), after those it names ([`Store::resolve_actor`])
    /// that are not among them.
    pub fn search_actors(
        &mut self,
        text: &str,
        kb: &ActorDictionary,
        limit: usize,
    ) -> Result<Vec<ActorSummary>> {
        let containing = self.actors(Some(text), limit)?;
        let mut out = Vec::new();
        for id in self.resolve_actor(text, kb)? {
            if containing.iter().chain(&out).any(|a| a.id == id) {
                continue;
            }
            out.extend(self.actor_summary(&id)?);
        }
        out.extend(containing);
        Ok(out)
    }

    /// The stored actors that a user's `text` (an id or a name: a command-line argument,
    /// an API parameter, a search) names. A stored actor's id, or a name the store has
    /// seen for an actor (compared normalised), names that one actor; else the knowledge
    /// base decides ([`ActorDictionary::named_by`]: an actor's id or any of its names, a
    /// shared name naming those actors that are not a branch of another), keeping the
    /// actors that are stored. Several ids when a shared name names several actors; none
    /// when the text names no stored actor.
    pub fn resolve_actor(&mut self, text: &str, kb: &ActorDictionary) -> Result<Vec<String>> {
        let text = text.trim();
        if self.actor_summary(text)?.is_some() {
            return Ok(vec![text.to_string()]);
        }
        if let Some(r) = self
            .db
            .query(
                "SELECT actor_id FROM actor_names WHERE canonical = 1 AND name = ?
                 ORDER BY actor_id LIMIT 1",
                &[name_key(text).into()],
            )?
            .first()
        {
            return Ok(vec![r[0].text("actor_id")?]);
        }
        let mut ids = Vec::new();
        for a in kb.named_by(text) {
            if self.actor_summary(&a.id)?.is_some() {
                ids.push(a.id.clone());
            }
        }
        Ok(ids)
    }

    /// The actor `id` of the merged view, if stored.
    fn actor_summary(&mut self, id: &str) -> Result<Option<ActorSummary>> {
        let rows = self.db.query(
            "SELECT id, kind, name_ar, name_en, n_articles FROM actors WHERE id = ?",
            &[id.into()],
        )?;
        rows.first().map(|r| actor_summary(r)).transpose()
    }

    /// Names of the given actors (those stored), for labelling ids.
    pub fn actor_names(&mut self, ids: &[String]) -> Result<BTreeMap<String, ActorName>> {
        let mut out = BTreeMap::new();
        for (marks, params) in in_chunks(ids) {
            for r in self.db.query(
                &format!("SELECT id, name_ar, name_en, kind FROM actors WHERE id IN ({marks})"),
                &params,
            )? {
                out.insert(
                    r[0].text("id")?,
                    ActorName {
                        name_ar: r[1].text("name_ar")?,
                        name_en: r[2].opt_text("name_en")?,
                        kind: r[3].text("kind")?,
                    },
                );
            }
        }
        Ok(out)
    }

    /// One actor's page: its merged row; aliases (mention texts with counts); affiliation
    /// and role of a person; the articles naming it; its timeline (at most
    /// [`TIMELINE_LIMIT`] merged events, first report only); its relations (at most
    /// [`EVIDENCE_LIMIT`] sentences each); and the names of every actor these mention.
    /// `None` when no actor has this id.
    pub fn actor(&mut self, id: &str) -> Result<Option<ActorView>> {
        let Some(a) = self.actor_summary(id)? else {
            return Ok(None);
        };
        let mut aliases: BTreeMap<String, i64> = BTreeMap::new();
        for m in self.db.query(
            "SELECT text, COUNT(*) FROM actor_mentions WHERE actor_id = ? GROUP BY text",
            &[id.into()],
        )? {
            *aliases.entry(m[0].text("text")?).or_default() += m[1].int("count")?;
        }
        let mut aliases: Vec<Alias> = aliases
            .into_iter()
            .map(|(text, mentions)| Alias { text, mentions })
            .collect();
        aliases.sort_by(|a, b| {
            b.mentions
                .cmp(&a.mentions)
                .then_with(|| a.text.cmp(&b.text))
        });
        let affiliation = self.db.query(
            "SELECT affiliation, role FROM article_actors
             WHERE actor_id = ? AND affiliation IS NOT NULL ORDER BY article_id LIMIT 1",
            &[id.into()],
        )?;
        let (affiliation, role) = match affiliation.first() {
            Some(a) => (a[0].opt_text("affiliation")?, a[1].opt_text("role")?),
            None => (None, None),
        };
        let articles = self
            .db
            .query(
                "SELECT a.id, a.title, a.published, a.outlet, d.source,
                    (SELECT COUNT(*) FROM actor_mentions m
                     WHERE m.article_id = a.id AND m.actor_id = x.actor_id)
                 FROM article_actors x
                 JOIN articles a ON a.id = x.article_id
                 JOIN documents d ON d.id = a.document_id
                 WHERE x.actor_id = ?
                 ORDER BY CASE WHEN a.published IS NULL THEN 1 ELSE 0 END, a.published DESC, a.id",
                &[id.into()],
            )?
            .iter()
            .map(|r| {
                Ok(ActorArticle {
                    id: r[0].text("id")?,
                    title: r[1].text("title")?,
                    published: r[2].opt_text("published")?,
                    outlet: r[3].opt_text("outlet")?,
                    source: r[4].text("source")?,
                    mentions: r[5].int("mentions")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let timeline = self.events_first_report(&EventFilter {
            actor: Some(id.to_string()),
            limit: Some(TIMELINE_LIMIT),
            ..EventFilter::default()
        })?;
        let edges = self.relations(id, None)?;
        let mut ids = super::events::actor_ids(&timeline);
        ids.extend(
            edges
                .iter()
                .flat_map(|e| [e.edge.a.clone(), e.edge.b.clone()]),
        );
        ids.sort();
        ids.dedup();
        let names = self.actor_names(&ids)?;
        let relations = edges
            .into_iter()
            .map(|e| e.seen_from(id, &names, EVIDENCE_LIMIT))
            .collect();
        Ok(Some(ActorView {
            id: a.id,
            kind: a.kind,
            name_ar: a.name_ar,
            name_en: a.name_en,
            n_articles: a.n_articles,
            affiliation,
            role,
            aliases,
            articles,
            timeline,
            relations,
            names,
        }))
    }
}

/// Columns `id, kind, name_ar, name_en, n_articles` of `actors`.
pub(super) fn actor_summary(r: &[crate::Value]) -> Result<ActorSummary> {
    Ok(ActorSummary {
        id: r[0].text("id")?,
        kind: r[1].text("kind")?,
        name_ar: r[2].text("name_ar")?,
        name_en: r[3].opt_text("name_en")?,
        n_articles: r[4].int("n_articles")?,
    })
}
