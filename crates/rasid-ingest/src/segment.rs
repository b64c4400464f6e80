//! Segmentation: a page's classified lines become articles.
//!
//! * The page's own article runs from the first text line until a line that ends the
//!   body (a "read also" marker, a tag line, a source line, a paywall notice).
//! * After that, a headline-like line followed by body paragraphs is an appended article;
//!   headlines and bullets with no body under them are teaser lists and are dropped.
//! * Trailing bullet lists of the page's own article are teaser lists too.
//! * Inside an article, a headline-like line where the topic of the text before and
//!   after it differs sharply starts a glued-on article (two stories with no break).
//! * A "read also" block whose paragraphs continue the page's own topic, with nothing
//!   ending the body before it, lets the page's own article resume.

use std::cell::OnceCell;

use rasid_kb::{Kb, SegmentationCues};
use rasid_text::Span;

use crate::lines::{classify_lines, Line, LineKind};
use crate::similarity::{TopicVector, TopicWords};

/// An article found on the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub main: bool,
    pub title: String,
    pub title_span: Span,
    pub title_rule: &'static str,
    /// Indices into `Segmentation::lines` of the lines kept as the article's text.
    pub lines: Vec<usize>,
    /// Why this article exists.
    pub rule: &'static str,
}

/// Lines of a page and the articles built from them.
#[derive(Debug, Clone)]
pub struct Segmentation {
    pub lines: Vec<Line>,
    pub articles: Vec<Segment>,
    /// Lines dropped, with the rule that dropped them.
    pub dropped: Vec<(usize, &'static str)>,
}

impl Segmentation {
    /// Char spans of an article's kept lines.
    pub fn blocks(&self, seg: &Segment) -> Vec<Span> {
        seg.lines.iter().map(|&i| self.lines[i].span).collect()
    }

    /// Span from an article's first kept line to its last.
    pub fn span(&self, seg: &Segment) -> Span {
        match (seg.lines.first(), seg.lines.last()) {
            (Some(&a), Some(&b)) => Span {
                start: self.lines[a].span.start,
                end: self.lines[b].span.end,
            },
            _ => seg.title_span,
        }
    }
}

/// Minimum chars of body under an appended headline for it to be an article.
const MIN_APPENDED_BODY: usize = 150;
/// Glued-story checks per article are bounded: a page with more headline-like lines than
/// this is a list, not two stories, and each check compares this many lines each side.
const MAX_GLUE_CANDIDATES: usize = 64;
const TOPIC_WINDOW: usize = 40;
/// A title longer than this is cut at a word boundary.
const MAX_TITLE_CHARS: usize = 160;

struct Builder<'a> {
    lines: Vec<Line>,
    cues: &'a SegmentationCues,
    topic_words: TopicWords<'a>,
    /// Topic vectors of lines, computed on first use (only glue and resume checks need them).
    topics: Vec<OnceCell<TopicVector>>,
    dropped: Vec<(usize, &'static str)>,
}

impl Builder<'_> {
    fn chars(&self, idx: &[usize]) -> usize {
        idx.iter()
            .map(|&i| self.lines[i].span.end - self.lines[i].span.start)
            .sum()
    }

    fn topic(&self, idx: &[usize]) -> TopicVector {
        let mut v = TopicVector::default();
        for &i in idx {
            let t = self.topics[i]
                .get_or_init(|| TopicVector::from_text(&self.lines[i].text, &self.topic_words));
            v.add(t);
        }
        v
    }

    fn is_text(&self, i: usize) -> bool {
        self.lines[i].kind == LineKind::Text
    }

