//! Ingest: a processed document becomes rows of the per-document tables, written in one
//! transaction per batch of documents. A document already stored (same source and content
//! hash) is skipped, so re-ingesting changes nothing and a killed ingest can be re-run.

use std::collections::HashSet;

use rasid_ingest::dedup::{band_keys, Fingerprint};
use rasid_ingest::{Document, ProcessedDocument};
use rasid_model::{ArticleRecord, DocumentRecord, Evidence};
use rasid_text::{CharIndex, Span, Tokenizer};

use crate::backend::{Backend, Value};
use crate::error::Result;
use crate::ids::{content_hash, document_id, event_id, relation_id, stable_id};
use crate::search::index_terms;

/// A document ready to be stored: its key, text and everything extracted from it.
#[derive(Debug, Clone)]
pub struct StoredDocument {
    pub id: String,
    pub content_hash: String,
    pub text: String,
    pub encoding: String,
    pub url: Option<String>,
    pub record: DocumentRecord,
    pub fingerprints: Vec<Option<Fingerprint>>,
    /// Per article (same order): its text and search terms, computed with the document
    /// (in the parallel stage) rather than inside the write transaction. An article
    /// without one is stored with no search terms.
    pub texts: Vec<ArticleText>,
}

/// An article's normalised search terms (`Default`: none).
#[derive(Debug, Clone, Default)]
pub struct ArticleText {
    pub search_title: String,
    pub search_body: String,
}

impl ArticleText {
    /// An article's search terms, with the kb's tokenizer.
    pub fn of(text: &str, a: &ArticleRecord, tokenizer: &Tokenizer) -> Self {
        Self {
            search_title: index_terms(&a.title, tokenizer),
            search_body: index_terms(&article_body(text, &a.blocks), tokenizer),
        }
    }
}

/// The key of a document before it is processed: (id, content hash).
pub fn key_of(doc: &Document) -> (String, String) {
    let h = content_hash(&doc.text);
    (document_id(&doc.source, &h), h)
}

impl StoredDocument {
    /// A document extracted elsewhere (its record read back, or written by hand), kept with
    /// its text under the id of `source` and its content: no search terms, no fingerprints.
    pub fn from_record(source: &str, text: String, record: DocumentRecord) -> Self {
        let content_hash = crate::ids::content_hash(&text);
        Self {
            id: crate::ids::document_id(source, &content_hash),
            content_hash,
            text,
            encoding: "UTF-8".into(),
            url: None,
            texts: Vec::new(),
            record,
            fingerprints: vec![None],
        }
    }

    /// A processed document with its articles' search terms (made with the kb's
    /// `tokenizer`).
    pub fn new(doc: &Document, processed: ProcessedDocument, tokenizer: &Tokenizer) -> Self {
        let (id, content_hash) = key_of(doc);
        let mut record = processed.record;
        // run-local duplicate marks depend on input order; the store links copies itself
        for a in &mut record.articles {
            a.duplicate_of = None;
            a.duplicate_of_article = None;
            a.duplicate_similarity = None;
        }
        let texts = record
            .articles
            .iter()
            .map(|a| ArticleText::of(&doc.text, a, tokenizer))
            .collect();
        Self {
            id,
            content_hash,
            texts,
            text: doc.text.clone(),
            encoding: doc.meta.encoding.to_string(),
            url: doc.meta.url.clone(),
            record,
            fingerprints: processed.fingerprints,
        }
    }
}

pub(crate) fn article_id(document_id: &str, idx: usize) -> String {
    stable_id("article", &[document_id, &idx.to_string()])
}

/// The kept lines of an article (its record's `blocks`), joined by newlines.
pub fn article_body(text: &str, blocks: &[[usize; 2]]) -> String {
    let ascending =
        blocks.windows(2).all(|w| w[0][1] <= w[1][0]) && blocks.iter().all(|b| b[0] <= b[1]);
    if !ascending {
        let index = CharIndex::new(text);
        return blocks
            .iter()
            .map(|b| index.slice(text, Span::new(b[0], b[1])))
            .collect::<Vec<_>>()
            .join("\n");
    }
    // kept lines in order (always, as the segmenter writes them): one pass over the text as
    // far as the last line, not an index of every char of the document
    let positions: Vec<usize> = blocks.iter().flat_map(|b| [b[0], b[1]]).collect();
    let bytes = rasid_text::chars::byte_offsets(text, &positions);
    bytes
        .chunks_exact(2)
        .map(|b| &text[b[0]..b[1]])
        .collect::<Vec<_>>()
        .join("\n")
}

