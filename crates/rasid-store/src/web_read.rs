//! Reads for the analyst's page and HTTP API (`rasid-web`): one article with its
//! document text and stored record, lists of articles and actors, one actor with its
//! aliases and articles, the relation graph without evidence, places with coordinates,
//! and counts by type. Like [`crate::read`], results are `serde_json::Value` objects.

use std::collections::{BTreeMap, HashMap};

use serde_json::{json, Value as Json};

use crate::backend::Value;
use crate::error::Result;
use crate::Store;

/// `text[start..end]` in chars (Unicode scalar values), clamped to the text.
fn char_slice(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

fn to_usize(i: i64) -> usize {
    usize::try_from(i).unwrap_or(0)
}

impl Store {
    /// One article: its metadata, the stored record (every fact with its char spans in the
    /// document), and the document text of the article's span (`text`, starting at char
    /// `offset` of the document). `None` when no article has this id.
    pub fn article_view(&mut self, id: &str) -> Result<Option<Json>> {
        let rows = self.db.query(
            "SELECT a.id, a.document_id, d.source, a.idx, a.title, a.main, a.relevant, a.published,
                a.outlet, a.span_start, a.span_end, a.record, d.text, d.url
             FROM articles a JOIN documents d ON d.id = a.document_id WHERE a.id = ?",
            &[id.into()],
        )?;
        let Some(r) = rows.first() else {
            return Ok(None);
        };
        let start = to_usize(r[9].int("span_start")?);
        let end = to_usize(r[10].int("span_end")?);
        let record: Json = serde_json::from_str(&r[11].text("record")?)?;
        let text = char_slice(&r[12].text("text")?, start, end);
        let dup = self.db.query(
            "SELECT original_id, similarity FROM duplicates WHERE article_id = ?",
            &[id.into()],
        )?;
        let duplicate_of = match dup.first() {
            Some(d) => json!({"article": d[0].text("original_id")?,
                "similarity": d[1].real("similarity")?}),
            None => Json::Null,
        };
        let copies = self
            .db
            .query(
                "SELECT article_id FROM duplicates WHERE original_id = ? ORDER BY article_id",
                &[id.into()],
            )?
            .iter()
            .map(|c| c[0].text("article_id"))
            .collect::<Result<Vec<_>>>()?;
        Ok(Some(json!({
            "id": r[0].text("id")?, "document": r[1].text("document_id")?,
            "source": r[2].text("source")?, "idx": r[3].int("idx")?,
            "title": r[4].text("title")?, "main": r[5].int("main")? != 0,
            "relevant": r[6].int("relevant")? != 0, "published": r[7].opt_text("published")?,
            "outlet": r[8].opt_text("outlet")?, "url": r[13].opt_text("url")?,
            "offset": start, "text": text, "record": record,
            "duplicate_of": duplicate_of, "copies": copies,
        })))
    }

    /// Articles, relevant first then by publication date (newest first) and id.
    pub fn article_list(
        &mut self,
        relevant_only: bool,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<Json>> {
        let filter = if relevant_only {
            "WHERE a.relevant = 1"
        } else {
            ""
        };
        let rows = self.db.query(
            &format!(
                "SELECT a.id, a.title, a.published, a.outlet, d.source, a.main, a.relevant,
                    (SELECT COUNT(*) FROM events e WHERE e.article_id = a.id),
                    (SELECT COUNT(*) FROM article_actors x WHERE x.article_id = a.id)
                 FROM articles a JOIN documents d ON d.id = a.document_id {filter}
                 ORDER BY a.relevant DESC,
                    CASE WHEN a.published IS NULL THEN 1 ELSE 0 END, a.published DESC, a.id
                 LIMIT ? OFFSET ?"
            ),
            &[limit.into(), offset.into()],
        )?;
        rows.iter()
            .map(|r| {
                Ok(json!({"id": r[0].text("id")?, "title": r[1].text("title")?,
                    "published": r[2].opt_text("published")?, "outlet": r[3].opt_text("outlet")?,
                    "source": r[4].text("source")?, "main": r[5].int("main")? != 0,
                    "relevant": r[6].int("relevant")? != 0, "n_events": r[7].int("events")?,
                    "n_actors": r[8].int("actors")?}))
            })
            .collect()
    }

    /// Actors (merged view), most frequent first; `query` keeps those whose id, names or
    /// any mention contains it (after Arabic normalisation).
    pub fn actor_list(&mut self, query: Option<&str>, limit: usize) -> Result<Vec<Json>> {
        let rows = self.db.query(
            "SELECT id, kind, name_ar, name_en, n_articles FROM actors
             ORDER BY n_articles DESC, id",
            &[],
        )?;
        let want = query
            .map(|q| rasid_text::normalize(q.trim()).to_lowercase())
            .filter(|q| !q.is_empty());
        let mentions: HashMap<String, Vec<String>> = match &want {
            Some(_) => {
                let mut m: HashMap<String, Vec<String>> = HashMap::new();
                for r in self
                    .db
                    .query("SELECT DISTINCT actor_id, text FROM actor_mentions", &[])?
                {
                    m.entry(r[0].text("actor_id")?)
                        .or_default()
                        .push(rasid_text::normalize(&r[1].text("text")?));
                }
                m
            }
            None => HashMap::new(),
        };
        let mut out = Vec::new();
        for r in rows {
            let id = r[0].text("id")?;
            let name_ar = r[2].text("name_ar")?;
            let name_en = r[3].opt_text("name_en")?;
            if let Some(q) = &want {
                let hit = id.to_lowercase().contains(q.as_str())
                    || rasid_text::normalize(&name_ar).contains(q.as_str())
                    || name_en
                        .as_deref()
                        .is_some_and(|n| n.to_lowercase().contains(q.as_str()))
                    || mentions
                        .get(&id)
                        .is_some_and(|ms| ms.iter().any(|m| m.contains(q.as_str())));
                if !hit {
                    continue;
                }
            }
            out.push(
                json!({"id": id, "kind": r[1].text("kind")?, "name_ar": name_ar,
                "name_en": name_en, "n_articles": r[4].int("n_articles")?}),
            );
            if out.len() >= limit {
                break;
            }
        }
        Ok(out)
    }

    /// One actor: merged row, aliases (mention texts with counts), affiliation and role
    /// of a person, and the articles naming it. `None` when no actor has this id.
    pub fn actor_view(&mut self, id: &str) -> Result<Option<Json>> {
        let rows = self.db.query(
            "SELECT id, kind, name_ar, name_en, n_articles FROM actors WHERE id = ?",
            &[id.into()],
        )?;
        let Some(r) = rows.first() else {
            return Ok(None);
        };
        let mut aliases: BTreeMap<String, i64> = BTreeMap::new();
        for m in self.db.query(
            "SELECT text, COUNT(*) FROM actor_mentions WHERE actor_id = ? GROUP BY text",
            &[id.into()],
        )? {
            *aliases.entry(m[0].text("text")?).or_default() += m[1].int("count")?;
        }
        let mut aliases: Vec<(String, i64)> = aliases.into_iter().collect();
        aliases.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let aliases: Vec<Json> = aliases
            .into_iter()
            .map(|(text, n)| json!({"text": text, "mentions": n}))
            .collect();
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
            .map(|a| {
                Ok(json!({"id": a[0].text("id")?, "title": a[1].text("title")?,
                    "published": a[2].opt_text("published")?, "outlet": a[3].opt_text("outlet")?,
                    "source": a[4].text("source")?, "mentions": a[5].int("mentions")?}))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Some(json!({
            "id": r[0].text("id")?, "kind": r[1].text("kind")?, "name_ar": r[2].text("name_ar")?,
            "name_en": r[3].opt_text("name_en")?, "n_articles": r[4].int("n_articles")?,
            "affiliation": affiliation, "role": role, "aliases": aliases, "articles": articles,
        })))
    }

    /// An actor's merged events in date order, at most `limit`, each with only its first
    /// report (article, source, modality, first evidence sentence) under `reports`. The
    /// events are found from the actor's side (`event_actors` by actor, then their merged
    /// events), a few queries in all, where [`Store::timeline`] tests every merged event
    /// and asks three queries per report (seconds on a corpus-sized store).
    pub fn actor_timeline(&mut self, actor: &str, limit: usize) -> Result<Vec<Json>> {
        let merged: Vec<String> = self
            .db
            .query(
                "SELECT DISTINCT mm.merged_id FROM event_actors ea
                 JOIN merged_event_members mm ON mm.event_id = ea.event_id
                 WHERE ea.actor_id = ?",
                &[actor.into()],
            )?
            .iter()
            .map(|r| r[0].text("merged_id"))
            .collect::<Result<_>>()?;
        let mut events = Vec::with_capacity(merged.len());
        for chunk in merged.chunks(200) {
            let marks = vec!["?"; chunk.len()].join(", ");
            let params: Vec<Value> = chunk.iter().map(Value::from).collect();
            for r in self.db.query(
                &format!(
                    "SELECT id, event_type, place, country, date_start, date_end, actors, killed,
                        injured, n_sources, n_articles, n_events
                     FROM merged_events WHERE id IN ({marks})"
                ),
                &params,
            )? {
                let actors: Json = serde_json::from_str(&r[6].text("actors")?)?;
                events.push(json!({"type": "merged_event", "id": r[0].text("id")?,
                    "event_type": r[1].text("event_type")?, "place": r[2].opt_text("place")?,
                    "country": r[3].opt_text("country")?,
                    "date_start": r[4].opt_text("date_start")?,
                    "date_end": r[5].opt_text("date_end")?, "actors": actors,
                    "killed": r[7].opt_int("killed")?, "injured": r[8].opt_int("injured")?,
                    "n_sources": r[9].int("n_sources")?, "n_articles": r[10].int("n_articles")?,
                    "n_reports": r[11].int("n_events")?}));
            }
        }
        // date order, undated last, then id (as `Store::merged_events`)
        events.sort_by(|a, b| {
            let key = |e: &Json| {
                (
                    e["date_start"].is_null(),
                    e["date_start"].as_str().unwrap_or("").to_string(),
                    e["id"].as_str().unwrap_or("").to_string(),
                )
            };
            key(a).cmp(&key(b))
        });
        events.truncate(limit);
        let ids: Vec<String> = events
            .iter()
            .filter_map(|e| e["id"].as_str().map(str::to_string))
            .collect();
        let mut first: HashMap<String, Json> = HashMap::new();
        for chunk in ids.chunks(200) {
            let marks = vec!["?"; chunk.len()].join(", ");
            let params: Vec<Value> = chunk.iter().map(Value::from).collect();
            let rows = self.db.query(
                &format!(
                    "SELECT mm.merged_id, e.id, e.article_id, a.document_id, d.source, a.published,
                        a.outlet, e.modality, v.text, v.span_start, v.span_end, v.rule
                     FROM merged_event_members mm
                     JOIN events e ON e.id = mm.event_id
                     JOIN articles a ON a.id = e.article_id
                     JOIN documents d ON d.id = a.document_id
                     JOIN event_evidence v ON v.event_id = e.id AND v.seq = 0
                     WHERE mm.merged_id IN ({marks}) ORDER BY mm.merged_id, e.id"
                ),
                &params,
            )?;
            for r in rows {
                let merged = r[0].text("merged_id")?;
                if first.contains_key(&merged) {
                    continue;
                }
                first.insert(
                    merged,
                    json!({"event": r[1].text("event id")?, "article": r[2].text("article_id")?,
                        "document": r[3].text("document_id")?, "source": r[4].text("source")?,
                        "published": r[5].opt_text("published")?, "outlet": r[6].opt_text("outlet")?,
                        "modality": r[7].text("modality")?,
                        "evidence": [{"text": r[8].text("text")?, "start": r[9].int("span_start")?,
                            "end": r[10].int("span_end")?, "rule": r[11].text("rule")?}]}),
                );
            }
        }
        for e in &mut events {
            let report = e["id"].as_str().and_then(|id| first.remove(id));
            e["reports"] = Json::Array(report.into_iter().collect());
        }
        Ok(events)
    }

    /// Merged events passing `f` with every report and its evidence, as
    /// [`Store::merged_events`] gives them (same filter, order and JSON), in a few batched
    /// queries: the actor filter is one uncorrelated sub-select over `event_actors`, and
    /// reports, their actors and evidence come 200 merged events at a time (the store's
    /// version asks three queries per report and tests the actor per merged event).
    pub fn events_with_reports(&mut self, f: &crate::EventFilter) -> Result<Vec<Json>> {
        let (sql, params) = crate::read::merged_events_query(f);
        let mut events = Vec::new();
        for r in self.db.query(&sql, &params)? {
            events.push(crate::read::merged_event_json(&r)?);
        }
        let ids: Vec<String> = events
            .iter()
            .filter_map(|e| e["id"].as_str().map(str::to_string))
            .collect();
        let mut reports: HashMap<String, Vec<Json>> = HashMap::new();
        for chunk in ids.chunks(200) {
            let marks = vec!["?"; chunk.len()].join(", ");
            let params: Vec<Value> = chunk.iter().map(Value::from).collect();
            let rows = self.db.query(
                &format!(
                    "SELECT mm.merged_id, e.id, e.article_id, a.document_id, d.source, a.published,
                        a.outlet, e.event_type, e.place, e.date, e.modality, e.killed, e.injured
                     FROM merged_event_members mm
                     JOIN events e ON e.id = mm.event_id
                     JOIN articles a ON a.id = e.article_id
                     JOIN documents d ON d.id = a.document_id
                     WHERE mm.merged_id IN ({marks}) ORDER BY mm.merged_id, e.id"
                ),
                &params,
            )?;
            let event_ids: Vec<String> = rows
                .iter()
                .map(|r| r[1].text("event id"))
                .collect::<Result<_>>()?;
            let mut actors: HashMap<String, Vec<Json>> = HashMap::new();
            let mut evidence: HashMap<String, Vec<Json>> = HashMap::new();
            for ev_chunk in event_ids.chunks(200) {
                let marks = vec!["?"; ev_chunk.len()].join(", ");
                let params: Vec<Value> = ev_chunk.iter().map(Value::from).collect();
                for x in self.db.query(
                    &format!(
                        "SELECT event_id, actor_id FROM event_actors
                         WHERE event_id IN ({marks}) ORDER BY event_id, pos"
                    ),
                    &params,
                )? {
                    actors
                        .entry(x[0].text("event_id")?)
                        .or_default()
                        .push(json!(x[1].text("actor_id")?));
                }
                for x in self.db.query(
                    &format!(
                        "SELECT event_id, text, span_start, span_end, rule FROM event_evidence
                         WHERE event_id IN ({marks}) ORDER BY event_id, seq"
                    ),
                    &params,
                )? {
                    evidence.entry(x[0].text("event_id")?).or_default().push(
                        json!({"text": x[1].text("text")?, "start": x[2].int("span_start")?,
                            "end": x[3].int("span_end")?, "rule": x[4].text("rule")?}),
                    );
                }
            }
            for r in rows {
                let eid = r[1].text("event id")?;
                reports.entry(r[0].text("merged_id")?).or_default().push(
                    json!({"event": eid, "article": r[2].text("article_id")?,
                        "document": r[3].text("document_id")?, "source": r[4].text("source")?,
                        "published": r[5].opt_text("published")?, "outlet": r[6].opt_text("outlet")?,
                        "event_type": r[7].text("event_type")?, "place": r[8].opt_text("place")?,
                        "date": r[9].opt_text("date")?, "modality": r[10].text("modality")?,
                        "killed": r[11].opt_int("killed")?, "injured": r[12].opt_int("injured")?,
                        "actors": actors.remove(&eid).unwrap_or_default(),
                        "evidence": evidence.remove(&eid).unwrap_or_default()}),
                );
            }
        }
        for e in &mut events {
            let list = e["id"]
                .as_str()
                .and_then(|id| reports.remove(id))
                .unwrap_or_default();
            e["reports"] = Json::Array(list);
        }
        Ok(events)
    }

    /// Names of the given actors (id → `{name_ar, name_en, kind}`), for labelling.
    pub fn actor_names(&mut self, ids: &[String]) -> Result<HashMap<String, Json>> {
        let mut out = HashMap::new();
        for chunk in ids.chunks(200) {
            let marks = vec!["?"; chunk.len()].join(", ");
            let params: Vec<Value> = chunk.iter().map(Value::from).collect();
            for r in self.db.query(
                &format!("SELECT id, name_ar, name_en, kind FROM actors WHERE id IN ({marks})"),
                &params,
            )? {
                out.insert(
                    r[0].text("id")?,
                    json!({"name_ar": r[1].text("name_ar")?, "name_en": r[2].opt_text("name_en")?,
                        "kind": r[3].text("kind")?}),
                );
            }
        }
        Ok(out)
    }

    /// The relation graph without evidence: edges (optionally only those touching
    /// `actor`, of the given types, of at least `min_weight`) and the actors they join.
    pub fn graph(
        &mut self,
        actor: Option<&str>,
        types: &[String],
        min_weight: i64,
    ) -> Result<Json> {
        let mut sql = String::from(
            "SELECT id, a, b, relation_type, first_seen, last_seen, weight, n_articles, n_sources
             FROM edges WHERE weight >= ?",
        );
        let mut params: Vec<Value> = vec![min_weight.into()];
        if let Some(a) = actor {
            sql.push_str(" AND (a = ? OR b = ?)");
            params.push(a.into());
            params.push(a.into());
        }
        if !types.is_empty() {
            sql.push_str(&format!(
                " AND relation_type IN ({})",
                vec!["?"; types.len()].join(", ")
            ));
            params.extend(types.iter().map(Value::from));
        }
        sql.push_str(" ORDER BY id");
        let mut edges = Vec::new();
        let mut ids: Vec<String> = Vec::new();
        for r in self.db.query(&sql, &params)? {
            let a = r[1].text("a")?;
            let b = r[2].text("b")?;
            ids.push(a.clone());
            ids.push(b.clone());
            edges.push(json!({"id": r[0].text("id")?, "a": a, "b": b,
                "relation_type": r[3].text("relation_type")?,
                "first_seen": r[4].opt_text("first_seen")?, "last_seen": r[5].opt_text("last_seen")?,
                "weight": r[6].int("weight")?, "n_articles": r[7].int("n_articles")?,
                "n_sources": r[8].int("n_sources")?}));
        }
        if let Some(a) = actor {
            ids.push(a.to_string());
        }
        ids.sort();
        ids.dedup();
        let names = self.actor_names(&ids)?;
        let nodes: Vec<Json> =
            ids.iter()
                .map(|id| {
                    let mut n = names.get(id).cloned().unwrap_or_else(
                        || json!({"name_ar": id, "name_en": null, "kind": "unknown"}),
                    );
                    n["id"] = json!(id);
                    n
                })
                .collect();
        Ok(json!({"nodes": nodes, "edges": edges}))
    }

    /// Every stored place with coordinates (one point per gazetteer entry, however the
    /// articles spell it): its country, mean lat/lon over the articles that located it,
    /// and in how many articles it appears.
    pub fn place_points(&mut self) -> Result<Vec<Json>> {
        let rows = self.db.query(
            "SELECT MIN(name_ar), MAX(name_en), country, AVG(lat), AVG(lon),
                COUNT(DISTINCT article_id), MAX(kind)
             FROM article_places WHERE lat IS NOT NULL AND lon IS NOT NULL
             GROUP BY COALESCE(place_id, name_ar), country ORDER BY MIN(name_ar), country",
            &[],
        )?;
        rows.iter()
            .map(|r| {
                Ok(
                    json!({"name_ar": r[0].text("name_ar")?, "name_en": r[1].opt_text("name_en")?,
                    "country": r[2].opt_text("country")?, "lat": r[3].opt_real("lat")?,
                    "lon": r[4].opt_real("lon")?, "n_articles": r[5].int("articles")?,
                    "kind": r[6].opt_text("kind")?}),
                )
            })
            .collect()
    }

    /// Merged events by type and edges by relation type.
    pub fn type_counts(&mut self) -> Result<Json> {
        let mut events = serde_json::Map::new();
        for r in self.db.query(
            "SELECT event_type, COUNT(*) FROM merged_events GROUP BY event_type ORDER BY event_type",
            &[],
        )? {
            events.insert(r[0].text("event_type")?, json!(r[1].int("count")?));
        }
        let mut relations = serde_json::Map::new();
        for r in self.db.query(
            "SELECT relation_type, COUNT(*) FROM edges GROUP BY relation_type ORDER BY relation_type",
            &[],
        )? {
            relations.insert(r[0].text("relation_type")?, json!(r[1].int("count")?));
        }
        Ok(json!({"events": events, "relations": relations}))
    }
}

#[cfg(test)]
mod tests {
    use super::char_slice;

    #[test]
    fn char_slice_counts_chars_and_clamps() {
        assert_eq!(char_slice("مرحبا بكم", 0, 5), "مرحبا");
        assert_eq!(char_slice("مرحبا بكم", 6, 100), "بكم");
        assert_eq!(char_slice("abc", 5, 2), "");
    }
}
