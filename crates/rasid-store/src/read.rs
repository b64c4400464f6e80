//! Reading the store: export in a stable order, search, and the analyst's queries
//! (an actor's timeline, an actor's relations, events by filter). Everything comes out as
//! `serde_json::Value` objects, one per line for the caller to print.

use std::io::Write;

use serde_json::{json, Map, Value as Json};

use crate::backend::{Dialect, Value};
use crate::error::{Result, StoreError};
use crate::search::{snippet, SearchQuery};
use crate::Store;

/// One search result.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SearchHit {
    pub article: String,
    pub document: String,
    pub source: String,
    pub title: String,
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub score: f64,
    pub snippet: String,
}

/// Which merged events to list; `None` fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    pub event_type: Option<String>,
    pub actor: Option<String>,
    pub place: Option<String>,
    pub country: Option<String>,
    /// Inclusive `YYYY-MM-DD` bounds; an event overlapping the range matches.
    pub from: Option<String>,
    pub to: Option<String>,
    pub limit: Option<usize>,
}

fn write_line(out: &mut dyn Write, v: &Json) -> Result<()> {
    serde_json::to_writer(&mut *out, v)?;
    out.write_all(b"\n")
        .map_err(|e| StoreError::Json(serde_json::Error::io(e)))
}

fn evidence(r: &[Value], at: usize) -> Result<Json> {
    Ok(json!({
        "text": r[at].text("text")?,
        "start": r[at + 1].int("span_start")?,
        "end": r[at + 2].int("span_end")?,
        "rule": r[at + 3].text("rule")?,
    }))
}

impl Store {
    /// Counts of the main tables.
    pub fn counts(&mut self) -> Result<Json> {
        let mut m = Map::new();
        for t in [
            "documents",
            "articles",
            "events",
            "relations",
            "actors",
            "duplicates",
            "merged_events",
            "edges",
        ] {
            let n = self.db.query(&format!("SELECT COUNT(*) FROM {t}"), &[])?;
            m.insert(t.into(), json!(n[0][0].int("count")?));
        }
        Ok(Json::Object(m))
    }

    /// Dump the store as JSON Lines: documents (each followed by its articles with every
    /// fact and its evidence), actors, merged events (with every report), edges (with every
    /// piece of evidence); each part ordered by id.
    pub fn export(&mut self, out: &mut dyn Write) -> Result<()> {
        let dups: std::collections::HashMap<String, (String, f64)> = self
            .db
            .query(
                "SELECT article_id, original_id, similarity FROM duplicates",
                &[],
            )?
            .into_iter()
            .map(|r| {
                Ok((
                    r[0].text("article_id")?,
                    (r[1].text("original_id")?, r[2].real("similarity")?),
                ))
            })
            .collect::<Result<_>>()?;
        let docs = self.db.query(
            "SELECT id, source, content_hash, chars, encoding, url FROM documents ORDER BY id",
            &[],
        )?;
        for d in &docs {
            let id = d[0].text("id")?;
            write_line(
                out,
                &json!({"type": "document", "id": id, "source": d[1].text("source")?,
                    "content_hash": d[2].text("content_hash")?, "chars": d[3].int("chars")?,
                    "encoding": d[4].text("encoding")?, "url": d[5].opt_text("url")?}),
            )?;
            for a in self.db.query(
                "SELECT id, idx, record FROM articles WHERE document_id = ? ORDER BY idx",
                &[id.as_str().into()],
            )? {
                let aid = a[0].text("id")?;
                let record: Json = serde_json::from_str(&a[2].text("record")?)?;
                let dup = dups
                    .get(&aid)
                    .map(|(o, s)| json!({"article": o, "similarity": s}));
                write_line(
                    out,
                    &json!({"type": "article", "id": aid, "document": id,
                        "idx": a[1].int("idx")?, "duplicate_of": dup, "record": record}),
                )?;
            }
        }
        for a in self.db.query(
            "SELECT id, kind, name_ar, name_en, n_articles FROM actors ORDER BY id",
            &[],
        )? {
            write_line(
                out,
                &json!({"type": "actor", "id": a[0].text("id")?, "kind": a[1].text("kind")?,
                    "name_ar": a[2].text("name_ar")?, "name_en": a[3].opt_text("name_en")?,
                    "n_articles": a[4].int("n_articles")?}),
            )?;
        }
        for e in self.merged_events(&EventFilter::default(), true)? {
            write_line(out, &e)?;
        }
        let edges = self.edges_where("", &[], true)?;
        for e in edges {
            write_line(out, &e)?;
        }
        out.flush()
            .map_err(|e| StoreError::Json(serde_json::Error::io(e)))
    }

