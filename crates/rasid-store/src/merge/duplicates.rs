//! Which stored article is a copy of which: the MinHash/LSH index of `rasid-ingest` fed
//! in a content-derived order (undated last, then publication date, then id), so that
//! the answer depends only on what is stored. An article is a copy of the first earlier
//! article with the same text, else of the most similar earlier article that shares an
//! LSH band key with it (the earliest on a tie); a copy of a copy has the first as root.
//!
//! A full merge feeds every fingerprint to a fresh index in memory. An incremental one
//! asks the store instead (`articles.exact_hash`, `article_bands`): an article's answer
//! depends only on the earlier articles it shares its text or a band key with, so new
//! articles change only their own answers and those of later articles they share one
//! with — whatever their dates. Both use the index's own rule ([`nearest`]).

use std::collections::{BTreeSet, HashMap, HashSet};

use rasid_ingest::dedup::{band_keys, nearest, ArticleRef, DedupIndex, Fingerprint};

use crate::backend::{query_in, Backend, Value};
use crate::error::Result;
use crate::write::minhash_of;

/// The place of an article in the order the index is fed: undated last, then by
/// publication date, then by id.
type Order = (bool, Option<String>, String);

/// An article's fingerprint as stored.
#[derive(Clone)]
struct Stored {
    order: Order,
    exact: String,
    sig: Option<Vec<u32>>,
    /// Its LSH band keys (none without a signature).
    keys: HashSet<u64>,
}

const SELECT: &str = "SELECT a.id, a.published, a.exact_hash, a.minhash FROM articles a";

/// Rows of [`SELECT`] (id, published, exact hash, MinHash) as fingerprints by id.
fn read(rows: Vec<Vec<Value>>, into: &mut HashMap<String, Stored>) -> Result<()> {
    for r in rows {
        let id = r[0].text("articles.id")?;
        if into.contains_key(&id) {
            continue;
        }
        let Some(exact) = r[2].opt_text("exact_hash")? else {
            continue;
        };
        let sig = r[3].blob("minhash")?.as_deref().map(minhash_of);
        let keys = sig.as_deref().map(band_keys).unwrap_or_default();
        into.insert(
            id.clone(),
            Stored {
                order: (r[1] == Value::Null, r[1].opt_text("published")?, id),
                exact,
                sig,
                keys: keys.into_iter().collect(),
            },
        );
    }
    Ok(())
}

/// A duplicate found: the article, its earlier copy and their similarity (3 decimals).
fn write(db: &mut dyn Backend, article: &str, original: &str, similarity: f32) -> Result<()> {
    db.exec(
        "INSERT INTO duplicates (article_id, original_id, similarity) VALUES (?, ?, ?)",
        &[
            article.into(),
            original.into(),
            Value::Real(rounded(similarity)),
        ],
    )?;
    Ok(())
}

fn rounded(similarity: f32) -> f64 {
    (f64::from(similarity) * 1000.0).round() / 1000.0
}

/// Every stored article through one index, in order (the `duplicates` table is empty).
pub(super) fn find_all(db: &mut dyn Backend) -> Result<usize> {
    let mut all = HashMap::new();
    read(
        db.query(&format!("{SELECT} WHERE a.exact_hash IS NOT NULL"), &[])?,
        &mut all,
    )?;
    let mut fps: Vec<Stored> = all.into_values().collect();
    fps.sort_by(|a, b| a.order.cmp(&b.order));
    let mut index = DedupIndex::new();
    let mut found = 0;
    for fp in &fps {
        let id = &fp.order.2;
        let at = ArticleRef {
            source: id.clone(),
            article: 0,
        };
        let print = Fingerprint {
            exact: u64::from_str_radix(&fp.exact, 16).unwrap_or(0),
            minhash: fp.sig.clone(),
        };
        if let Some((earlier, sim)) = index.check_and_insert(&print, at) {
            write(db, id, &earlier.source, sim)?;
            found += 1;
        }
    }
    Ok(found)
}