    /// Title of an article whose first kept line is `first`.
    fn title_of(&self, first: usize, meta_title: Option<&str>) -> (String, Span, &'static str) {
        let line = &self.lines[first];
        if let Some(t) = meta_title {
            if rasid_text::normalize(t).trim() == line.norm {
                return (line.text.clone(), line.span, "title:container");
            }
        }
        if line.headline_like || line.text.chars().count() <= MAX_TITLE_CHARS {
            return (line.text.clone(), line.span, "title:first_line");
        }
        // a page that opens with a paragraph: its first sentence, cut at a word boundary
        let sentence = rasid_text::sentences(&line.text)
            .first()
            .copied()
            .unwrap_or(Span {
                start: 0,
                end: line.text.chars().count(),
            });
        let mut end = sentence.end;
        if end - sentence.start > MAX_TITLE_CHARS {
            let chars: Vec<char> = line.text.chars().collect();
            end = sentence.start + MAX_TITLE_CHARS;
            while end > sentence.start + 20 && !chars[end].is_whitespace() {
                end -= 1;
            }
        }
        let local = Span {
            start: sentence.start,
            end,
        };
        let text = rasid_text::slice_chars(&line.text, local)
            .trim_end()
            .to_string();
        let len = text.chars().count();
        (
            text,
            Span {
                start: line.span.start + local.start,
                end: line.span.start + local.start + len,
            },
            "title:first_sentence",
        )
    }

    fn article(
        &self,
        lines: Vec<usize>,
        main: bool,
        rule: &'static str,
        meta_title: Option<&str>,
    ) -> Segment {
        let (title, title_span, title_rule) = self.title_of(lines[0], meta_title);
        Segment {
            main,
            title,
            title_span,
            title_rule,
            lines,
            rule,
        }
    }

    /// Split `lines` at glued-on stories; returns the pieces in order.
    fn split_glued(&self, lines: Vec<usize>) -> Vec<Vec<usize>> {
        let min = self.cues.glue_min_chars;
        let mut best: Option<(usize, f32)> = None;
        let candidates = (2..lines.len())
            .filter(|&p| self.is_text(lines[p]) && self.lines[lines[p]].headline_like)
            .take(MAX_GLUE_CANDIDATES);
        for p in candidates {
            let (before, after) = (&lines[..p], &lines[p + 1..]);
            if self.chars(before) < min || self.chars(after) < min {
                continue;
            }
            // the text next to the headline: up to TOPIC_WINDOW lines each side
            let before = &before[before.len().saturating_sub(TOPIC_WINDOW)..];
            let after = &after[..after.len().min(TOPIC_WINDOW)];
            let sim = self.topic(before).cosine(&self.topic(after));
            if sim < self.cues.glue_max_similarity && best.is_none_or(|(_, s)| sim < s) {
                best = Some((p, sim));
            }
        }
        match best {
            Some((p, _)) => {
                let mut out = vec![lines[..p].to_vec()];
                out.extend(self.split_glued(lines[p..].to_vec()));
                out
            }
            None => vec![lines],
        }
    }

    /// Appended material after the page's own article: articles and teasers.
    fn appended(&mut self, group: &[usize]) -> Vec<Vec<usize>> {
        let mut out: Vec<Vec<usize>> = Vec::new();
        let mut k = 0;
        while k < group.len() {
            let i = group[k];
            let line = &self.lines[i];
            if line.kind == LineKind::Bullet {
                self.dropped.push((i, "seg:teaser_list"));
                k += 1;
                continue;
            }
            if line.headline_like {
                let mut j = k + 1;
                while j < group.len()
                    && self.is_text(group[j])
                    && !self.lines[group[j]].headline_like
                {
                    j += 1;
                }
                let body = &group[k + 1..j];
                if self.chars(body) >= MIN_APPENDED_BODY {
                    // a sub-heading continuing the previous appended article's topic
                    let continues = out.last().is_some_and(|prev| {
                        let prev = &prev[prev.len().saturating_sub(TOPIC_WINDOW).max(1)..];
                        self.topic(prev).cosine(&self.topic(body))
                            >= self.cues.resume_min_similarity
                    });
                    if continues {
                        if let Some(prev) = out.last_mut() {
                            prev.extend_from_slice(&group[k..j]);
                        }
                    } else {
                        out.push(group[k..j].to_vec());
                    }
                } else {
                    self.dropped.push((i, "seg:teaser_headline"));
                    for &b in body {
                        self.dropped.push((b, "seg:teaser_blurb"));
                    }
                }
                k = j.max(k + 1);
                continue;
            }
            // a paragraph with no headline above it
            match out.last_mut() {
                Some(prev) => prev.push(i),
                None if line.span.end - line.span.start >= MIN_APPENDED_BODY => out.push(vec![i]),
                None => self.dropped.push((i, "seg:orphan_line")),
            }
            k += 1;
        }
        out
    }
}