/// A MinHash signature as read back from its stored bytes ([`minhash_bytes`]).
pub(crate) fn minhash_of(bytes: &[u8]) -> Vec<u32> {
    bytes
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

pub(crate) fn minhash_bytes(fp: &Fingerprint) -> Option<Vec<u8>> {
    fp.minhash
        .as_ref()
        .map(|m| m.iter().flat_map(|x| x.to_le_bytes()).collect())
}

/// Insert one document and all its facts; false when it was already stored.
pub(crate) fn insert_document(db: &mut dyn Backend, d: &StoredDocument) -> Result<bool> {
    let n = db.exec(
        "INSERT INTO documents (id, source, content_hash, chars, encoding, url, text)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        &[
            d.id.as_str().into(),
            d.record.source.as_str().into(),
            d.content_hash.as_str().into(),
            d.record.chars.into(),
            d.encoding.as_str().into(),
            d.url.clone().into(),
            d.text.as_str().into(),
        ],
    )?;
    if n == 0 {
        return Ok(false);
    }
    insert_articles(db, d, &HashSet::new())?;
    Ok(true)
}

/// Write the articles of `d` and all their facts; SQLite search terms for each article
/// whose id is not in `indexed`.
fn insert_articles(
    db: &mut dyn Backend,
    d: &StoredDocument,
    indexed: &HashSet<String>,
) -> Result<()> {
    for (idx, a) in d.record.articles.iter().enumerate() {
        let fp = d.fingerprints.get(idx).and_then(Option::as_ref);
        let text = d.texts.get(idx).cloned().unwrap_or_default();
        let index = !indexed.contains(&article_id(&d.id, idx));
        insert_article(db, d, idx, a, fp, &text, index)?;
    }
    Ok(())
}

/// The per-article tables, children first, each with the statement that deletes one
/// document's rows (`?`: the document id).
const PER_ARTICLE: &[&str] = &[
    "DELETE FROM event_evidence WHERE event_id IN (SELECT e.id FROM events e
        JOIN articles a ON a.id = e.article_id WHERE a.document_id = ?)",
    "DELETE FROM event_actors WHERE event_id IN (SELECT e.id FROM events e
        JOIN articles a ON a.id = e.article_id WHERE a.document_id = ?)",
    "DELETE FROM event_targets WHERE event_id IN (SELECT e.id FROM events e
        JOIN articles a ON a.id = e.article_id WHERE a.document_id = ?)",
    "DELETE FROM events WHERE article_id IN (SELECT id FROM articles WHERE document_id = ?)",
    "DELETE FROM relation_evidence WHERE relation_id IN (SELECT r.id FROM relations r
        JOIN articles a ON a.id = r.article_id WHERE a.document_id = ?)",
    "DELETE FROM relations WHERE article_id IN (SELECT id FROM articles WHERE document_id = ?)",
    "DELETE FROM actor_mentions WHERE article_id IN (SELECT id FROM articles WHERE document_id = ?)",
    "DELETE FROM article_actors WHERE article_id IN (SELECT id FROM articles WHERE document_id = ?)",
    "DELETE FROM place_mentions WHERE article_id IN (SELECT id FROM articles WHERE document_id = ?)",
    "DELETE FROM article_places WHERE article_id IN (SELECT id FROM articles WHERE document_id = ?)",
    "DELETE FROM article_bands WHERE article_id IN (SELECT id FROM articles WHERE document_id = ?)",
    "DELETE FROM merge_pending WHERE article_id IN (SELECT id FROM articles WHERE document_id = ?)",
    "DELETE FROM articles WHERE document_id = ?",
];

/// Put the facts of `d`, extracted again, in place of those stored for the same document
/// (same id, same text); false when the document is not stored (nothing written). Its
/// articles and every per-article row are deleted and written anew; the document row
/// stays. SQLite's search index is contentless and cannot drop a row: an article id that
/// was indexed keeps its terms (its text is the document's, which did not change), a new
/// one is indexed, and the rows of articles that are gone match nothing a search keeps.
pub(crate) fn replace_document(db: &mut dyn Backend, d: &StoredDocument) -> Result<bool> {
    let exists = !db
        .query(
            "SELECT 1 FROM documents WHERE id = ?",
            &[d.id.as_str().into()],
        )?
        .is_empty();
    if !exists {
        return Ok(false);
    }
    let mut indexed = HashSet::new();
    for r in db.query(
        "SELECT id FROM articles WHERE document_id = ?",
        &[d.id.as_str().into()],
    )? {
        indexed.insert(r[0].text("articles.id")?);
    }
    for sql in PER_ARTICLE {
        db.exec(sql, &[d.id.as_str().into()])?;
    }
    insert_articles(db, d, &indexed)?;
    Ok(true)
}

