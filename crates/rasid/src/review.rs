//! `rasid review`: analysts' decisions on the store's facts from the command line — record
//! one, list them, move them between stores — and `rasid eval --reviews`, the extractor's
//! precision against them.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::Path;

use anyhow::{bail, Context};
use rasid_store::{Correction, Decision, FactKind, FactRef, Store, StoredDecision, Verdict};

/// The fact a `review add` is about, as its options name it.
pub struct FactArgs<'a> {
    pub event: Option<&'a str>,
    pub relation: Option<&'a str>,
    pub actor: Option<&'a str>,
    pub place: Option<&'a str>,
}

impl FactArgs<'_> {
    /// The fact named by exactly one option (`--actor ARTICLE:ACTOR`, `--place
    /// ARTICLE:NAME`).
    pub fn fact(&self) -> anyhow::Result<FactRef> {
        let split = |v: &str, what: &str| -> anyhow::Result<(String, String)> {
            match v.split_once(':') {
                Some((a, b)) if !a.is_empty() && !b.is_empty() => Ok((a.into(), b.into())),
                _ => bail!("--{what} takes ARTICLE:{}, got {v:?}", what.to_uppercase()),
            }
        };
        Ok(match (self.event, self.relation, self.actor, self.place) {
            (Some(id), None, None, None) => FactRef::Event { id: id.into() },
            (None, Some(id), None, None) => FactRef::Relation { id: id.into() },
            (None, None, Some(v), None) => {
                let (article, actor) = split(v, "actor")?;
                FactRef::Actor { article, actor }
            }
            (None, None, None, Some(v)) => {
                let (article, name) = split(v, "place")?;
                FactRef::Place { article, name }
            }
            _ => bail!("name one fact: --event ID, --relation ID, --actor ARTICLE:ACTOR or --place ARTICLE:NAME"),
        })
    }
}

/// The verdict of `review add`: `--correct JSON` carries its correction.
pub fn verdict(
    confirm: bool,
    reject: bool,
    correct: Option<&str>,
) -> anyhow::Result<(Verdict, Option<Correction>)> {
    Ok(match (confirm, reject, correct) {
        (true, false, None) => (Verdict::Confirm, None),
        (false, true, None) => (Verdict::Reject, None),
        (false, false, Some(json)) => {
            let c: Correction = serde_json::from_str(json).with_context(|| {
                format!("--correct takes a JSON object such as {{\"event_type\":\"ARREST\"}}, got {json:?}")
            })?;
            (Verdict::Correct, Some(c))
        }
        _ => bail!("give one of --confirm, --reject or --correct JSON"),
    })
}

/// Record one decision about `fact`, re-merge, print the stored decision.
pub fn add(
    store: &mut Store,
    fact: &FactRef,
    verdict: (Verdict, Option<Correction>),
    analyst: &str,
    note: Option<String>,
) -> anyhow::Result<()> {
    let subject = store.subject_of(fact)?;
    let decision = Decision {
        subject,
        verdict: verdict.0,
        correction: verdict.1,
        analyst: analyst.to_string(),
        note,
        at: rasid_store::review::now(),
    };
    let id = store.record_decision(&decision)?;
    store.merge().context("merging with the new decision")?;
    let stored = store
        .decision(&id)?
        .context("the decision just stored is not in the store")?;
    print_line(&stored)
}

fn print_line(value: &impl serde::Serialize) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

/// `review list`: the decisions in force (`all`: every decision), or only those whose
/// fact this store no longer extracts (`orphans`).
pub fn list(store: &mut Store, all: bool, orphans: bool) -> anyhow::Result<()> {
    for d in store.decisions(all)? {
        if !orphans || !d.applies {
            print_line(&d)?;
        }
    }
    Ok(())
}

/// `review export`: every decision, oldest first, as JSON Lines of decisions (what
/// `review import` reads).
pub fn export(store: &mut Store, out: &mut dyn Write) -> anyhow::Result<usize> {
    let all = store.decisions(true)?;
    for d in &all {
        serde_json::to_writer(&mut *out, &d.decision)?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(all.len())
}

/// What `review import` did.
#[derive(Debug, serde::Serialize)]
pub struct Imported {
    pub read: usize,
    pub new: usize,
    /// Decisions in force whose fact this store does not extract.
    pub not_applying: usize,
}

/// `review import FILE…`: decisions written by `review export` (JSON Lines). All are
/// checked before any is stored; a bad line is an error naming its file and line.
pub fn import(store: &mut Store, files: &[&Path]) -> anyhow::Result<Imported> {
    let mut decisions = Vec::new();
    for path in files {
        let file =
            std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
        for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
            let line = line.with_context(|| format!("{}:{}: reading", path.display(), n + 1))?;
            if line.trim().is_empty() {
                continue;
            }
            let d: Decision = serde_json::from_str(&line)
                .with_context(|| format!("{}:{}: not a decision", path.display(), n + 1))?;
            d.check()
                .with_context(|| format!("{}:{}", path.display(), n + 1))?;
            decisions.push(d);
        }
    }
    let (_, new) = store.record_decisions(&decisions)?;
    store
        .merge()
        .context("merging with the imported decisions")?;
    let not_applying = store
        .decisions(false)?
        .iter()
        .filter(|d| !d.applies)
        .count();
    Ok(Imported {
        read: decisions.len(),
        new,
        not_applying,
    })
}

