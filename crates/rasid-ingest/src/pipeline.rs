//! The document pipeline of this crate: a [`Document`] becomes a [`DocumentRecord`] with
//! its articles segmented, titled, dated, attributed to an outlet, judged for relevance and
//! fingerprinted. Duplicate marking across documents is [`Deduplicator`]'s job, fed in
//! input order.

use rasid_kb::Kb;
use rasid_model::{ArticleRecord, DocumentRecord, Evidence};
use rasid_text::{Normalized, Span};

use crate::dedup::{fingerprint_normalized, ArticleRef, DedupIndex, Fingerprint};
use crate::document::Document;
use crate::lines::LineKind;
use crate::outlet;
use crate::published::PublicationDateFinder;
use crate::relevance::{judge, CueHit};
use crate::segment::{segment, Segmentation};

/// A processed document and the fingerprints of its articles (same order).
#[derive(Debug, Clone)]
pub struct ProcessedDocument {
    pub record: DocumentRecord,
    /// One per article; `None` for an article with no body text, never marked a duplicate.
    pub fingerprints: Vec<Option<Fingerprint>>,
    /// The page's lines and articles, for later stages.
    pub segmentation: Segmentation,
    /// The normalised document text with its offset map, for later stages.
    pub norm: Normalized,
    /// How the roles of each event trigger were read (filled by the extractor).
    pub role_readings: Vec<rasid_model::RoleReading>,
}

/// Everything compiled once per run.
#[derive(Debug)]
pub struct Pipeline<'kb> {
    kb: &'kb Kb,
    dates: PublicationDateFinder,
}

/// How many lines at the top and bottom of an article are searched for a dateline.
const DATELINE_LINES: usize = 2;

impl<'kb> Pipeline<'kb> {
    pub fn new(kb: &'kb Kb) -> Self {
        Self {
            kb,
            dates: PublicationDateFinder::new(&kb.calendar),
        }
    }

    pub fn kb(&self) -> &Kb {
        self.kb
    }