fn insert_article(
    db: &mut dyn Backend,
    d: &StoredDocument,
    idx: usize,
    a: &ArticleRecord,
    fp: Option<&Fingerprint>,
    text: &ArticleText,
    index: bool,
) -> Result<()> {
    let id = article_id(&d.id, idx);
    let record = serde_json::to_string(a)?;
    let sqlite = db.dialect() == crate::backend::Dialect::Sqlite;
    db.exec(
        "INSERT INTO articles (id, document_id, idx, title, main, relevant, published, outlet,
            span_start, span_end, exact_hash, minhash, search_title, search_body, record,
            blocks)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        &[
            id.as_str().into(),
            d.id.as_str().into(),
            idx.into(),
            a.title.as_str().into(),
            a.main.into(),
            a.relevant.into(),
            a.published.clone().into(),
            a.outlet.clone().into(),
            a.span[0].into(),
            a.span[1].into(),
            fp.map(|f| format!("{:016x}", f.exact)).into(),
            fp.and_then(minhash_bytes).into(),
            // SQLite: the terms live in the FTS5 index only
            if sqlite {
                ""
            } else {
                text.search_title.as_str()
            }
            .into(),
            if sqlite {
                ""
            } else {
                text.search_body.as_str()
            }
            .into(),
            record.into(),
            serde_json::to_string(&a.blocks)?.into(),
        ],
    )?;
    // waits for the merge, which finds its copies through its band keys
    db.exec(
        "INSERT INTO merge_pending (article_id) VALUES (?) ON CONFLICT DO NOTHING",
        &[id.as_str().into()],
    )?;
    if let Some(sig) = fp.and_then(|f| f.minhash.as_deref()) {
        insert_band_keys(db, &id, sig)?;
    }
    if sqlite && index {
        db.exec(
            "INSERT INTO article_search (article_id, title, body) VALUES (?, ?, ?)",
            &[
                id.as_str().into(),
                text.search_title.as_str().into(),
                text.search_body.as_str().into(),
            ],
        )?;
    }
    for actor in &a.actors {
        db.exec(
            "INSERT INTO article_actors (article_id, actor_id, kind, name_ar, name_en, affiliation, role)
             VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            &[
                id.as_str().into(),
                actor.id.as_str().into(),
                actor.kind.as_str().into(),
                actor.name_ar.as_str().into(),
                actor.name_en.clone().into(),
                actor.affiliation.clone().into(),
                actor.role.clone().into(),
            ],
        )?;
        for (seq, m) in actor.mentions.iter().enumerate() {
            db.exec(
                "INSERT INTO actor_mentions (article_id, actor_id, seq, text, span_start, span_end, rule)
                 VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                &[
                    id.as_str().into(),
                    actor.id.as_str().into(),
                    seq.into(),
                    m.text.as_str().into(),
                    m.start.into(),
                    m.end.into(),
                    m.rule.as_str().into(),
                ],
            )?;
        }
    }
    for (pidx, p) in a.places.iter().enumerate() {
        db.exec(
            "INSERT INTO article_places (article_id, idx, name_ar, place_id, name_en, country, admin1, lat, lon, kind)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            &[
                id.as_str().into(),
                pidx.into(),
                p.name_ar.as_str().into(),
                p.id.clone().into(),
                p.name_en.clone().into(),
                p.country.clone().into(),
                p.admin1.clone().into(),
                p.lat.into(),
                p.lon.into(),
                p.kind.clone().into(),
            ],
        )?;
        for (seq, m) in p.mentions.iter().enumerate() {
            db.exec(
                "INSERT INTO place_mentions (article_id, place_idx, seq, text, span_start, span_end, rule)
                 VALUES (?, ?, ?, ?, ?, ?, ?)",
                &[
                    id.as_str().into(),
                    pidx.into(),
                    seq.into(),
                    m.text.as_str().into(),
                    m.start.into(),
                    m.end.into(),
                    m.rule.as_str().into(),
                ],
            )?;
        }
    }
    for (eidx, e) in a.events.iter().enumerate() {
        let eid = event_id(&id, eidx);
        let place = e
            .place
            .as_ref()
            .and_then(|name| a.places.iter().find(|p| &p.name_ar == name));
        let country = place.and_then(|p| p.country.clone());
        let place_id = place.and_then(|p| p.id.clone());
        db.exec(
            "INSERT INTO events (id, article_id, idx, event_type, subtype, place, place_id, country, date, date_end,
                killed, injured, modality, claimed_by, text, span_start, span_end, rule, background, confidence)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            &[
                eid.as_str().into(),
                id.as_str().into(),
                eidx.into(),
                e.kind.as_str().into(),
                e.subtype.clone().into(),
                e.place.clone().into(),
                place_id.into(),
                country.into(),
                e.date.clone().into(),
                e.date_end.clone().into(),
                e.killed.into(),
                e.injured.into(),
                e.modality.as_str().into(),
                e.claimed_by.clone().into(),
                e.evidence.text.as_str().into(),
                e.evidence.start.into(),
                e.evidence.end.into(),
                e.evidence.rule.as_str().into(),
                e.background.into(),
                stored_confidence(e.confidence).into(),
            ],
        )?;
        for (pos, actor) in e.actors.iter().enumerate() {
            db.exec(
                "INSERT INTO event_actors (event_id, pos, actor_id) VALUES (?, ?, ?)",
                &[eid.as_str().into(), pos.into(), actor.as_str().into()],
            )?;
        }
        for (pos, actor) in e.targets.iter().enumerate() {
            db.exec(
                "INSERT INTO event_targets (event_id, pos, actor_id) VALUES (?, ?, ?)",
                &[eid.as_str().into(), pos.into(), actor.as_str().into()],
            )?;
        }
        let evidence: Vec<&Evidence> = if e.mentions.is_empty() {
            vec![&e.evidence]
        } else {
            e.mentions.iter().collect()
        };
        insert_evidence(db, "event_evidence", "event_id", &eid, &evidence)?;
    }
    for (ridx, r) in a.relations.iter().enumerate() {
        let rid = relation_id(&id, ridx);
        db.exec(
            "INSERT INTO relations (id, article_id, idx, a, b, relation_type, confidence)
             VALUES (?, ?, ?, ?, ?, ?, ?)",
            &[
                rid.as_str().into(),
                id.as_str().into(),
                ridx.into(),
                r.a.as_str().into(),
                r.b.as_str().into(),
                r.kind.as_str().into(),
                stored_confidence(r.confidence).into(),
            ],
        )?;
        let evidence: Vec<&Evidence> = r.evidence.iter().collect();
        insert_evidence(db, "relation_evidence", "relation_id", &rid, &evidence)?;
    }
    Ok(())
}