/// The extractor against the analysts, per kind of fact: of the facts decided on that
/// the store extracts now, how many were confirmed (right) and how many rejected or
/// corrected (wrong); and of those it no longer extracts, how many were wrong (fixed by
/// the change) and how many right (broken by it).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Agreement {
    pub confirmed: usize,
    pub rejected: usize,
    pub corrected: usize,
    /// Rejected or corrected, and no longer extracted.
    pub fixed: usize,
    /// Confirmed, and no longer extracted.
    pub broken: usize,
}

impl Agreement {
    /// Confirmed over all decided facts still extracted; none when there are none.
    pub fn precision(&self) -> Option<f64> {
        let decided = self.confirmed + self.rejected + self.corrected;
        (decided > 0).then(|| self.confirmed as f64 / decided as f64)
    }
}

/// [`Agreement`] per kind of fact, over the decisions in force.
pub fn agreement(decisions: &[StoredDecision]) -> BTreeMap<FactKind, Agreement> {
    let mut out: BTreeMap<FactKind, Agreement> = BTreeMap::new();
    for d in decisions.iter().filter(|d| d.current) {
        let a = out.entry(d.decision.subject.kind).or_default();
        match (d.decision.verdict, d.applies) {
            (Verdict::Confirm, true) => a.confirmed += 1,
            (Verdict::Reject, true) => a.rejected += 1,
            (Verdict::Correct, true) => a.corrected += 1,
            (Verdict::Confirm, false) => a.broken += 1,
            (Verdict::Reject | Verdict::Correct, false) => a.fixed += 1,
        }
    }
    out
}

/// `rasid eval --reviews`: the agreement table, as Markdown.
pub fn eval(store: &mut Store) -> anyhow::Result<()> {
    let decisions = store.decisions(false)?;
    if decisions.is_empty() {
        bail!("the store holds no analysts' decisions (`rasid review add` or `rasid review import` records them)");
    }
    let table = agreement(&decisions);
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "| fact | precision | confirmed | rejected | corrected | fixed (wrong, now gone) | broken (right, now gone) |"
    )?;
    writeln!(out, "|---|---|---|---|---|---|---|")?;
    let mut total = Agreement::default();
    for (kind, a) in &table {
        writeln!(out, "{}", row(kind.as_str(), a))?;
        total.confirmed += a.confirmed;
        total.rejected += a.rejected;
        total.corrected += a.corrected;
        total.fixed += a.fixed;
        total.broken += a.broken;
    }
    writeln!(out, "{}", row("all", &total))?;
    Ok(())
}

fn row(name: &str, a: &Agreement) -> String {
    let p = a
        .precision()
        .map_or_else(|| "–".to_string(), |p| format!("{p:.3}"));
    format!(
        "| {name} | {p} | {} | {} | {} | {} | {} |",
        a.confirmed, a.rejected, a.corrected, a.fixed, a.broken
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasid_store::{Decision, Subject};

    fn stored(kind: FactKind, verdict: Verdict, applies: bool, current: bool) -> StoredDecision {
        StoredDecision {
            id: "d".into(),
            subject_id: "s".into(),
            decision: Decision {
                subject: Subject {
                    kind,
                    document: "h".into(),
                    start: 0,
                    end: 10,
                    label: "ATTACK".into(),
                },
                verdict,
                correction: None,
                analyst: "lina".into(),
                note: None,
                at: "2026-12-05T10:00:00Z".into(),
            },
            applies,
            current,
        }
    }

    #[test]
    fn precision_counts_the_decided_facts_still_extracted() {
        let ds = [
            stored(FactKind::Event, Verdict::Confirm, true, true),
            stored(FactKind::Event, Verdict::Confirm, true, true),
            stored(FactKind::Event, Verdict::Reject, true, true),
            stored(FactKind::Event, Verdict::Reject, false, true),
            stored(FactKind::Event, Verdict::Confirm, false, true),
            // superseded by a later decision: not counted
            stored(FactKind::Event, Verdict::Reject, true, false),
            stored(FactKind::Relation, Verdict::Correct, true, true),
        ];
        let t = agreement(&ds);
        let e = t[&FactKind::Event];
        assert_eq!((e.confirmed, e.rejected, e.fixed, e.broken), (2, 1, 1, 1));
        assert!((e.precision().unwrap() - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(t[&FactKind::Relation].precision(), Some(0.0));
    }

    #[test]
    fn one_fact_option_and_one_verdict() {
        let args = FactArgs {
            event: None,
            relation: None,
            actor: Some("art1:aqap"),
            place: None,
        };
        assert_eq!(
            args.fact().unwrap(),
            FactRef::Actor {
                article: "art1".into(),
                actor: "aqap".into()
            }
        );
        let none = FactArgs {
            event: None,
            relation: None,
            actor: None,
            place: None,
        };
        assert!(none.fact().is_err());
        assert!(verdict(true, true, None).is_err());
        assert!(verdict(false, false, Some("{\"event_type\": \"ARREST\"}")).is_ok());
        assert!(verdict(false, false, Some("ARREST")).is_err());
    }
}