/// The stored articles that share their text or a band key with any of `ids` (read into
/// `known`); for each of `ids`, the ids it shares one with.
fn neighbours(
    db: &mut dyn Backend,
    ids: &[String],
    known: &mut HashMap<String, Stored>,
) -> Result<HashMap<String, BTreeSet<String>>> {
    let exact: BTreeSet<String> = ids
        .iter()
        .filter_map(|id| known.get(id))
        .map(|s| s.exact.clone())
        .collect();
    let exact: Vec<String> = exact.into_iter().collect();
    let rows = query_in(
        db,
        &format!("{SELECT} WHERE a.exact_hash IN ({{ids}})"),
        &exact,
    )?;
    let mut by_text: HashMap<String, Vec<String>> = HashMap::new();
    for r in &rows {
        if let Some(h) = r[2].opt_text("exact_hash")? {
            by_text
                .entry(h)
                .or_default()
                .push(r[0].text("articles.id")?);
        }
    }
    read(rows, known)?;
    let keys: BTreeSet<i64> = ids
        .iter()
        .filter_map(|id| known.get(id))
        .flat_map(|s| s.keys.iter().map(|k| *k as i64))
        .collect();
    let keys: Vec<i64> = keys.into_iter().collect();
    // who shares each key (ids only, from the index); each one's fingerprint read once
    let mut by_key: HashMap<u64, Vec<String>> = HashMap::new();
    for r in query_in(
        db,
        "SELECT band_key, article_id FROM article_bands WHERE band_key IN ({ids})",
        &keys,
    )? {
        by_key
            .entry(r[0].int("band_key")? as u64)
            .or_default()
            .push(r[1].text("article_id")?);
    }
    let unknown: BTreeSet<&String> = by_key
        .values()
        .flatten()
        .filter(|id| !known.contains_key(*id))
        .collect();
    let unknown: Vec<String> = unknown.into_iter().cloned().collect();
    read(
        query_in(db, &format!("{SELECT} WHERE a.id IN ({{ids}})"), &unknown)?,
        known,
    )?;
    let mut out = HashMap::new();
    for id in ids {
        let Some(me) = known.get(id) else { continue };
        let mut set: BTreeSet<String> = BTreeSet::new();
        set.extend(by_text.get(&me.exact).into_iter().flatten().cloned());
        for k in &me.keys {
            set.extend(by_key.get(k).into_iter().flatten().cloned());
        }
        set.remove(id);
        out.insert(id.clone(), set);
    }
    Ok(out)
}

/// What the index answers for `me` given the articles it shares its text or a band key
/// with: the earliest earlier one with the same text, else the nearest earlier one that
/// shares a band key.
fn answer<'a>(me: &Stored, around: impl Iterator<Item = &'a Stored>) -> Option<(String, f32)> {
    let earlier: Vec<&Stored> = around.filter(|o| o.order < me.order).collect();
    if let Some(first) = earlier
        .iter()
        .filter(|o| o.exact == me.exact)
        .min_by(|a, b| a.order.cmp(&b.order))
    {
        return Some((first.order.2.clone(), 1.0));
    }
    let sig = me.sig.as_deref()?;
    let candidates = earlier
        .iter()
        .filter(|o| !o.keys.is_disjoint(&me.keys))
        .filter_map(|o| Some((&o.order, o.sig.as_deref()?)));
    nearest(sig, candidates).map(|(order, j)| (order.2, j))
}

