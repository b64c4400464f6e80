//! Sizes of the store: rows per table, merged events per type, edges per type
//! (`rasid ingest`'s summary, `/api/stats`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::Store;

/// Rows per table of the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Counts {
    pub actors: i64,
    pub articles: i64,
    pub documents: i64,
    pub duplicates: i64,
    pub edges: i64,
    pub events: i64,
    pub merged_events: i64,
    pub relations: i64,
}

/// Sizes of the store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Stats {
    /// Rows per table.
    pub counts: Counts,
    /// Merged events per type (ATTACK, ARREST …).
    pub events_by_type: BTreeMap<String, i64>,
    /// Relation edges per type (ALLY, HOSTILE …).
    pub relations_by_type: BTreeMap<String, i64>,
}

impl Store {
    /// Rows per table.
    pub fn counts(&mut self) -> Result<Counts> {
        let rows = self.db.query(
            "SELECT (SELECT COUNT(*) FROM actors), (SELECT COUNT(*) FROM articles),
                (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM duplicates),
                (SELECT COUNT(*) FROM edges), (SELECT COUNT(*) FROM events),
                (SELECT COUNT(*) FROM merged_events), (SELECT COUNT(*) FROM relations)",
            &[],
        )?;
        let r = rows.first().ok_or_else(|| crate::StoreError::Decode {
            column: "counts".into(),
            detail: "no row".into(),
        })?;
        Ok(Counts {
            actors: r[0].int("actors")?,
            articles: r[1].int("articles")?,
            documents: r[2].int("documents")?,
            duplicates: r[3].int("duplicates")?,
            edges: r[4].int("edges")?,
            events: r[5].int("events")?,
            merged_events: r[6].int("merged_events")?,
            relations: r[7].int("relations")?,
        })
    }

    /// Rows per table, merged events by type and edges by relation type.
    pub fn stats(&mut self) -> Result<Stats> {
        Ok(Stats {
            counts: self.counts()?,
            events_by_type: self
                .count_by("SELECT event_type, COUNT(*) FROM merged_events GROUP BY event_type")?,
            relations_by_type: self
                .count_by("SELECT relation_type, COUNT(*) FROM edges GROUP BY relation_type")?,
        })
    }

    /// `(key, count)` rows of `sql` as a map.
    fn count_by(&mut self, sql: &str) -> Result<BTreeMap<String, i64>> {
        self.db
            .query(sql, &[])?
            .iter()
            .map(|r| Ok((r[0].text("type")?, r[1].int("count")?)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::{MergeConfig, Store};

    #[test]
    fn an_empty_store_counts_zero_everywhere() {
        let config = MergeConfig::builtin().expect("built-in merge settings");
        let mut store = Store::open(":memory:", config).expect("open");
        let stats = store.stats().expect("stats");
        assert_eq!(stats.counts.documents, 0);
        assert_eq!(stats.counts.merged_events, 0);
        assert!(stats.events_by_type.is_empty());
        let json = serde_json::to_string(&stats.counts).expect("JSON");
        assert!(
            json.starts_with(r#"{"actors":0,"articles":0,"documents":0"#),
            "{json}"
        );
    }
}