    /// Segment and annotate one document.
    pub fn process(&self, doc: &Document) -> ProcessedDocument {
        let chars: Vec<char> = doc.text.chars().collect();
        let seg = segment(&doc.text, doc.meta.title.as_deref(), self.kb);
        let norm = Normalized::new(&doc.text);

        // relevance cues over the whole document, mapped back to original spans
        let hits: Vec<CueHit> = self
            .kb
            .relevance
            .find(norm.text())
            .into_iter()
            .map(|m| CueHit {
                span: norm.to_original(Span {
                    start: m.start,
                    end: m.end,
                }),
                cue: m.payload,
                in_title: false,
            })
            .collect();

        // page-level outlet: metadata first, then a source line, then «قال لـ"…"»
        let page_outlet: Option<(String, Evidence)> =
            outlet::from_meta(&doc.meta, &self.kb.outlets)
                .map(|(name, rule)| (name, meta_evidence(rule)));

        let mut articles = Vec::new();
        let mut fingerprints = Vec::new();
        for (n, a) in seg.articles.iter().enumerate() {
            let blocks = seg.blocks(a);
            let span = seg.span(a);
            let inside = |s: Span| blocks.iter().any(|b| b.start <= s.start && s.end <= b.end);
            let title = a.title_span;
            let from = hits.partition_point(|h| h.span.start < span.start);
            let art_hits: Vec<CueHit> = hits[from..]
                .iter()
                .take_while(|h| h.span.start < span.end)
                .filter(|h| inside(h.span))
                .map(|h| CueHit {
                    in_title: title.start <= h.span.start && h.span.end <= title.end,
                    ..*h
                })
                .collect();
            let words: usize = a.lines.iter().map(|&i| seg.lines[i].words).sum();
            let (relevant, relevance) = judge(&art_hits, words, &chars, &self.kb.relevance);

            // source lines that follow this article (up to the next article)
            let next_start = seg
                .articles
                .get(n + 1)
                .map_or(usize::MAX, |b| seg.span(b).start);
            let source_line = seg.lines.iter().find_map(|l| match l.kind {
                LineKind::Source(v) if l.span.start >= span.start && l.span.start < next_start => {
                    // `v` is in the line's normalised text; map through the line's own map
                    let ln = Normalized::new(&l.text);
                    let o = ln.to_original(v);
                    Some(Span {
                        start: l.span.start + o.start,
                        end: l.span.start + o.end,
                    })
                }
                _ => None,
            });
            let outlet_ev = page_outlet
                .clone()
                .or_else(|| {
                    source_line.map(|v| outlet::from_source_line(&chars, v, &self.kb.outlets))
                })
                .or_else(|| {
                    a.main
                        .then(|| outlet::from_statement(&chars, &norm, span, &self.kb.outlets))
                        .flatten()
                });

            let published = self.published(doc, &seg, a.lines.as_slice());
            let body_norm: String = a
                .lines
                .iter()
                .skip(1)
                .map(|&i| seg.lines[i].norm.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            // a title with no body («كاريكاتير») says nothing about being the same story
            fingerprints
                .push((!body_norm.trim().is_empty()).then(|| fingerprint_normalized(&body_norm)));
            articles.push(ArticleRecord {
                title: a.title.clone(),
                main: a.main,
                relevant,
                duplicate_of: None,
                published: published.as_ref().map(|p| p.0.clone()),
                outlet: outlet_ev.as_ref().map(|e| e.0.clone()),
                actors: Vec::new(),
                places: Vec::new(),
                events: Vec::new(),
                relations: Vec::new(),
                dates: Vec::new(),
                numbers: Vec::new(),
                span: [span.start, span.end],
                blocks: blocks.iter().map(|b| [b.start, b.end]).collect(),
                title_evidence: Some(Evidence {
                    text: a.title.clone(),
                    start: a.title_span.start,
                    end: a.title_span.end,
                    rule: a.title_rule.to_string(),
                }),
                published_evidence: published.map(|p| p.1),
                outlet_evidence: outlet_ev.map(|e| e.1),
                relevance,
                duplicate_of_article: None,
                duplicate_similarity: None,
            });
        }
        ProcessedDocument {
            record: DocumentRecord {
                source: doc.source.clone(),
                chars: chars.len(),
                articles,
            },
            fingerprints,
            segmentation: seg,
            norm,
            role_readings: Vec::new(),
        }
    }

    /// Publication date: container metadata, else «اليوم … <date>» in the article, else a
    /// dateline among the first or last lines of the article.
    fn published(
        &self,
        doc: &Document,
        seg: &Segmentation,
        lines: &[usize],
    ) -> Option<(String, Evidence)> {
        if let Some((iso, rule)) = &doc.meta.published {
            return Some((iso.clone(), meta_evidence(rule)));
        }
        for &i in lines {
            let l = &seg.lines[i];
            if l.norm.contains("اليوم") {
                if let Some(found) = self.dates.today_in(&l.text, l.span) {
                    return Some(found);
                }
            }
        }
        // datelines: the first and last lines of the article, and short lines just after it
        let first = lines.first().copied()?;
        let last = lines.last().copied()?;
        let n = seg.lines.len();
        let head = first..(first + DATELINE_LINES).min(n);
        let tail = (last + 1).saturating_sub(DATELINE_LINES)..(last + 1 + DATELINE_LINES).min(n);
        head.chain(tail).find_map(|i| {
            self.dates
                .dateline_in(&seg.lines[i].text, seg.lines[i].span)
        })
    }
}

/// Evidence for a fact read from the container's metadata rather than from the text:
/// an empty span at 0 and the field it came from as the rule.
fn meta_evidence(rule: &str) -> Evidence {
    Evidence {
        text: String::new(),
        start: 0,
        end: 0,
        rule: rule.to_string(),
    }
}

/// Marks later copies of articles across the documents of a run.
#[derive(Debug, Default)]
pub struct Deduplicator {
    index: DedupIndex,
}

impl Deduplicator {
    pub fn new() -> Self {
        Self::default()
    }

    /// Set `duplicate_of` on every article of `doc` that copies an earlier one.
    pub fn apply(&mut self, doc: &mut ProcessedDocument) {
        for (n, (article, fp)) in doc
            .record
            .articles
            .iter_mut()
            .zip(&doc.fingerprints)
            .enumerate()
        {
            let at = ArticleRef {
                source: doc.record.source.clone(),
                article: n,
            };
            let Some(fp) = fp else { continue };
            if let Some((earlier, sim)) = self.index.check_and_insert(fp, at) {
                article.duplicate_of = Some(earlier.source);
                article.duplicate_of_article = Some(earlier.article);
                article.duplicate_similarity = Some((sim * 1000.0).round() / 1000.0);
            }
        }
    }
}
