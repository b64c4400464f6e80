//! `rasid extract --explain`: every fact of a document, one per line, with the rule or
//! model that produced it and the evidence it was read from.

use std::fmt::Write;

use rasid_model::DocumentRecord;

fn clip(text: &str) -> String {
    const MAX: usize = 160;
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= MAX {
        flat
    } else {
        let cut: String = flat.chars().take(MAX).collect();
        format!("{cut}…")
    }
}

/// One indented line per evidence span.
fn evidence_lines(o: &mut String, evidence: &[rasid_model::Evidence]) {
    for m in evidence {
        let _ = writeln!(
            o,
            "         [{}..{}] by {}: «{}»",
            m.start,
            m.end,
            m.rule,
            clip(&m.text)
        );
    }
}

/// A human-readable account of one document's facts.
pub fn explain(record: &DocumentRecord) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# {}", record.source);
    for (n, a) in record.articles.iter().enumerate() {
        let _ = writeln!(
            o,
            "## article {n} [{}..{}] main={} relevant={} (score {:.1}) duplicate_of={}  «{}»",
            a.span[0],
            a.span[1],
            a.main,
            a.relevant,
            a.relevance.score,
            a.duplicate_of.as_deref().unwrap_or("-"),
            clip(&a.title)
        );
        for x in &a.actors {
            for m in &x.mentions {
                let _ = writeln!(
                    o,
                    "actor    {:<28} [{}..{}] «{}»  by {}",
                    x.id, m.start, m.end, m.text, m.rule
                );
            }
        }
        for p in &a.places {
            for m in &p.mentions {
                let _ = writeln!(
                    o,
                    "place    {:<28} {} [{}..{}] «{}»  by {}",
                    p.name_ar,
                    p.country.as_deref().unwrap_or("--"),
                    m.start,
                    m.end,
                    m.text,
                    m.rule
                );
            }
        }
        for d in &a.dates {
            let _ = writeln!(
                o,
                "date     {:<28} [{}..{}] «{}»  by {}",
                d.date, d.start, d.end, d.text, d.rule
            );
        }
        for e in &a.events {
            let _ = writeln!(
                o,
                "event    {}{} actors={:?} place={} date={} killed={} injured={} modality={}{}",
                e.kind,
                e.subtype
                    .as_deref()
                    .map(|s| format!("/{s}"))
                    .unwrap_or_default(),
                e.actors,
                e.place.as_deref().unwrap_or("-"),
                e.date.as_deref().unwrap_or("-"),
                e.killed.map_or("-".into(), |k| k.to_string()),
                e.injured.map_or("-".into(), |k| k.to_string()),
                e.modality,
                e.claimed_by
                    .as_deref()
                    .map(|c| format!(" claimed_by={c}"))
                    .unwrap_or_default()
            );
            evidence_lines(&mut o, &e.mentions);
        }
        for r in &a.relations {
            let _ = writeln!(o, "relation {} {} {}", r.a, r.kind, r.b);
            evidence_lines(&mut o, &r.evidence);
        }
    }
    o
}