    /// Articles matching `query`, best first.
    pub fn search(&mut self, query: &SearchQuery, limit: usize) -> Result<Vec<SearchHit>> {
        if query.is_empty() {
            return Ok(Vec::new());
        }
        let rows = match self.db.dialect() {
            Dialect::Sqlite => self.db.query(
                "SELECT article_id, -bm25(article_search, 0.0, 3.0, 1.0) AS score
                 FROM article_search WHERE article_search MATCH ?
                 ORDER BY bm25(article_search, 0.0, 3.0, 1.0), article_id LIMIT ?",
                &[query.fts5().into(), limit.into()],
            )?,
            Dialect::Postgres => self.db.query(
                "SELECT a.id, ts_rank(a.search_tsv, q)::float8 AS score
                 FROM articles a, to_tsquery('simple', ?) q
                 WHERE a.search_tsv @@ q ORDER BY score DESC, a.id LIMIT ?",
                &[query.tsquery().into(), limit.into()],
            )?,
        };
        let own = query.own_terms();
        let terms = query.all_terms();
        let mut hits = Vec::with_capacity(rows.len());
        for r in rows {
            let id = r[0].text("article_id")?;
            let score = (r[1].real("score")? * 1e4).round() / 1e4;
            let a = self.db.query(
                "SELECT a.document_id, d.source, a.title, a.published, a.outlet, d.text, a.record
                 FROM articles a JOIN documents d ON d.id = a.document_id WHERE a.id = ?",
                &[id.as_str().into()],
            )?;
            let Some(a) = a.first() else { continue };
            let record: rasid_model::ArticleRecord = serde_json::from_str(&a[6].text("record")?)?;
            let body = crate::write::article_body(&a[5].text("text")?, &record);
            hits.push(SearchHit {
                article: id,
                document: a[0].text("document_id")?,
                source: a[1].text("source")?,
                title: a[2].text("title")?,
                published: a[3].opt_text("published")?,
                outlet: a[4].opt_text("outlet")?,
                score,
                snippet: snippet(&body, &own, &terms, 160, &query.tokenizer),
            });
        }
        Ok(hits)
    }

    /// The id of the actor named `name` (an id, or a name seen in the store).
    pub fn resolve_actor(&mut self, name: &str) -> Result<Option<String>> {
        let rows = self
            .db
            .query("SELECT id FROM actors WHERE id = ?", &[name.into()])?;
        if let Some(r) = rows.first() {
            return Ok(Some(r[0].text("id")?));
        }
        let want = rasid_text::normalize(name.trim());
        let rows = self.db.query(
            "SELECT DISTINCT actor_id, name_ar FROM article_actors ORDER BY actor_id",
            &[],
        )?;
        for r in rows {
            if rasid_text::normalize(&r[1].text("name_ar")?) == want {
                return Ok(Some(r[0].text("actor_id")?));
            }
        }
        Ok(None)
    }

    /// An actor's merged events in date order.
    pub fn timeline(&mut self, actor: &str, limit: Option<usize>) -> Result<Vec<Json>> {
        self.merged_events(
            &EventFilter {
                actor: Some(actor.to_string()),
                limit,
                ..EventFilter::default()
            },
            true,
        )
    }

    /// An actor's relation edges, heaviest first, with their evidence.
    pub fn actor_relations(&mut self, actor: &str) -> Result<Vec<Json>> {
        let mut edges =
            self.edges_where("WHERE a = ? OR b = ?", &[actor.into(), actor.into()], true)?;
        edges.sort_by(|x, y| {
            y["weight"]
                .as_i64()
                .cmp(&x["weight"].as_i64())
                .then_with(|| x["id"].as_str().cmp(&y["id"].as_str()))
        });
        Ok(edges)
    }