/// Bring the `duplicates` table up to date after the articles `new` were stored; the
/// articles whose root may have changed (the new ones, those whose answer changed, and
/// the copies of those), whose edges' weights are to be counted again.
pub(super) fn update(db: &mut dyn Backend, new: &[String]) -> Result<Vec<String>> {
    let mut known: HashMap<String, Stored> = HashMap::new();
    read(
        query_in(db, &format!("{SELECT} WHERE a.id IN ({{ids}})"), new)?,
        &mut known,
    )?;
    let new: Vec<String> = new
        .iter()
        .filter(|id| known.contains_key(*id))
        .cloned()
        .collect();
    let mut around = neighbours(db, &new, &mut known)?;
    // a new article can change the answer of a later one it shares its text or a key with
    let mut later: BTreeSet<String> = BTreeSet::new();
    for id in &new {
        let me = &known[id];
        for other in &around[id] {
            let is_later = known.get(other).is_some_and(|o| o.order > me.order);
            if is_later && !around.contains_key(other) {
                later.insert(other.clone());
            }
        }
    }
    let later: Vec<String> = later.into_iter().collect();
    around.extend(neighbours(db, &later, &mut known)?);
    let affected: Vec<String> = new.iter().chain(&later).cloned().collect();
    let mut before: HashMap<String, (String, f64)> = HashMap::new();
    for r in query_in(
        db,
        "SELECT article_id, original_id, similarity FROM duplicates WHERE article_id IN ({ids})",
        &affected,
    )? {
        before.insert(
            r[0].text("article_id")?,
            (r[1].text("original_id")?, r[2].real("similarity")?),
        );
    }
    let mut moved: Vec<String> = Vec::new();
    for id in &affected {
        let now = answer(&known[id], around[id].iter().filter_map(|o| known.get(o)));
        let now = now.map(|(original, j)| (original, rounded(j)));
        let old = before.get(id);
        if now.as_ref() == old {
            continue;
        }
        if old.is_some() {
            db.exec("DELETE FROM duplicates WHERE article_id = ?", &[id.into()])?;
        }
        if let Some((original, j)) = &now {
            db.exec(
                "INSERT INTO duplicates (article_id, original_id, similarity) VALUES (?, ?, ?)",
                &[id.into(), original.into(), Value::Real(*j)],
            )?;
        }
        if now.map(|n| n.0) != old.map(|o| o.0.clone()) {
            moved.push(id.clone());
        }
    }
    // the copies of an article that moved have a new root too
    let mut changed: BTreeSet<String> = BTreeSet::new();
    let mut frontier: Vec<String> = new.iter().chain(&moved).cloned().collect();
    while !frontier.is_empty() {
        frontier.retain(|id| changed.insert(id.clone()));
        frontier = query_in(
            db,
            "SELECT article_id FROM duplicates WHERE original_id IN ({ids})",
            &frontier,
        )?
        .iter()
        .map(|r| r[0].text("article_id"))
        .collect::<Result<_>>()?;
    }
    Ok(changed.into_iter().collect())
}

/// The first article of each copy's chain (an article that is no copy is its own root).
pub(super) struct Roots(HashMap<String, String>);

impl Roots {
    /// The roots of every stored copy.
    pub fn all(db: &mut dyn Backend) -> Result<Self> {
        let mut earlier = HashMap::new();
        for r in db.query("SELECT article_id, original_id FROM duplicates", &[])? {
            earlier.insert(r[0].text("article_id")?, r[1].text("original_id")?);
        }
        Ok(Self::resolve(earlier))
    }

    /// The roots of `ids`, following their chains in the store.
    pub fn of(db: &mut dyn Backend, ids: &[String]) -> Result<Self> {
        let mut earlier: HashMap<String, String> = HashMap::new();
        let mut ask: Vec<String> = ids.to_vec();
        while !ask.is_empty() {
            let mut next = Vec::new();
            for r in query_in(
                db,
                "SELECT article_id, original_id FROM duplicates WHERE article_id IN ({ids})",
                &ask,
            )? {
                let original = r[1].text("original_id")?;
                if !earlier.contains_key(&original) {
                    next.push(original.clone());
                }
                earlier.insert(r[0].text("article_id")?, original);
            }
            next.retain(|id| !earlier.contains_key(id));
            next.sort();
            next.dedup();
            ask = next;
        }
        Ok(Self::resolve(earlier))
    }

    fn resolve(earlier: HashMap<String, String>) -> Self {
        let roots = earlier
            .keys()
            .map(|id| {
                let mut at = id;
                // bounded: a cycle (which the index never makes) cannot loop forever
                for _ in 0..earlier.len() {
                    match earlier.get(at) {
                        Some(e) => at = e,
                        None => break,
                    }
                }
                (id.clone(), at.clone())
            })
            .collect();
        Self(roots)
    }

    pub fn get<'a>(&'a self, id: &'a str) -> &'a str {
        self.0.get(id).map_or(id, String::as_str)
    }
}