/// The LSH band keys of an article's MinHash signature (`article_bands`), in one statement.
pub(crate) fn insert_band_keys(db: &mut dyn Backend, article: &str, sig: &[u32]) -> Result<()> {
    let keys = band_keys(sig);
    if keys.is_empty() {
        return Ok(());
    }
    let marks = vec!["(?, ?)"; keys.len()].join(", ");
    let params: Vec<Value> = keys
        .iter()
        .flat_map(|k| [Value::from(article), Value::Int(*k as i64)])
        .collect();
    db.exec(
        &format!(
            "INSERT INTO article_bands (article_id, band_key) VALUES {marks} ON CONFLICT DO NOTHING"
        ),
        &params,
    )?;
    Ok(())
}

/// A fact's confidence as stored: clamped to 0–1 and rounded to six decimals, so that an
/// `f32` such as 0.7 is stored and exported as 0.7, not 0.699999988; none when absent or
/// not a number.
pub(crate) fn stored_confidence(c: Option<f32>) -> Option<f64> {
    c.filter(|c| c.is_finite())
        .map(|c| (f64::from(c.clamp(0.0, 1.0)) * 1e6).round() / 1e6)
}

fn insert_evidence(
    db: &mut dyn Backend,
    table: &str,
    key: &str,
    id: &str,
    evidence: &[&Evidence],
) -> Result<()> {
    let sql = format!(
        "INSERT INTO {table} ({key}, seq, text, span_start, span_end, rule) VALUES (?, ?, ?, ?, ?, ?)"
    );
    for (seq, ev) in evidence.iter().enumerate() {
        db.exec(
            &sql,
            &[
                id.into(),
                seq.into(),
                ev.text.as_str().into(),
                ev.start.into(),
                ev.end.into(),
                ev.rule.as_str().into(),
            ],
        )?;
    }
    Ok(())
}

/// `Value` from a borrowed string (helper for the callers above).
impl From<&&str> for Value {
    fn from(s: &&str) -> Self {
        Value::Text((*s).to_string())
    }
}