/// Segment `text` into articles with the knowledge base's segmentation cues and tokenizer.
/// `meta_title` is a title given by the container (JSON, HTML), which the text then starts
/// with.
pub fn segment(text: &str, meta_title: Option<&str>, kb: &Kb) -> Segmentation {
    let cues = &kb.segmentation;
    let lines = classify_lines(text, cues);
    let topics = lines.iter().map(|_| OnceCell::new()).collect();
    let mut b = Builder {
        lines,
        cues,
        topic_words: TopicWords::of(kb),
        topics,
        dropped: Vec::new(),
    };

    let mut main_lines: Vec<usize> = Vec::new();
    // appended blocks, each with whether the page's body had ended before it began
    let mut blocks: Vec<(Vec<usize>, bool)> = Vec::new();
    let mut current: Option<(Vec<usize>, bool)> = None;
    let mut body_ended = false;
    for i in 0..b.lines.len() {
        let kind = b.lines[i].kind.clone();
        match kind {
            LineKind::Text | LineKind::Bullet => match current.as_mut() {
                Some((g, _)) => g.push(i),
                None if body_ended => current = Some((vec![i], true)),
                None => main_lines.push(i),
            },
            LineKind::Marker => {
                if let Some(block) = current.take() {
                    blocks.push(block);
                }
                current = Some((Vec::new(), body_ended));
                b.dropped.push((i, kind.rule()));
                if !main_lines.is_empty() {
                    body_ended = true;
                }
            }
            other => {
                b.dropped.push((i, other.rule()));
                if other.ends_body() && !main_lines.is_empty() {
                    body_ended = true;
                }
            }
        }
    }
    if let Some(block) = current.take() {
        blocks.push(block);
    }
    blocks.retain(|(g, _)| !g.is_empty());

    // trailing bullets of the page's own article are a teaser list
    while main_lines.len() > 1 {
        let last = main_lines[main_lines.len() - 1];
        if b.lines[last].kind != LineKind::Bullet {
            break;
        }
        if !main_lines
            .iter()
            .any(|&i| b.lines[i].kind == LineKind::Text && !b.lines[i].headline_like)
        {
            break;
        }
        b.dropped.push((last, "seg:trailing_teaser_list"));
        main_lines.pop();
    }

    let mut appended: Vec<Vec<usize>> = Vec::new();
    for (n, (g, ended_before)) in blocks.iter().enumerate() {
        let mut pieces = b.appended(g);
        // the page's own article may resume after a "read also" insert
        if n == 0 && !ended_before && !main_lines.is_empty() {
            if let Some(first) = pieces.first() {
                let body = if b.lines[first[0]].headline_like {
                    &first[1..]
                } else {
                    &first[..]
                };
                let sim = b.topic(&main_lines).cosine(&b.topic(body));
                if !body.is_empty() && sim >= cues.resume_min_similarity {
                    if b.lines[first[0]].headline_like {
                        b.dropped.push((first[0], "seg:teaser_headline"));
                    }
                    main_lines.extend_from_slice(body);
                    pieces.remove(0);
                }
            }
        }
        appended.extend(pieces);
    }

    let mut articles = Vec::new();
    let meta_title = meta_title.filter(|t| !t.trim().is_empty());
    if main_lines.is_empty() && !appended.is_empty() {
        main_lines = appended.remove(0);
    }
    if !main_lines.is_empty() {
        let mut pieces = b.split_glued(main_lines).into_iter();
        if let Some(first) = pieces.next() {
            articles.push(b.article(first, true, "seg:page_article", meta_title));
        }
        for p in pieces {
            articles.push(b.article(p, false, "seg:glued_topic_shift", None));
        }
    }
    for a in appended {
        let mut pieces = b.split_glued(a).into_iter();
        if let Some(first) = pieces.next() {
            articles.push(b.article(first, false, "seg:appended_article", None));
        }
        for p in pieces {
            articles.push(b.article(p, false, "seg:glued_topic_shift", None));
        }
    }
    b.dropped.sort_unstable();
    Segmentation {
        lines: b.lines,
        articles,
        dropped: b.dropped,
    }
}