    /// Merged events passing `f`, ordered by start date then id (undated last).
    pub fn merged_events(&mut self, f: &EventFilter, with_members: bool) -> Result<Vec<Json>> {
        let (sql, params) = merged_events_query(f);
        let rows = self.db.query(&sql, &params)?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let mut e = merged_event_json(&r)?;
            if with_members {
                let id = r[0].text("id")?;
                e["reports"] = Json::Array(self.reports(&id)?);
            }
            out.push(e);
        }
        Ok(out)
    }

    /// The reports (per-article events) of a merged event, with provenance.
    fn reports(&mut self, merged_id: &str) -> Result<Vec<Json>> {
        let rows = self.db.query(
            "SELECT e.id, e.article_id, a.document_id, d.source, a.published, a.outlet,
                e.event_type, e.place, e.date, e.modality, e.killed, e.injured
             FROM merged_event_members mm
             JOIN events e ON e.id = mm.event_id
             JOIN articles a ON a.id = e.article_id
             JOIN documents d ON d.id = a.document_id
             WHERE mm.merged_id = ? ORDER BY e.id",
            &[merged_id.into()],
        )?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let eid = r[0].text("event id")?;
            let actors: Vec<String> = self
                .db
                .query(
                    "SELECT actor_id FROM event_actors WHERE event_id = ? ORDER BY pos",
                    &[eid.as_str().into()],
                )?
                .iter()
                .map(|x| x[0].text("actor_id"))
                .collect::<Result<_>>()?;
            let ev = self
                .db
                .query(
                    "SELECT text, span_start, span_end, rule FROM event_evidence
                     WHERE event_id = ? ORDER BY seq",
                    &[eid.as_str().into()],
                )?
                .iter()
                .map(|x| evidence(x, 0))
                .collect::<Result<Vec<_>>>()?;
            out.push(json!({"event": eid, "article": r[1].text("article_id")?,
                "document": r[2].text("document_id")?, "source": r[3].text("source")?,
                "published": r[4].opt_text("published")?, "outlet": r[5].opt_text("outlet")?,
                "event_type": r[6].text("event_type")?, "place": r[7].opt_text("place")?,
                "date": r[8].opt_text("date")?, "modality": r[9].text("modality")?,
                "killed": r[10].opt_int("killed")?, "injured": r[11].opt_int("injured")?,
                "actors": actors, "evidence": ev}));
        }
        Ok(out)
    }

    fn edges_where(
        &mut self,
        clause: &str,
        params: &[Value],
        with_evidence: bool,
    ) -> Result<Vec<Json>> {
        let rows = self.db.query(
            &format!(
                "SELECT id, a, b, relation_type, first_seen, last_seen, weight, n_articles, n_sources
                 FROM edges {clause} ORDER BY id"
            ),
            params,
        )?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let id = r[0].text("id")?;
            let mut e = json!({"type": "edge", "id": id, "a": r[1].text("a")?, "b": r[2].text("b")?,
                "relation_type": r[3].text("relation_type")?,
                "first_seen": r[4].opt_text("first_seen")?, "last_seen": r[5].opt_text("last_seen")?,
                "weight": r[6].int("weight")?, "n_articles": r[7].int("n_articles")?,
                "n_sources": r[8].int("n_sources")?});
            if with_evidence {
                let ev = self.db.query(
                    "SELECT rv.text, rv.span_start, rv.span_end, rv.rule, r.id, r.article_id,
                        a.document_id, d.source, a.published
                     FROM edge_members em
                     JOIN relations r ON r.id = em.relation_id
                     JOIN relation_evidence rv ON rv.relation_id = r.id
                     JOIN articles a ON a.id = r.article_id
                     JOIN documents d ON d.id = a.document_id
                     WHERE em.edge_id = ? ORDER BY r.id, rv.seq",
                    &[id.as_str().into()],
                )?;
                let mut list = Vec::with_capacity(ev.len());
                for x in ev {
                    let mut item = evidence(&x, 0)?;
                    item["relation"] = json!(x[4].text("relation id")?);
                    item["article"] = json!(x[5].text("article_id")?);
                    item["document"] = json!(x[6].text("document_id")?);
                    item["source"] = json!(x[7].text("source")?);
                    item["published"] = json!(x[8].opt_text("published")?);
                    list.push(item);
                }
                e["evidence"] = Json::Array(list);
            }
            out.push(e);
        }
        Ok(out)
    }
}

/// The SQL and parameters selecting the merged events that pass `f`, ordered by start date
/// then id (undated last). The actor filter is one uncorrelated sub-select over
/// `event_actors`.
pub(crate) fn merged_events_query(f: &EventFilter) -> (String, Vec<Value>) {
    let mut sql = String::from(
        "SELECT id, event_type, place, country, date_start, date_end, actors, killed, injured,
            n_sources, n_articles, n_events FROM merged_events m WHERE 1 = 1",
    );
    let mut params: Vec<Value> = Vec::new();
    if let Some(t) = &f.event_type {
        sql.push_str(" AND event_type = ?");
        params.push(t.to_uppercase().into());
    }
    if let Some(c) = &f.country {
        sql.push_str(" AND country = ?");
        params.push(c.to_uppercase().into());
    }
    if let Some(p) = &f.place {
        sql.push_str(" AND place = ?");
        params.push(p.into());
    }
    if let Some(a) = &f.actor {
        sql.push_str(
            " AND id IN (SELECT mm.merged_id FROM event_actors ea
                JOIN merged_event_members mm ON mm.event_id = ea.event_id
                WHERE ea.actor_id = ?)",
        );
        params.push(a.into());
    }
    if let Some(from) = &f.from {
        sql.push_str(" AND date_end >= ?");
        params.push(from.into());
    }
    if let Some(to) = &f.to {
        sql.push_str(" AND date_start <= ?");
        params.push(to.into());
    }
    sql.push_str(" ORDER BY CASE WHEN date_start IS NULL THEN 1 ELSE 0 END, date_start, id");
    if let Some(l) = f.limit {
        sql.push_str(" LIMIT ?");
        params.push(l.into());
    }
    (sql, params)
}

/// One row of [`merged_events_query`] as JSON (without its reports).
pub(crate) fn merged_event_json(r: &[Value]) -> Result<Json> {
    let actors: Json = serde_json::from_str(&r[6].text("actors")?)?;
    Ok(json!({"type": "merged_event", "id": r[0].text("id")?,
        "event_type": r[1].text("event_type")?, "place": r[2].opt_text("place")?,
        "country": r[3].opt_text("country")?, "date_start": r[4].opt_text("date_start")?,
        "date_end": r[5].opt_text("date_end")?, "actors": actors,
        "killed": r[7].opt_int("killed")?, "injured": r[8].opt_int("injured")?,
        "n_sources": r[9].int("n_sources")?, "n_articles": r[10].int("n_articles")?,
        "n_reports": r[11].int("n_events")?}))
}
